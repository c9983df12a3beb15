// SPDX-License-Identifier: Apache-2.0
// What one rank's block follower tells the others during a row (the node sees one follower): the
// blocks it read since the last tick, and whether the row is over on every rank.
#pragma once

#include "codec/bytes.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace zkload::engine {

struct RelayTick
{
    /// Block number and its transaction hashes, in block order.
    std::vector<std::pair<uint64_t, std::vector<Hash>>> blocks;
    /// Every rank was done sending and awaiting blocks, and the source read the chain a last time.
    bool end = false;
};

/// Where following starts: the first block to read, the block interval the source estimated,
/// or why the source could not start (then `error` is not empty).
struct RelayStart
{
    uint64_t next_block = 0;
    int64_t interval_us = 0;
    std::string error;
};

Bytes encode(const RelayTick& tick);
/// Throws std::invalid_argument on bytes encode() did not write.
RelayTick decode_tick(ByteView bytes);
Bytes encode(const RelayStart& start);
RelayStart decode_start(ByteView bytes);

}  // namespace zkload::engine
