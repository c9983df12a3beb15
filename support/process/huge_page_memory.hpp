// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <memory_resource>

namespace zkload::heap {

/// Memory for many small blocks made together and freed together (a row's pre-signed
/// transactions), as a std::pmr upstream: each allocation is its own mapping, aligned to and
/// rounded up to 2 MiB, advised for transparent huge pages and faulted in by one system call.
/// glibc grows a thread's arena by one mprotect per page and the kernel faults each 4 KiB page in
/// on first touch: 100,000 pre-signed transfers took ~7,000 of each, on a paravirtualized VM the
/// dearest part of pre-signing outside the signature. Where the kernel gives no huge pages (THP
/// "never") the mapping still works, with 4 KiB pages. Never reuses a block: wrap it in a
/// std::pmr::monotonic_buffer_resource.
class HugePageMemory final : public std::pmr::memory_resource
{
public:
    static constexpr size_t kHugePage = size_t{2} << 20;

private:
    void* do_allocate(size_t bytes, size_t alignment) override;
    void do_deallocate(void* p, size_t bytes, size_t alignment) override;
    bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }
};

}  // namespace zkload::heap
