// SPDX-License-Identifier: Apache-2.0
// A test double of a zkSync Era L2 node, not a node: a loopback JSON-RPC responder with just
// enough of the zks_ and eth_ methods for the bridge flows' control flow. Priority operations
// "execute" after a delay, sent withdrawals get zkSync-shaped receipts at once, the finalized
// block and the L2→L1 log proof appear after their own delays (or never), so tests can check
// the waiting and the timeouts of the product code a real node would meet.
#pragma once

#include "http_stub_server.hpp"
#include "bytes.hpp"

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace zkload::test {

class L2NodeDouble
{
public:
    struct Config
    {
        uint64_t chain_id = 260;
        uint64_t l1_chain_id = 31337;
        Address bridgehub{};
        Address l1_shared_bridge{};
        /// zks_estimateGasL1ToL2's answer (the Mailbox refuses less than ~300k for a transfer).
        uint64_t l1_to_l2_gas = 600'000;
        /// How long after expect_priority_op() its L2 receipt appears; nullopt: never.
        std::optional<std::chrono::milliseconds> execute_after{std::chrono::milliseconds(300)};
        /// How long after a withdrawal is sent its block counts as finalized; nullopt: never.
        std::optional<std::chrono::milliseconds> finalize_after{std::chrono::milliseconds(400)};
        /// How long after finalization zks_getL2ToL1LogProof stops answering null; nullopt: never.
        std::optional<std::chrono::milliseconds> prove_after{std::chrono::milliseconds(200)};
        /// The sender and message the withdrawal receipts carry (what L2BaseToken would emit).
        Address withdrawal_sender{};
        Bytes withdrawal_message;
    };

    /// The proof the double serves: its "id" and nodes.
    static constexpr uint64_t kProofId = 7;

    explicit L2NodeDouble(Config config);

    std::string url() const { return server_->url(); }

    /// Announces the L2 hash of a priority operation sent on L1; its receipt appears later.
    void expect_priority_op(const Hash& l2_hash);

    /// Calls of a method so far.
    size_t calls(const std::string& method) const;
    /// The raw transactions received by eth_sendRawTransaction.
    std::vector<Bytes> raw_transactions() const;
    /// The index argument of the last zks_getL2ToL1LogProof call.
    std::optional<uint64_t> proof_index_asked() const;

private:
    using Clock = std::chrono::steady_clock;
    struct Sent
    {
        Clock::time_point at;
        uint64_t block = 0;
    };

    std::string handle(const std::string& body);
    nlohmann::json answer(const std::string& method, const nlohmann::json& params);
    nlohmann::json receipt(const std::string& hash);
    uint64_t finalized_block() const;

    Config config_;
    mutable std::mutex mutex_;
    std::map<std::string, Clock::time_point> priority_ops_;
    std::map<std::string, Sent> sent_;
    std::vector<Bytes> raws_;
    std::map<std::string, size_t> calls_;
    std::optional<uint64_t> proof_index_;
    uint64_t latest_block_ = 10;
    std::unique_ptr<HttpStubServer> server_;
};

}  // namespace zkload::test
