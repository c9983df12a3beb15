// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/client.hpp"
#include "codec/u256.hpp"

namespace zkload {

/// EIP-1559 fees to offer: max fee = 2 × latest base fee + tip, so a transaction stays valid
/// through several blocks of rising base fee (each block raises it by at most 12.5%).
struct Fees
{
    U256 base_fee;
    U256 max_priority_fee_per_gas;
    U256 max_fee_per_gas;
};

/// Reads the latest base fee and the node's suggested tip (eth_maxPriorityFeePerGas, or 0 where
/// the node lacks the method, as zkSync Era's fee model ignores tips). Throws on node errors.
Fees current_fees(rpc::Client& client);

}  // namespace zkload
