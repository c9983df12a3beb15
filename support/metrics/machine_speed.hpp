// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>

namespace zkload::metrics {

/// A yardstick of this machine's speed now: microseconds one EIP-1559 transfer signature takes
/// (signing and encoding, the generator's main cost), the fastest of `batches` batches of
/// `per_batch` signatures on the calling thread, by the wall clock. The same build on the same
/// machine gives the same figure when the machine runs at the same speed; a cloud VM's does not
/// (one 2-core cloud VM went from 57 to 35 µs of generator CPU per transfer between two
/// consecutive repetitions of one row, and its node with it). The fastest batch leaves out a
/// moment's interruption; a slower machine slows every batch.
double sign_yardstick_us(size_t batches = 20, size_t per_batch = 50);

}  // namespace zkload::metrics
