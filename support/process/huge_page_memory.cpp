// SPDX-License-Identifier: Apache-2.0
#include "process/huge_page_memory.hpp"

#include <algorithm>
#include <cstdint>
#include <new>

#include <sys/mman.h>

namespace zkload::heap {
namespace {

/// Whole huge pages, at least one (a zero-byte request still gets a mapping of its own).
size_t mapped_size(size_t bytes)
{
    return (std::max<size_t>(bytes, 1) + HugePageMemory::kHugePage - 1) & ~(HugePageMemory::kHugePage - 1);
}

}  // namespace

void* HugePageMemory::do_allocate(size_t bytes, size_t alignment)
{
    if (alignment > kHugePage)
        throw std::bad_alloc();
    const size_t size = mapped_size(bytes);
    // Over-map by one huge page and cut the ends off: the kernel backs only 2 MiB-aligned ranges
    // with huge pages.
    void* mapped = mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED)
        throw std::bad_alloc();
    const auto start = reinterpret_cast<uintptr_t>(mapped);
    const uintptr_t aligned = (start + kHugePage - 1) & ~(kHugePage - 1);
    if (aligned != start)
        munmap(mapped, aligned - start);
    if (const uintptr_t tail = start + size + kHugePage - (aligned + size); tail != 0)
        munmap(reinterpret_cast<void*>(aligned + size), tail);
    auto* block = reinterpret_cast<void*>(aligned);
    // Both are advice: a kernel without THP, or before 5.14, leaves the pages to fault on touch.
    madvise(block, size, MADV_HUGEPAGE);
#ifdef MADV_POPULATE_WRITE
    madvise(block, size, MADV_POPULATE_WRITE);
#endif
    return block;
}

void HugePageMemory::do_deallocate(void* p, size_t bytes, size_t)
{
    munmap(p, mapped_size(bytes));
}

}  // namespace zkload::heap
