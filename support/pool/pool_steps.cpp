// SPDX-License-Identifier: Apache-2.0
#include "pool/pool_steps.hpp"

#include "contracts/deploy.hpp"
#include "contracts/registry.hpp"
#include "pool/dev_funding.hpp"
#include "pool/multisend_funding.hpp"
#include "pool/nonces.hpp"
#include "txn/send_and_confirm.hpp"

#include <algorithm>
#include <functional>
#include <thread>

namespace zkload::pool {
namespace {

/// Records the contract's address (CREATE: sender and nonce) in the state file before sending,
/// so that a run killed while the deployment is in flight finds it next time instead of
/// deploying again; if the transaction never lands, the address has no code and the state is
/// judged stale and rebuilt.
Address deploy(rpc::Client& client,
               Payer& payer,
               const FundingChain& chain,
               const std::string& name,
               bool dev_node,
               std::chrono::milliseconds timeout,
               const std::function<void(const Address&)>& record)
{
    Bytes code = registered_creation_code(name);
    const rpc::Reply reply = client.call(
        "eth_estimateGas", nlohmann::json::array({{{"from", to_hex(payer.address)}, {"data", to_hex(code)}}}));
    if (!reply.ok() && reply.error->error_class != rpc::ErrorClass::rpc &&
        reply.error->error_class != rpc::ErrorClass::execution_reverted)
        throw rpc::RpcException(*reply.error);
    if (!reply.ok())
        throw PoolError("the node refused to estimate the creation of the pool's " + name + " contract (" +
                        reply.error->describe() + "): the pool's contracts are EVM bytecode, which a zkSync "
                        "chain runs only with the EVM emulator; rows that need none (ETH transfers, reads) run "
                        "with --tokens-per-wallet 0. Nothing was sent for it");
    const nlohmann::json& estimate = reply.result;
    const auto estimated = estimate.is_string() ? parse_quantity(estimate.get<std::string>()) : std::nullopt;
    if (!estimated)
        throw PoolError("eth_estimateGas for a deployment gave " + rpc::excerpt(estimate.dump()) +
                        ", not a quantity");
    const uint64_t gas = *estimated * 6 / 5;
    const Address predicted = evm_create_address(payer.address, payer.nonce);
    record(predicted);
    const SignedTxn txn = sign(Eip1559Txn{.chain_id = chain.chain_id,
                                          .nonce = payer.nonce++,
                                          .max_priority_fee_per_gas = chain.fees.max_priority_fee_per_gas,
                                          .max_fee_per_gas = chain.fees.max_fee_per_gas,
                                          .gas_limit = gas,
                                          .to = std::nullopt,
                                          .data = std::move(code)},
                               payer.key);
    const nlohmann::json receipt = send_and_confirm_one(client, txn, timeout, dev_node);
    const Address deployed = parse_address(receipt.at("contractAddress").get<std::string>());
    if (deployed != predicted)
        throw PoolError("the node put the contract at " + to_hex(deployed) + ", not at the CREATE "
                        "address " + to_hex(predicted) + ": this chain derives addresses otherwise");
    return deployed;
}

}  // namespace

Deployments missing_from(const PoolState& state, std::span<const std::string> wanted)
{
    Deployments missing;
    for (const std::string& name : wanted)
    {
        try
        {
            require_registered(name);
        }
        catch (const std::invalid_argument& e)
        {
            throw PoolError(std::string("the pool cannot keep a contract it cannot deploy: ") + e.what());
        }
        if (!state.contract(name) && std::find(missing.begin(), missing.end(), name) == missing.end())
            missing.push_back(name);
    }
    return missing;
}

bool wait_until_settled(rpc::Client& client,
                        std::span<const Address> senders,
                        std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (bool waited = false;; waited = true)
    {
        const std::vector<uint64_t> latest = account_nonces(client, senders, "latest");
        const std::vector<uint64_t> pending = account_nonces(client, senders, "pending");
        size_t unsettled = 0;
        for (size_t i = 0; i < senders.size(); ++i)
            unsettled += pending[i] > latest[i];
        if (unsettled == 0)
            return waited;
        if (std::chrono::steady_clock::now() > deadline)
            throw PoolError(std::to_string(unsettled) + " of the pool's senders (first " +
                            to_hex(senders[0]) + ") still have pending transactions; wait for "
                            "them to be mined, then run again");
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
}

void ensure_contracts(rpc::Client& client,
                      Payer& payer,
                      FundingChain& chain,
                      const Deployments& deployments,
                      PoolState& state,
                      const std::filesystem::path& state_path,
                      PoolReport& report,
                      bool dev_node,
                      std::chrono::milliseconds timeout)
{
    for (const std::string& name : deployments)
    {
        deploy(client, payer, chain, name, dev_node, timeout,
               [&](const Address& a) {
                   state.contracts[name] = a;
                   save_state(state_path, state);
               });
        report.deployed.push_back(name);
    }
    chain.token = state.contract(kTokenContract);
    chain.multisend = state.contract(kMultisendContract).value_or(Address{});
}

size_t set_dev_balances(rpc::Client& client,
                        const std::string& set_balance_method,
                        const std::optional<Address>& token,
                        std::span<const Wallet> recipients,
                        std::span<const Payment> payments,
                        const Need& need)
{
    std::vector<Address> short_eth;
    std::vector<Address> short_token;
    for (size_t i = 0; i < payments.size(); ++i)
    {
        if (payments[i].eth != 0)
            short_eth.push_back(recipients[i].address);
        if (payments[i].token != 0)
            short_token.push_back(recipients[i].address);
    }
    set_eth_balances(client, set_balance_method, short_eth, need.eth);
    if (!short_token.empty())
        set_token_balances(client, set_balance_method, token.value(), short_token, need.token);
    return 0;
}

void check_funder_can_pay(rpc::Client& client,
                          const Address& funder,
                          const FundingChain& chain,
                          std::span<const Payment> payments,
                          bool tree,
                          const Deployments& deployments)
{
    /// Exactly what the funder sends: the tree's first round, or every payment itself.
    const std::vector<Payment> funder_pays =
        tree && payments.size() > kRecipientsPerTxn
            ? distributor_payments(chain, payments)
            : std::vector<Payment>(payments.begin(), payments.end());
    const Payment total = payment_total(funder_pays);
    const U256 fees = payment_fees(chain, funder_pays) +
                      U256(kDeployGas) * U256(deployments.size()) * chain.fees.max_fee_per_gas;
    const U256 funder_eth = client.get_balance(funder, "latest");
    const bool deploys_token =
        std::find(deployments.begin(), deployments.end(), kTokenContract) != deployments.end();
    const U256 funder_token =
        deploys_token ? pool_token_supply()
        : total.token != 0 ? token_balances(client, chain.token.value(), std::span(&funder, 1)).at(0)
                           : U256(0);
    if (auto problem = check_funder(funder_eth, funder_token, total.eth + fees, total.token))
        throw PoolError(*problem + " (funder " + to_hex(funder) + "); the funder sent nothing");
}

std::string_view to_string(Strategy strategy)
{
    switch (strategy)
    {
    case Strategy::automatic:
        return "auto";
    case Strategy::dev_rpc:
        return "dev_rpc";
    case Strategy::multisend:
        return "multisend";
    case Strategy::tree:
        return "tree";
    }
    return "unknown";
}

std::optional<Strategy> parse_strategy(std::string_view text)
{
    for (const Strategy s : {Strategy::automatic, Strategy::dev_rpc, Strategy::multisend, Strategy::tree})
        if (text == to_string(s))
            return s;
    return std::nullopt;
}

}  // namespace zkload::pool
