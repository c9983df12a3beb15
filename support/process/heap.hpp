// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace zkload::heap {

/// The generator's heap hands back what it frees instead of keeping it for a peak that passed.
/// glibc raises its mmap threshold to the largest block freed so far (up to 32 MiB) and its trim
/// threshold to twice that: after one block-sized reply (a block's receipts after a node stalled)
/// every engine thread's arena may keep megabytes of free space at its top, resident, and
/// malloc_trim does not trim a thread arena's top. Fixing both at glibc's starting 128 KiB keeps
/// large blocks in their own mappings and tops trimmed as they are freed. Call once, in main,
/// before any thread starts; a no-op outside glibc.
void return_freed_memory_promptly();

}  // namespace zkload::heap
