// SPDX-License-Identifier: Apache-2.0
#include "process/heap.hpp"

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace zkload::heap {
namespace {

/// glibc's own starting value of both thresholds.
constexpr int kThresholdBytes = 128 * 1024;

}  // namespace

void return_freed_memory_promptly()
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, kThresholdBytes);
    mallopt(M_TRIM_THRESHOLD, kThresholdBytes);
#endif
}

}  // namespace zkload::heap
