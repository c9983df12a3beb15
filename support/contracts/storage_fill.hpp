// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"
#include "codec/u256.hpp"

namespace zkload {

/// The data of a transaction that deploys StorageFill (contracts/StorageFill.sol); no constructor
/// arguments.
Bytes storage_fill_creation_code();

/// Calldata for StorageFill.fill(n): the caller writes `n` storage slots never written before.
Bytes storage_fill_calldata(uint64_t n);

/// Calldata for StorageFill.filled(holder): how many slots `holder` has filled so far.
Bytes storage_filled_calldata(const Address& holder);

}  // namespace zkload
