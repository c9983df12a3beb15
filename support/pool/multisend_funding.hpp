// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "pool/payments.hpp"
#include "pool/wallets.hpp"
#include "rpc/client.hpp"
#include "txn/send_and_confirm.hpp"

#include <chrono>

namespace zkload::pool {

struct FundingStats
{
    size_t transactions = 0;
    size_t rounds = 0;
};

/// zkSync Era refuses a nonce more than max_nonce_ahead (50 by default) past an account's next
/// one: where payments are one 0x71 per wallet, a sender's transactions go in waves of at most
/// this many, each wave (every sender's next part) confirmed before the next is sent. Inside
/// that window it keeps a nonce that comes early, so a wave goes to it in one round.
inline constexpr size_t kZkSyncWave = 40;

/// Splits each sender's transactions (in nonce order) into waves of at most `per_sender` of its
/// transactions; wave k holds every sender's k-th part, in sender order (a sender with nothing
/// left is not in it).
std::vector<TxnsBySender> waves(TxnsBySender by_sender, size_t per_sender);

/// The funder pays everyone itself through the multisend: ceil(n / 250) transactions per asset,
/// one nonce per round of send_and_confirm (on zkSync one 0x71 per wallet, in waves).
FundingStats pay_flat(rpc::Client& client,
                      Payer& funder,
                      const FundingChain& chain,
                      std::span<const Payment> payments,
                      std::chrono::milliseconds timeout);

/// What the tree's first round pays each distributor (the first wallet of each group of 250):
/// its own top-up, its group's, and the fees of its own transactions. The funder's outflow for
/// a tree is exactly these payments plus their own fees.
std::vector<Payment> distributor_payments(const FundingChain& chain, std::span<const Payment> payments);

/// Two rounds: the funder pays one distributor per group of 250 (the group's first wallet,
/// given what its group needs plus its own fees), then every distributor pays its group in
/// parallel, each with its own nonces. The funder sends n / 250² transactions instead of
/// n / 250, which matters where a sender may have few transactions pending (zkSync Era allows
/// 50 nonces ahead) and where blocks fill: the work spreads over many senders.
/// `recipients[i]` is the wallet `payments[i]` pays; distributors sign with the pool's keys.
FundingStats pay_by_tree(rpc::Client& client,
                         Payer& funder,
                         const FundingChain& chain,
                         std::span<const Wallet> recipients,
                         std::span<const Payment> payments,
                         std::chrono::milliseconds timeout);

}  // namespace zkload::pool
