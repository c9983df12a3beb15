// SPDX-License-Identifier: Apache-2.0
#include "process/huge_page_memory.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

using zkload::heap::HugePageMemory;

namespace {

/// Whether every 4 KiB page of [p, p + bytes) is mapped and resident (mincore fails with ENOMEM
/// on an unmapped range).
enum class Pages { resident, some_not_resident, unmapped };
Pages pages_of(void* p, size_t bytes)
{
    const auto page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    std::vector<unsigned char> in_core((bytes + page - 1) / page);
    if (mincore(p, bytes, in_core.data()) != 0)
        return errno == ENOMEM ? Pages::unmapped : Pages::some_not_resident;
    for (unsigned char c : in_core)
        if ((c & 1) == 0)
            return Pages::some_not_resident;
    return Pages::resident;
}

/// The smaps block of the mapping that starts at `p`, empty if none does.
std::string smaps_of(void* p)
{
    std::ifstream smaps("/proc/self/smaps");
    std::ostringstream start;
    start << std::hex << reinterpret_cast<uintptr_t>(p) << '-';
    std::string line, block;
    bool in = false;
    while (std::getline(smaps, line))
    {
        const bool header = line.find('-') != std::string::npos && line.find(':') > line.find(' ');
        if (header && in)
            break;
        if (header && line.rfind(start.str(), 0) == 0)
            in = true;
        if (in)
            block += line + '\n';
    }
    return block;
}

std::string thp_mode()
{
    std::ifstream f("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string s;
    std::getline(f, s);
    return s;
}

}  // namespace

TEST(huge_page_memory, hands_out_writable_2_MiB_aligned_blocks_and_unmaps_them_when_given_back)
{
    HugePageMemory memory;
    const size_t bytes = 3 * HugePageMemory::kHugePage + 100;  // rounded up to four huge pages
    void* p = memory.allocate(bytes, 64);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % HugePageMemory::kHugePage, 0u);
    std::memset(p, 0xa5, bytes);
    EXPECT_EQ(static_cast<unsigned char*>(p)[bytes - 1], 0xa5);
    // Faulted in by the allocation itself where the kernel can (MADV_POPULATE_WRITE, Linux 5.14).
    void* probe = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ASSERT_NE(probe, MAP_FAILED);
    const bool populate_works = madvise(probe, 4096, MADV_POPULATE_WRITE) == 0;
    munmap(probe, 4096);
    void* fresh = memory.allocate(HugePageMemory::kHugePage, 8);
    if (populate_works)
    {
        EXPECT_EQ(pages_of(fresh, HugePageMemory::kHugePage), Pages::resident);
    }
    memory.deallocate(fresh, HugePageMemory::kHugePage, 8);
    EXPECT_EQ(pages_of(fresh, HugePageMemory::kHugePage), Pages::unmapped);

    memory.deallocate(p, bytes, 64);
    EXPECT_EQ(pages_of(p, 4 * HugePageMemory::kHugePage), Pages::unmapped);
}

TEST(huge_page_memory, its_blocks_are_advised_for_transparent_huge_pages)
{
    if (thp_mode().find("[never]") != std::string::npos || thp_mode().empty())
        GTEST_SKIP() << "transparent huge pages are off on this machine: " << thp_mode();
    HugePageMemory memory;
    void* p = memory.allocate(2 * HugePageMemory::kHugePage, 16);
    const std::string block = smaps_of(p);
    memory.deallocate(p, 2 * HugePageMemory::kHugePage, 16);
    ASSERT_FALSE(block.empty()) << "no mapping starts at the block";
    EXPECT_TRUE(std::regex_search(block, std::regex(R"((^|\n)THPeligible:\s+1\n)"))) << block;
    EXPECT_NE(block.find(" hg"), std::string::npos) << "VmFlags without hg (MADV_HUGEPAGE):\n" << block;
}

TEST(huge_page_memory, a_monotonic_resource_over_it_keeps_many_small_strings_intact)
{
    HugePageMemory pages;
    std::pmr::monotonic_buffer_resource arena(64 * 1024, &pages);
    std::pmr::vector<std::pmr::string> strings(&arena);
    for (int i = 0; i < 20000; ++i)  // ~5 MB: more than the first mapping, so it adds more
        strings.emplace_back(230, static_cast<char>('a' + i % 26));
    for (int i = 0; i < 20000; ++i)
        ASSERT_EQ(std::string_view(strings[static_cast<size_t>(i)]), std::string(230, static_cast<char>('a' + i % 26))) << i;
    EXPECT_EQ(strings.front().get_allocator().resource(), &arena);
}

TEST(huge_page_memory, refuses_an_alignment_beyond_a_huge_page)
{
    HugePageMemory memory;
    EXPECT_THROW(static_cast<void>(memory.allocate(16, 2 * HugePageMemory::kHugePage)), std::bad_alloc);
}
