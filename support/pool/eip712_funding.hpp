// SPDX-License-Identifier: Apache-2.0
// The pool on a zkSync chain: its funding transactions are 0x71, as the rows' are, and each pays
// one wallet directly (no multisend contract), so a chain without the EVM emulator hosts a pool.
#pragma once

#include "pool/payments.hpp"
#include "rpc/client.hpp"

namespace zkload::pool {

/// Gas of one transfer from `from` to `to` as the node estimates it, 30% over (state may differ
/// when it is sent): ETH (value 1 wei) or, with `token`, an ERC20 transfer(to, 1). Throws naming
/// the node's refusal.
uint64_t estimated_transfer_gas(rpc::Client& client,
                                const Address& from,
                                const Address& to,
                                const std::optional<Address>& token = std::nullopt);

/// On a zkSync chain (one that answers zks_L1ChainId): the fees of one zks_estimateFee of a
/// transfer from `funder` to `recipient` (max fee, tip, and the gas per pubdata limit raised to
/// zks_gasPerPubdata) and the estimated gas of an ETH transfer and, with `token`, of a token
/// transfer. nullopt on any other chain.
struct Eip712Funding
{
    Fees fees;
    Eip712Payments payments;
};
std::optional<Eip712Funding> eip712_funding(rpc::Client& client,
                                            const Address& funder,
                                            const Address& recipient,
                                            const std::optional<Address>& token);

}  // namespace zkload::pool
