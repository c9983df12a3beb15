// SPDX-License-Identifier: Apache-2.0
// A test double of a zkSync Era L2 node, not a node: a loopback JSON-RPC responder with just
// enough of the zks_ and eth_ methods for the bridge flows and for zkload's start on an L2.
// Priority operations "execute" after a delay, once announced by a test or found in the real
// L1's NewPriorityRequest logs; sent withdrawals (real signed bytes, decoded) get zkSync-shaped
// receipts at once; the finalized block and the L2→L1 log proof appear after their own delays
// (or never), so tests can check the waiting and the timeouts of the product code a real node
// would meet. Nothing is executed: balances are deposits and values received minus values sent
// and fees (the gas a receipt shows at the base fee, unless a paymaster pays), one configured ERC20 keeps a ledger of its transfer calls, a contract
// creation is refused as on a chain without the EVM emulator,
// the proof is made up (the real L1 nullifier refuses it).
#pragma once

#include "http_stub_server.hpp"
#include "l1_priority_watch.hpp"
#include "l2_double_txn.hpp"

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
        /// How long after a priority operation is known its L2 receipt appears; nullopt: never.
        std::optional<std::chrono::milliseconds> execute_after{std::chrono::milliseconds(300)};
        /// How long after a withdrawal is sent its block counts as finalized; nullopt: never.
        std::optional<std::chrono::milliseconds> finalize_after{std::chrono::milliseconds(400)};
        /// How long after finalization zks_getL2ToL1LogProof stops answering null; nullopt: never.
        std::optional<std::chrono::milliseconds> prove_after{std::chrono::milliseconds(200)};
        /// When set, the double reads the diamond proxy's NewPriorityRequest logs on this L1
        /// and treats each as a priority operation (expect_priority_op is then not needed).
        std::string l1_url{};
        Address diamond_proxy{};
        /// Refuse a transaction whose value and most fee (gas_limit x max_fee_per_gas, as zkSync
        /// Era checks up front; the value alone when a paymaster pays) exceed the sender's balance.
        bool require_funds = false;
        /// What every address holds before deposits: above 0 for the load rows, whose pool
        /// wallets then need no funding (the bridge tests keep 0).
        U256 starting_balance = 0;
        /// When not empty, only these addresses hold starting_balance (a funder whose pool must
        /// be funded by transactions).
        std::vector<Address> rich_accounts;
        /// An ERC20 the double keeps a ledger of (balanceOf, transfer): the same starting
        /// balance in it as in ETH, for the same addresses. A paymaster's fee token, say.
        std::optional<Address> token;
        /// zks_gasPerPubdata's answer (the current price), and the Fee zks_estimateFee answers
        /// for any call (zkSync Era's shape: snake_case quantities).
        uint64_t gas_per_pubdata_price = 800;
        uint64_t fee_gas_per_pubdata_limit = 50'000;
        uint64_t fee_gas_limit = 0x40000;
        uint64_t fee_max_fee_per_gas = 2 * 45'250'000;
        uint64_t fee_max_priority_fee_per_gas = 0;
        /// When a block's L1 batch is committed, proven and executed, after the block's timestamp
        /// (zks_getBlockDetails: committedAt, provenAt, executedAt; null until then).
        std::chrono::milliseconds commit_after{1000};
        std::chrono::milliseconds prove_after_block{2000};
        std::chrono::milliseconds execute_after_block{3000};
        /// The one paymaster whose validation passes (in an estimate and in a send); any other
        /// is refused in zkSync's words.
        std::optional<Address> paymaster;
    };

    /// The proof the double serves: its "id" and nodes.
    static constexpr uint64_t kProofId = 7;
    /// The base fee the double's blocks carry (0.045 gwei, like zkSync Era's).
    static constexpr uint64_t kBaseFee = 45'250'000;
    /// The gas every receipt of a sent transaction shows (at most its gas limit is charged).
    static constexpr uint64_t kGasUsed = 0x2a000;
    /// What `txn` costs its sender beyond its value.
    static U256 fee_charged(const ReceivedTxn& txn);

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
        /// The block's timestamp: the wall-clock second the send arrived in.
        uint64_t timestamp = 0;
        uint64_t block = 0;
        ReceivedTxn txn;
    };
    struct TokenTransfer
    {
        Address to{};
        U256 amount;
    };
    struct PriorityOp
    {
        Clock::time_point at;
        uint64_t block = 0;
        std::optional<PriorityRequest> request;
    };

    std::string handle(const std::string& body);
    nlohmann::json handle_one(const nlohmann::json& request);
    nlohmann::json answer(const std::string& method, const nlohmann::json& params);
    nlohmann::json block(const std::string& tag) const;
    nlohmann::json send(const std::string& raw_hex);
    nlohmann::json receipt(const std::string& hash) const;
    nlohmann::json call(const nlohmann::json& call) const;
    nlohmann::json log_proof(const nlohmann::json& params);
    /// zkload_doubleStats: what the double took, for tests that run the zkload binary against it.
    nlohmann::json stats() const;
    /// zks_getBlockDetails of a block holding a send; null for any other.
    nlohmann::json block_details(uint64_t number) const;
    /// Throws as zkSync refuses a paymaster that does not validate, unless it is config_.paymaster.
    void validate_paymaster(const Address& paymaster) const;
    bool executed(const PriorityOp& op) const;
    U256 balance(const Address& address) const;
    /// config_.token's balance: starting balance plus transfer(to, amount) calls received minus sent.
    U256 token_balance(const Address& address) const;
    /// Whether `address` holds the starting balances.
    bool rich(const Address& address) const;
    /// A transfer(to, amount) call of config_.token, or nullopt.
    std::optional<TokenTransfer> token_transfer_of(const ReceivedTxn& txn) const;
    uint64_t nonce(const Address& address) const;
    uint64_t finalized_block() const;
    /// Reads new L1 priority requests (outside mutex_; at most one reader at a time).
    void watch_l1();

    Config config_;
    mutable std::mutex mutex_;
    std::map<std::string, PriorityOp> priority_ops_;
    std::map<std::string, Sent> sent_;
    /// The hashes of what was sent, by the block that holds it (one block per send).
    std::map<uint64_t, std::string> block_of_sent_;
    std::vector<Bytes> raws_;
    std::map<std::string, size_t> calls_;
    std::optional<uint64_t> proof_index_;
    uint64_t latest_block_ = 10;
    std::mutex watch_mutex_;
    std::unique_ptr<L1PriorityWatch> watch_;
    Clock::time_point last_watch_{};
    std::unique_ptr<HttpStubServer> server_;
};

}  // namespace zkload::test
