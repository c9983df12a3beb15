// SPDX-License-Identifier: Apache-2.0
// The ranks of an MPI run each measure their shard of a row; rank 0 merges what they send into one
// row whose counters mean what a single process's mean: ledgers summed, latency histograms merged
// bucket by bucket (exact), the steady window taken over the summed blocks.
#pragma once

#include "codec/bytes.hpp"
#include "engine/row.hpp"

namespace zkload::engine {

/// What a rank sends rank 0 after a row, and rank 0 the others with the merged row: everything of
/// a RowResult but the finality stages (rank 0 alone follows its sample) and the blocks' sighting
/// times (rank 0's clock is the one merged; the steady window computed from them travels).
/// Throws std::invalid_argument on bytes encode_row did not write.
Bytes encode_row(const RowResult& row);
RowResult decode_row(ByteView bytes);

/// Rank 0's own result merged with the others': ledgers and gas summed, histograms and a mix's
/// parts merged, the longest wall and send times, CPU summed, the smallest pending cap, every
/// thread's binding, errors from whichever rank had them. The steady window is computed again
/// over the sum of every rank's transactions per block (all ranks saw the same blocks, relayed
/// by rank 0), on rank 0's sighting times, ending at the earliest drain of any rank.
RowResult merge_rows(RowResult root, const std::vector<RowResult>& others);

}  // namespace zkload::engine
