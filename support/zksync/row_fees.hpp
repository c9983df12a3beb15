// SPDX-License-Identifier: Apache-2.0
// The fee fields of a row's 0x71 transactions on a zkSync chain, read from the node once before
// the row (never per transaction).
#pragma once

#include "rpc/client.hpp"
#include "zksync/chain_txn.hpp"

namespace zkload::zksync {

struct Eip712Fees
{
    U256 max_fee_per_gas;
    U256 max_priority_fee_per_gas;
    /// The limit the sender signs (gasPerPubdataByteLimit).
    U256 gas_per_pubdata;
};

/// zks_estimateFee of `call` from `from` (paid by `paymaster` when given, which the node then
/// validates): its max fee, tip and gas per pubdata limit, the limit
/// raised to the node's current price (zks_gasPerPubdata) where that is higher, so the row's
/// transactions are not refused for it when the price moved since. A node without
/// zks_gasPerPubdata keeps the estimate's limit. Throws naming the method when the node refuses,
/// or answers without a field or with a zero limit.
Eip712Fees eip712_fees(rpc::Client& client, const Address& from, const ContractCall& call,
                       const std::optional<PaymasterParams>& paymaster = std::nullopt);

}  // namespace zkload::zksync
