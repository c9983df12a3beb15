// SPDX-License-Identifier: Apache-2.0
#include "pool/fee_token.hpp"

#include "pool/eip712_funding.hpp"
#include "pool/multisend_funding.hpp"

namespace zkload::pool {

FeeTokenPlan plan_fee_token(rpc::Client& client,
                            const Address& funder,
                            std::span<const Wallet> wallets,
                            const Address& token,
                            const U256& need)
{
    std::vector<Address> addresses;
    for (const Wallet& w : wallets)
        addresses.push_back(w.address);
    const std::vector<U256> balances = token_balances(client, token, addresses);
    FeeTokenPlan plan;
    for (size_t i = 0; i < wallets.size(); ++i)
        // the need follows the node's fees, as the ETH for fees does: a small rise sends no dust
        if (balances[i] < need * 9 / 10)
            plan.payments.push_back({.to = addresses[i], .token = top_up(balances[i], need)});
    if (plan.payments.empty())
        return plan;

    const auto zksync = eip712_funding(client, funder, plan.payments.front().to, token);
    if (!zksync)
        throw PoolError("--paymaster-token: a paymaster pays only zkSync's 0x71 transactions, and this node is not "
                        "a zkSync chain");
    plan.chain = {.chain_id = client.chain_id(), .fees = zksync->fees, .token = token, .eip712 = zksync->payments};
    const U256 total = payment_total(plan.payments).token;
    const U256 funder_token = token_balances(client, token, std::span(&funder, 1)).at(0);
    const U256 funder_eth = client.get_balance(funder, "latest");
    if (auto problem = check_funder(funder_eth, funder_token, payment_fees(plan.chain, plan.payments), total))
        throw PoolError("the paymaster's token " + to_hex(token) + " for the wallets' fees: " + *problem +
                        " (funder " + to_hex(funder) + "); nothing was sent");
    return plan;
}

size_t pay_fee_token(rpc::Client& client,
                     const PrivateKey& funder,
                     const FeeTokenPlan& plan,
                     std::chrono::milliseconds timeout)
{
    if (plan.payments.empty())
        return 0;
    Payer payer{.key = funder, .address = address_of(funder)};
    payer.nonce = client.get_transaction_count(payer.address, "pending");
    return pay_flat(client, payer, plan.chain, plan.payments, timeout).transactions;
}

}  // namespace zkload::pool
