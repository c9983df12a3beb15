// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "contracts/registry.hpp"
#include "pool/balances.hpp"
#include "pool/state_file.hpp"
#include "pool/wallets.hpp"
#include "rpc/client.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>

namespace zkload::pool {

/// How wallets get their balances. `automatic` takes dev RPC when the node offers it, else the
/// multisend tree.
enum class Strategy
{
    automatic,
    dev_rpc,
    multisend,
    tree,
};

std::string_view to_string(Strategy strategy);
/// "auto", "dev_rpc", "multisend", "tree"; nullopt for anything else.
std::optional<Strategy> parse_strategy(std::string_view text);

struct PoolOptions
{
    std::string seed_name{kDefaultSeedName};
    uint64_t size = 1000;
    /// What every wallet must hold; wallets below are topped up to it, never paid twice.
    Need need{};
    Strategy strategy = Strategy::automatic;
    /// Empty: default_state_dir().
    std::filesystem::path state_dir{};
    /// Contracts the pool keeps on the chain, by registered name (contracts/registry.hpp):
    /// deployed once per chain and recorded in the state file. The token is added when wallets
    /// need tokens, the multisend when funding sends payments through it.
    std::vector<std::string> contracts{std::string(kTokenContract)};
    std::chrono::milliseconds timeout{std::chrono::minutes(5)};
    /// Progress lines ("verified 10000 wallets in 0.3 s"); none when empty.
    std::function<void(const std::string&)> progress{};
};

/// What prepare() did, for the user and the tests.
struct PoolReport
{
    Strategy strategy = Strategy::automatic;
    size_t short_eth = 0;
    size_t short_token = 0;
    size_t transactions = 0;
    /// The contracts this run deployed, by registered name, in deployment order.
    std::vector<std::string> deployed;
    /// Why an old state file was not trusted (reset chain, corrupt file), if it was not.
    std::optional<std::string> rebuilt_because;
};

/// A funding failure that sent nothing (e.g. the funder is short): the message says what to do.
class PoolError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// The pool of deterministic, funded wallets on one chain, remembered in a state file.
class WalletPool
{
public:
    /// Reads the state file (a corrupt one is moved aside, a stale one rebuilt), deploys the
    /// contracts it keeps once per chain, derives the wallets, reads their balances in batches
    /// and tops up only those below `need`. Before sending anything it checks the funder can pay
    /// for everything (else PoolError, nothing sent) and waits for the funder's own pending
    /// transactions (a killed earlier run) to land, so no wallet is paid twice.
    static WalletPool prepare(rpc::Client& client,
                              const PrivateKey& funder,
                              const PoolOptions& options,
                              PoolReport* report = nullptr);

    /// The pool another process prepared (rank 0 of an MPI run), from its state: the wallets are
    /// derived again here, nothing is read from or sent to the node.
    static WalletPool adopt(const PoolOptions& options, PoolState state);

    const std::vector<Wallet>& wallets() const { return wallets_; }
    const PoolState& state() const { return state_; }
    const std::filesystem::path& state_path() const { return state_path_; }

private:
    std::vector<Wallet> wallets_;
    PoolState state_;
    std::filesystem::path state_path_;
};

}  // namespace zkload::pool
