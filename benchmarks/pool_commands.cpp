// SPDX-License-Identifier: Apache-2.0
#include "pool_commands.hpp"

#include "cli.hpp"
#include "txn/ecdsa.hpp"
#include "pool/chain_identity.hpp"
#include "pool/funder_key.hpp"
#include "pool/sweep.hpp"
#include "say.hpp"

#include <iostream>

namespace zkload::bench {
namespace {

rpc::Client node_client()
{
    return rpc::Client({.url = Node::shared().url(), .timeout = Node::shared().options().rpc_timeout});
}

}  // namespace

int run_fund()
{
    SharedPool& shared = SharedPool::shared();
    const pool::WalletPool& pool = shared.get();
    const pool::PoolState& state = pool.state();
    std::cout << "pool \"" << state.seed_name << "\": " << pool.wallets().size() << " wallets on chain "
              << state.chain_id << ", each holding at least "
              << pool::format_units(state.eth_per_wallet.value_or(0), 18) << " ETH and "
              << pool::format_units(state.token_per_wallet.value_or(0), 18) << " ZKL\n"
              << "contracts:";
    for (const auto& [name, address] : state.contracts)
        std::cout << " " << name << " " << to_hex(address);
    std::cout << (state.contracts.empty() ? " none\n" : "\n")
              << "state " << pool.state_path().string() << "\n";
    return kOk;
}

int run_sweep()
{
    rpc::Client client = node_client();
    const PoolSettings& settings = SharedPool::shared().settings();
    const pool::ChainIdentity identity = pool::read_chain_identity(client);
    const auto dir = settings.options.state_dir.empty() ? pool::default_state_dir()
                                                        : settings.options.state_dir;
    const auto path = pool::state_path(dir, identity.chain_id, identity.genesis_hash);
    const auto state = pool::load_state(path);
    if (!state)
    {
        say("no pool state for chain " + std::to_string(identity.chain_id) + " at " + path.string() +
            ": nothing to sweep (pass the --state-dir the pool was funded with)");
        return kPoolError;
    }
    const PrivateKey funder =
        pool::load_funder_key(settings.rich_key_file, Node::shared().is_devnet());
    const Address to = address_of(funder);
    /// The state's pool, and the one --seed/--wallets name if that is another seed (a pool
    /// funded under an older seed is not forgotten).
    std::vector<std::pair<std::string, uint64_t>> pools = {{state->seed_name, state->pool_size}};
    if (settings.options.seed_name != state->seed_name)
        pools.emplace_back(settings.options.seed_name, settings.options.size);
    for (const auto& [seed, size] : pools)
    {
        const auto wallets = pool::derive_wallets(seed, 0, size);
        const pool::SweepReport report =
            pool::sweep(client, wallets, to, state->contract(kTokenContract), std::chrono::minutes(5));
        std::cout << "swept " << wallets.size() << " wallets of pool \"" << seed << "\" to "
                  << to_hex(to) << ": " << pool::format_units(report.eth_returned, 18) << " ETH in "
                  << report.eth_transfers << " transfers, "
                  << pool::format_units(report.token_returned, 18) << " ZKL in "
                  << report.token_transfers << " transfers\n";
        if (report.token_stuck != 0)
            std::cout << report.token_stuck
                      << " wallets keep their tokens: too little ETH to move them (run --fund, "
                         "then --sweep again)\n";
    }
    return kOk;
}

}  // namespace zkload::bench
