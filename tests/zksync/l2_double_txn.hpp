// SPDX-License-Identifier: Apache-2.0
// What the L2 test double reads from a signed transaction it is sent: the real bytes decoded
// with the project's RLP decoder and the sender recovered from the signature, so nonces,
// balances and withdrawal messages follow what the product code really sent.
#pragma once

#include "codec/u256.hpp"

#include <optional>
#include <stdexcept>

namespace zkload::test {

/// A signed type-2 (EIP-1559) transaction, decoded.
struct ReceivedTxn
{
    Hash hash{};
    Address from{};
    uint64_t chain_id = 0;
    uint64_t nonce = 0;
    uint64_t gas_limit = 0;
    std::optional<Address> to;
    U256 value;
    Bytes data;
};

/// Decodes `0x02 ‖ rlp([chainId, nonce, tip, maxFee, gas, to, value, data, accessList, y, r, s])`
/// and recovers the sender. Throws std::invalid_argument naming what is wrong (another type, a
/// malformed encoding, a signature that recovers no address).
ReceivedTxn decode_signed_eip1559(ByteView raw);

}  // namespace zkload::test
