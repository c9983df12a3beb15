// SPDX-License-Identifier: Apache-2.0
// The L2 test double's view of its L1: the NewPriorityRequest logs the real diamond proxy emits
// in the L1 anvil, read with eth_getLogs, so the double learns the canonical L2 hash of every
// deposit the product code makes (as a zkSync node's L1 watcher does) without being told.
#pragma once

#include "rpc/client.hpp"
#include "codec/u256.hpp"

#include <vector>

namespace zkload::test {

/// One priority request queued on L1: its canonical L2 hash and the value it moves on L2.
struct PriorityRequest
{
    Hash l2_hash{};
    Address from{};
    Address to{};
    U256 value;
};

class L1PriorityWatch
{
public:
    /// Watches `diamond_proxy` on the L1 at `l1_url` from the block after the current head.
    /// Throws rpc::RpcException when the L1 does not answer.
    L1PriorityWatch(const std::string& l1_url, const Address& diamond_proxy);

    /// The requests in blocks not read yet, at most kMaxBlocksPerPoll of them per call. An L1
    /// that does not answer yields nothing now; the same blocks are read on the next call.
    /// Not thread-safe: one caller at a time.
    std::vector<PriorityRequest> poll();

    static constexpr uint64_t kMaxBlocksPerPoll = 1000;

private:
    rpc::Client l1_;
    Address diamond_proxy_{};
    uint64_t next_block_ = 0;
};

/// The canonical hash, sender, recipient and L2 value of a NewPriorityRequest log's data.
/// Throws abi::DecodeError for data that is not that event's.
PriorityRequest decode_priority_request(ByteView log_data);

}  // namespace zkload::test
