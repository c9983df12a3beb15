// SPDX-License-Identifier: Apache-2.0
#include "pool/surplus.hpp"

#include "pool/nonces.hpp"
#include "txn/send_and_confirm.hpp"

namespace zkload::pool {
namespace {

/// How many payments from `first` one holder's surplus covers, fees included, at most one
/// multisend chunk's worth.
size_t covered_count(const FundingChain& chain,
                     std::span<const Payment> pending,
                     const U256& surplus_eth,
                     const U256& surplus_token)
{
    size_t n = 0;
    while (n < pending.size() && n < kRecipientsPerTxn)
    {
        const auto candidate = pending.first(n + 1);
        const Payment total = payment_total(candidate);
        if (total.eth + payment_fees(chain, candidate) > surplus_eth || total.token > surplus_token)
            break;
        ++n;
    }
    return n;
}

}  // namespace

FundingStats pay_from_surplus(rpc::Client& client,
                              const FundingChain& chain,
                              std::span<const Wallet> wallets,
                              const WalletBalances& balances,
                              const Need& need,
                              ShortList& short_list,
                              std::chrono::milliseconds timeout)
{
    std::vector<size_t> holders;
    for (size_t i = 0; i < wallets.size(); ++i)
        if (balances.eth[i] > need.eth && balances.token[i] >= need.token)
            holders.push_back(i);
    if (holders.empty() || short_list.payments.empty())
        return {};

    std::vector<Address> holder_addresses;
    for (const size_t i : holders)
        holder_addresses.push_back(wallets[i].address);
    const std::vector<uint64_t> nonces = pending_nonces(client, holder_addresses);

    TxnsBySender txns;
    size_t transactions = 0;
    size_t next = 0;
    for (size_t h = 0; h < holders.size() && next < short_list.payments.size(); ++h)
    {
        const size_t i = holders[h];
        const auto pending = std::span(short_list.payments).subspan(next);
        const size_t n = covered_count(chain, pending, balances.eth[i] - need.eth,
                                       balances.token[i] - need.token);
        if (n == 0)
            continue;
        Payer holder{.key = wallets[i].key, .address = wallets[i].address, .nonce = nonces[h]};
        txns.push_back(sign_payments(holder, chain, pending.first(n)));
        transactions += txns.back().size();
        next += n;
    }
    if (txns.empty())
        return {};
    send_and_confirm(client, txns, timeout);
    short_list.payments.erase(short_list.payments.begin(),
                              short_list.payments.begin() + static_cast<ptrdiff_t>(next));
    short_list.wallets.erase(short_list.wallets.begin(),
                             short_list.wallets.begin() + static_cast<ptrdiff_t>(next));
    return {.transactions = transactions, .rounds = 1};
}

}  // namespace zkload::pool
