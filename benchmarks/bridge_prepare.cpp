// SPDX-License-Identifier: Apache-2.0
#include "bridge_flags.hpp"
#include "bridge_row.hpp"
#include "pool/funder_key.hpp"
#include "pool/wallet_pool.hpp"
#include "safety/chain_guard.hpp"
#include "wallet_pool.hpp"
#include "zksync/deposit.hpp"
#include "zksync/priority_op.hpp"
#include "zksync/withdrawal.hpp"

namespace zkload::bench {
namespace {

using namespace zksync;

constexpr const char* kNeeds =
    "bridge rows need --l1-rpc-url (the L1 node) and a zkSync Era L2 as --rpc-url";
/// Wallets the L1 pool keeps: enough for the largest concurrency.
constexpr uint64_t kL1PoolSize = 16;
/// L1 gas one operation may spend (an approval and an ERC20 deposit, or a finalization).
constexpr uint64_t kL1GasPerOperation = 800'000;

rpc::Client client_for(const std::string& url)
{
    return rpc::Client({.url = url, .timeout = std::chrono::seconds(60)});
}

bool moves_tokens(BridgeFlow flow)
{
    return flow == BridgeFlow::deposit_erc20 || flow == BridgeFlow::withdraw_erc20;
}

/// ETH each wallet needs on L2 for its withdrawals: their value (ETH rows) and their fees.
U256 l2_need(rpc::Client& l2, const BridgeRow& row, uint64_t per_worker)
{
    if (is_deposit(row.flow))
        return 0;
    const U256 value = row.flow == BridgeFlow::withdraw_eth ? row.amount : U256(0);
    return (value + node_pricing(l2).max_fee_per_gas * kL2GasPerWithdrawal) * per_worker;
}

/// The L1 pool: each wallet funded (twice over, at today's L1 fees) for its operations, plus
/// the deposit that funds it on L2; tokens for the ERC20 rows.
pool::WalletPool l1_pool(rpc::Client& l1, const BridgeRow& row, uint64_t per_worker, const U256& on_l2)
{
    const PoolSettings& settings = SharedPool::shared().settings();
    const Pricing pricing = node_pricing(l1);
    const U256 per_op = l2_base_cost(l1, row.bridge, pricing.max_fee_per_gas, kFallbackErc20DepositL2Gas) +
                        pricing.max_fee_per_gas * kL1GasPerOperation;
    U256 eth = (per_op + (row.flow == BridgeFlow::deposit_eth ? row.amount : U256(0))) * per_worker;
    if (on_l2 != 0)
        eth += per_op + on_l2;
    pool::PoolOptions options{.seed_name = "zkload-bridge-l1",
                              .size = kL1PoolSize,
                              .need = {.eth = eth * 2,
                                       .token = moves_tokens(row.flow) ? row.amount * per_worker * 2 : U256(0)},
                              .strategy = settings.options.strategy,
                              .state_dir = settings.options.state_dir,
                              .contracts = moves_tokens(row.flow)
                                               ? std::vector<std::string>{std::string(kTokenContract)}
                                               : std::vector<std::string>{},
                              .progress = settings.options.progress};
    return pool::WalletPool::prepare(l1, pool::load_funder_key(settings.rich_key_file, false), options);
}

/// Deposits to each wallet's own L2 address what it lacks there (ETH up to `on_l2`; the
/// tokens of an ERC20 row), then waits for every deposit to execute on L2.
void fund_on_l2(rpc::Client& l1, rpc::Client& l2, const BridgeRow& row, uint64_t per_worker, const U256& on_l2)
{
    std::vector<Hash> executing;
    for (const pool::Wallet& wallet : row.wallets)
    {
        const U256 held = l2.get_balance(wallet.address);
        if (held < on_l2)
            executing.push_back(deposit(l1, &l2, row.bridge, wallet.key,
                                        {.receiver = wallet.address, .amount = on_l2 - held,
                                         .l1_patience = row.patience})
                                    .l2_hash);
        if (row.flow == BridgeFlow::withdraw_erc20)
            executing.push_back(deposit(l1, &l2, row.bridge, wallet.key,
                                        {.receiver = wallet.address, .amount = row.amount * per_worker,
                                         .token = row.l1_token, .l1_patience = row.patience})
                                    .l2_hash);
    }
    for (const Hash& hash : executing)
        await_l2_receipt(l2, hash, row.patience, "funding deposit for the withdrawals");
}

}  // namespace

std::string_view to_string(BridgeFlow flow)
{
    switch (flow)
    {
        case BridgeFlow::deposit_eth:
            return "deposit_eth";
        case BridgeFlow::deposit_erc20:
            return "deposit_erc20";
        case BridgeFlow::withdraw_eth:
            return "withdraw_eth";
        case BridgeFlow::withdraw_erc20:
            return "withdraw_erc20";
    }
    return "deposit_eth";
}

BridgeRow prepare_bridge_row(BridgeFlow flow, size_t concurrency, uint64_t per_worker,
                             const std::string& l2_url)
{
    const BridgeFlags& flags = bridge_flags();
    BridgeRow row{.flow = flow, .l1_url = flags.l1_rpc_url, .l2_url = l2_url};
    row.amount = parse_u256(flags.amount_wei);
    row.patience = {std::chrono::seconds(flags.stage_timeout_s), std::chrono::milliseconds(200)};
    row.finalize = flags.finalize == "yes";
    rpc::Client l1 = client_for(row.l1_url);
    rpc::Client l2 = client_for(row.l2_url);
    if (!is_zksync_node(l2))
        throw BridgeError(FailureClass::unsupported,
                          std::string(kNeeds) + "; the --rpc-url node has no zks_L1ChainId");
    safety::check_node_allowed(l1, flags.allow_public_l1);
    row.bridge = discover_bridge(&l2, l1, bridge_overrides(flags));
    const U256 on_l2 = l2_need(l2, row, per_worker);
    const pool::WalletPool pool = l1_pool(l1, row, per_worker, on_l2);
    if (pool.wallets().size() < concurrency)
        throw BridgeError(FailureClass::unsupported, "the L1 pool has fewer wallets than the concurrency");
    row.wallets.assign(pool.wallets().begin(), pool.wallets().begin() + static_cast<ptrdiff_t>(concurrency));
    if (moves_tokens(flow))
    {
        row.l1_token = pool.state().contract(kTokenContract);
        if (!row.l1_token)
            throw BridgeError(FailureClass::unsupported, "the L1 pool has no ERC20 to bridge");
    }
    if (!is_deposit(flow))
        fund_on_l2(l1, l2, row, per_worker, on_l2);
    if (flow == BridgeFlow::withdraw_erc20)
        row.l2_token = l2_token_address(l2, l1_asset_id(l1, row.bridge, *row.l1_token));
    return row;
}

}  // namespace zkload::bench
