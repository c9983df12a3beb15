// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "pool/balances.hpp"
#include "pool/multisend_funding.hpp"

namespace zkload::pool {

/// Short wallets and what each lacks, in matching order.
struct ShortList
{
    std::vector<Wallet> wallets;
    std::vector<Payment> payments;
};

/// Wallets that hold more than `need` — the distributors of a tree whose run was killed between
/// its rounds — pay short wallets from their surplus first, so an interrupted funding never
/// makes the funder pay anyone twice and leaves nothing stranded. Removes the payments it
/// covered from `short_list`. Needs the multisend (not used with dev RPC funding, which sets
/// balances exactly).
FundingStats pay_from_surplus(rpc::Client& client,
                              const FundingChain& chain,
                              std::span<const Wallet> wallets,
                              const WalletBalances& balances,
                              const Need& need,
                              ShortList& short_list,
                              std::chrono::milliseconds timeout);

}  // namespace zkload::pool
