// SPDX-License-Identifier: Apache-2.0
// What the L2 test double reads from a signed transaction it is sent: the real bytes decoded
// with the project's RLP decoder and the sender recovered from the signature, so nonces,
// balances and withdrawal messages follow what the product code really sent.
#pragma once

#include "codec/u256.hpp"

#include <optional>
#include <stdexcept>

namespace zkload::test {

/// A signed type-2 (EIP-1559) or 0x71 (zkSync EIP-712) transaction, decoded.
struct ReceivedTxn
{
    uint8_t type = 0x02;
    Hash hash{};
    Address from{};
    uint64_t chain_id = 0;
    uint64_t nonce = 0;
    uint64_t gas_limit = 0;
    std::optional<Address> to;
    U256 value;
    Bytes data;
    U256 max_fee_per_gas;
    /// 0x71 only: the signed gas per pubdata limit, and the paymaster if one pays.
    U256 gas_per_pubdata;
    std::optional<Address> paymaster;
    Bytes paymaster_input;
};

/// Decodes `0x02 ‖ rlp([chainId, nonce, tip, maxFee, gas, to, value, data, accessList, y, r, s])`
/// and recovers the sender. Throws std::invalid_argument naming what is wrong (another type, a
/// malformed encoding, a signature that recovers no address).
ReceivedTxn decode_signed_eip1559(ByteView raw);

/// Decodes `0x71 ‖ rlp([16 fields])` with the 65-byte signature in customSignature (field 14), as
/// zksync-ethers and zkload send it, rebuilds the EIP-712 digest, and checks that the signature
/// recovers the `from` it names; the hash is the one zkSync indexes it by. Throws
/// std::invalid_argument naming what is wrong.
ReceivedTxn decode_signed_eip712(ByteView raw);

/// Either of the two, by the type byte.
ReceivedTxn decode_signed(ByteView raw);

}  // namespace zkload::test
