// SPDX-License-Identifier: Apache-2.0
#include "pool/wallet_pool.hpp"

#include "contracts/erc20.hpp"
#include "txn/fees.hpp"
#include "pool/chain_identity.hpp"
#include "pool/dev_funding.hpp"
#include "pool/eip712_funding.hpp"
#include "pool/multisend_funding.hpp"
#include "pool/pool_steps.hpp"
#include "pool/surplus.hpp"

#include <chrono>
#include <cstdio>

namespace zkload::pool {
namespace {

using Clock = std::chrono::steady_clock;

std::string seconds_since(Clock::time_point start)
{
    char text[32];
    std::snprintf(text, sizeof(text), "%.2f s",
                  std::chrono::duration<double>(Clock::now() - start).count());
    return text;
}

/// Reads the state file, moving a corrupt one aside and dropping one that does not fit the
/// chain any more; says why in the report.
std::optional<PoolState> trusted_state(rpc::Client& client,
                                       const std::filesystem::path& path,
                                       const ChainIdentity& identity,
                                       PoolReport& report)
{
    std::optional<PoolState> state;
    try
    {
        state = load_state(path);
    }
    catch (const StateFileError& e)
    {
        report.rebuilt_because = std::string(e.what()) + "; moved to " + quarantine(path).string();
        return std::nullopt;
    }
    if (state)
        if (auto why = stale_reason(client, *state, identity))
        {
            report.rebuilt_because = *why;
            return std::nullopt;
        }
    return state;
}

Strategy resolve_strategy(rpc::Client& client,
                          Strategy wanted,
                          const Address& probe,
                          std::optional<std::string>& dev_method)
{
    if (wanted == Strategy::automatic || wanted == Strategy::dev_rpc)
        dev_method = detect_set_balance(client, probe);
    if (wanted == Strategy::dev_rpc && !dev_method)
        throw PoolError("funding strategy dev_rpc: the node takes neither anvil_setBalance nor "
                        "hardhat_setBalance; use the multisend or tree strategy");
    if (wanted != Strategy::automatic)
        return wanted;
    return dev_method ? Strategy::dev_rpc : Strategy::tree;
}

/// Our token's balances from storage (fast), unless one cross-check against balanceOf shows the
/// node lays storage out otherwise; then through eth_call.
std::vector<U256> our_token_balances(rpc::Client& client,
                                     const Address& token,
                                     std::span<const Address> addresses)
{
    if (addresses.empty())
        return {};
    const auto by_slot = slot_balances(client, token, addresses, erc20_balance_slot);
    if (by_slot.front() == token_balances(client, token, addresses.first(1)).front())
        return by_slot;
    return token_balances(client, token, addresses);
}

/// Wallets above the target: distributors of an earlier tree, who may still have transactions
/// in flight.
std::vector<Address> surplus_holders(std::span<const Address> addresses,
                                     const WalletBalances& balances,
                                     const Need& need)
{
    std::vector<Address> holders;
    for (size_t i = 0; i < addresses.size(); ++i)
        if (balances.eth[i] > need.eth)
            holders.push_back(addresses[i]);
    return holders;
}

ShortList top_ups(const std::vector<Wallet>& wallets,
                  const WalletBalances& balances,
                  const Need& need,
                  PoolReport& report)
{
    /// The ETH target follows the node's fees, which move a little between runs: a wallet counts
    /// as short below 90% of it (then it is topped up to all of it), so a small fee rise does not
    /// send a dust top-up to every wallet. Tokens have no such drift and must be exact.
    const Need threshold{.eth = need.eth * 9 / 10, .token = need.token};
    ShortList list;
    for (const size_t i : short_wallets(balances, threshold))
    {
        Payment p{.to = wallets[i].address,
                  .eth = top_up(balances.eth[i], need.eth),
                  .token = top_up(balances.token[i], need.token)};
        report.short_eth += p.eth != 0;
        report.short_token += p.token != 0;
        list.payments.push_back(p);
        list.wallets.push_back(wallets[i]);
    }
    return list;
}

}  // namespace

WalletPool WalletPool::adopt(const PoolOptions& options, PoolState state)
{
    WalletPool pool;
    pool.wallets_ = derive_wallets(options.seed_name, 0, options.size);
    pool.state_ = std::move(state);
    return pool;
}

WalletPool WalletPool::prepare(rpc::Client& client,
                               const PrivateKey& funder,
                               const PoolOptions& options,
                               PoolReport* report_out)
{
    const auto start = Clock::now();
    const auto say = [&](const std::string& line) {
        if (options.progress)
            options.progress(line);
    };
    PoolReport local;
    PoolReport& report = report_out != nullptr ? *report_out : local;

    /// The funder's transactions in flight (a deployment of a killed run) land before the state
    /// is judged, so a contract being deployed is found, not deployed again.
    const Address funder_address = address_of(funder);
    wait_until_settled(client, std::span(&funder_address, 1), options.timeout);
    const ChainIdentity identity = read_chain_identity(client);
    WalletPool pool;
    pool.state_path_ = pool::state_path(options.state_dir.empty() ? default_state_dir() : options.state_dir,
                                  identity.chain_id, identity.genesis_hash);
    PoolState& state = pool.state_;
    state = trusted_state(client, pool.state_path_, identity, report).value_or(PoolState{});
    state.chain_id = identity.chain_id;
    state.genesis_hash = identity.genesis_hash;
    /// The state remembers the largest pool of its seed, so --sweep reaches every wallet ever
    /// funded under it, also after a run with fewer wallets.
    state.pool_size = state.seed_name == options.seed_name ? std::max(state.pool_size, options.size)
                                                           : options.size;
    state.seed_name = options.seed_name;

    std::optional<std::string> dev_method;
    report.strategy = resolve_strategy(client, options.strategy, funder_address, dev_method);

    FundingChain chain{.chain_id = identity.chain_id, .fees = current_fees(client)};
    Payer payer{.key = funder,
                .address = funder_address,
                .nonce = client.get_transaction_count(funder_address, "pending")};
    const bool multisend_wanted = report.strategy != Strategy::dev_rpc;
    chain.token = state.contract(kTokenContract);

    pool.wallets_ = derive_wallets(options.seed_name, 0, options.size);
    std::vector<Address> addresses;
    addresses.reserve(pool.wallets_.size());
    for (const Wallet& w : pool.wallets_)
        addresses.push_back(w.address);
    const auto read_balances = [&] {
        return WalletBalances{.eth = eth_balances(client, addresses),
                              .token = options.need.token != 0 && chain.token
                                           ? our_token_balances(client, *chain.token, addresses)
                                           : std::vector<U256>(addresses.size())};
    };
    WalletBalances balances = read_balances();
    if (wait_until_settled(client, surplus_holders(addresses, balances, options.need), options.timeout))
        balances = read_balances();
    ShortList short_list = top_ups(pool.wallets_, balances, options.need, report);
    say("verified " + std::to_string(addresses.size()) + " wallets in " + seconds_since(start) +
        ": " + std::to_string(report.short_eth) + " short of ETH, " +
        std::to_string(report.short_token) + " short of tokens");

    if (const auto multisend = state.contract(kMultisendContract);
        report.strategy != Strategy::dev_rpc && multisend)
    {
        chain.multisend = *multisend;
        report.transactions += pay_from_surplus(client, chain, pool.wallets_, balances, options.need,
                                                short_list, options.timeout)
                                   .transactions;
    }
    const std::vector<Payment>& payments = short_list.payments;
    const std::vector<Wallet>& recipients = short_list.wallets;
    /// On zkSync the pool pays with 0x71 transfers, one per wallet: no multisend to deploy.
    if (multisend_wanted && !payments.empty())
        if (auto zksync = eip712_funding(client, funder_address, recipients.front().address, chain.token))
        {
            chain.fees = zksync->fees;
            chain.eip712 = zksync->payments;
        }
    std::vector<std::string> wanted = options.contracts;
    if (options.need.token != 0)
        wanted.emplace_back(kTokenContract);
    // no payment, no multisend: a pool already funded needs no contract
    if (multisend_wanted && !payments.empty() && !chain.eip712)
        wanted.emplace_back(kMultisendContract);
    const Deployments deployments = missing_from(state, wanted);
    /// Dev RPC sets balances for free, but the funder still pays for the deployments.
    const bool dev_rpc = report.strategy == Strategy::dev_rpc;
    check_funder_can_pay(client, funder_address, chain,
                         dev_rpc ? std::span<const Payment>() : std::span(payments),
                         report.strategy == Strategy::tree, deployments);
    ensure_contracts(client, payer, chain, deployments, state, pool.state_path_,
                     report, report.strategy == Strategy::dev_rpc, options.timeout);
    if (chain.eip712 && chain.token && !report.deployed.empty())
        chain.eip712->token_gas = estimated_transfer_gas(client, funder_address, recipients.front().address,
                                                         chain.token);

    if (!payments.empty())
    {
        if (report.strategy == Strategy::dev_rpc)
            report.transactions +=
                set_dev_balances(client, *dev_method, chain.token, recipients, payments, options.need);
        else
        {
            const FundingStats stats =
                report.strategy == Strategy::tree
                    ? pay_by_tree(client, payer, chain, recipients, payments, options.timeout)
                    : pay_flat(client, payer, chain, payments, options.timeout);
            report.transactions += stats.transactions;
        }
        say("funded " + std::to_string(payments.size()) + " wallets by " +
            std::string(to_string(report.strategy)) + (chain.eip712 ? " (0x71 transfers, no contract)" : "") +
            " with " +
            std::to_string(report.transactions) + " transactions in " + seconds_since(start));
    }
    state.eth_per_wallet = options.need.eth;
    state.token_per_wallet = options.need.token;
    state.updated_at = utc_timestamp();
    save_state(pool.state_path_, state);
    return pool;
}

}  // namespace zkload::pool
