// SPDX-License-Identifier: Apache-2.0
#include "pool/multisend_funding.hpp"

#include "pool/nonces.hpp"
#include "txn/send_and_confirm.hpp"

#include <algorithm>
#include <iterator>
#include <limits>
#include <stdexcept>

namespace zkload::pool {
namespace {

/// Sends every sender's transactions a nonce per round; on zkSync (chain.eip712), whose mempool
/// keeps nonces that come early, in waves, each wave in one round.
void send_all(rpc::Client& client,
              const FundingChain& chain,
              TxnsBySender by_sender,
              std::chrono::milliseconds timeout)
{
    const size_t wave = chain.eip712 ? kZkSyncWave : std::numeric_limits<size_t>::max();
    for (const TxnsBySender& part : waves(std::move(by_sender), wave))
        send_and_confirm(client, part, timeout, {.nonces_per_round = chain.eip712 ? kZkSyncWave : 1});
}

}  // namespace

std::vector<TxnsBySender> waves(TxnsBySender by_sender, size_t per_sender)
{
    if (per_sender == 0)
        throw std::invalid_argument("waves: at least one transaction per sender and wave");
    std::vector<TxnsBySender> out;
    for (size_t begin = 0;; begin += per_sender)
    {
        TxnsBySender wave;
        for (std::vector<SignedTxn>& txns : by_sender)
        {
            if (begin >= txns.size())
                continue;
            const auto first = txns.begin() + static_cast<ptrdiff_t>(begin);
            const auto last = txns.begin() + static_cast<ptrdiff_t>(std::min(txns.size(), begin + per_sender));
            wave.emplace_back(std::make_move_iterator(first), std::make_move_iterator(last));
        }
        if (wave.empty())
            return out;
        out.push_back(std::move(wave));
    }
}

FundingStats pay_flat(rpc::Client& client,
                      Payer& funder,
                      const FundingChain& chain,
                      std::span<const Payment> payments,
                      std::chrono::milliseconds timeout)
{
    if (payments.empty())
        return {};
    std::vector<SignedTxn> txns = sign_payments(funder, chain, payments);
    const size_t count = txns.size();
    send_all(client, chain, {std::move(txns)}, timeout);
    return {.transactions = count, .rounds = 1};
}

std::vector<Payment> distributor_payments(const FundingChain& chain, std::span<const Payment> payments)
{
    std::vector<Payment> to_distributors;
    for (size_t begin = 0; begin < payments.size(); begin += kRecipientsPerTxn)
    {
        const auto group = payments.subspan(begin, std::min(kRecipientsPerTxn, payments.size() - begin));
        const auto rest = group.subspan(1);
        const Payment rest_total = payment_total(rest);
        to_distributors.push_back({.to = group[0].to,
                                   .eth = group[0].eth + rest_total.eth + payment_fees(chain, rest),
                                   .token = group[0].token + rest_total.token});
    }
    return to_distributors;
}

FundingStats pay_by_tree(rpc::Client& client,
                         Payer& funder,
                         const FundingChain& chain,
                         std::span<const Wallet> recipients,
                         std::span<const Payment> payments,
                         std::chrono::milliseconds timeout)
{
    if (recipients.size() != payments.size())
        throw std::invalid_argument("pay_by_tree: recipients and payments differ in length");
    if (payments.size() <= kRecipientsPerTxn)
        return pay_flat(client, funder, chain, payments, timeout);

    const std::vector<Payment> to_distributors = distributor_payments(chain, payments);
    std::vector<Address> distributors;
    for (const Payment& p : to_distributors)
        distributors.push_back(p.to);
    FundingStats stats = pay_flat(client, funder, chain, to_distributors, timeout);

    const std::vector<uint64_t> nonces = pending_nonces(client, distributors);
    TxnsBySender round2;
    for (size_t g = 0, begin = 0; begin < payments.size(); ++g, begin += kRecipientsPerTxn)
    {
        const size_t n = std::min(kRecipientsPerTxn, payments.size() - begin);
        if (recipients[begin].address != payments[begin].to)
            throw std::invalid_argument("pay_by_tree: recipients[i] must be the wallet payments[i] pays");
        Payer distributor{.key = recipients[begin].key,
                          .address = recipients[begin].address,
                          .nonce = nonces[g]};
        round2.push_back(sign_payments(distributor, chain, payments.subspan(begin + 1, n - 1)));
        stats.transactions += round2.back().size();
    }
    send_all(client, chain, std::move(round2), timeout);
    stats.rounds += 1;
    return stats;
}

}  // namespace zkload::pool
