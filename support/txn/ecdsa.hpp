// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"

#include <optional>

namespace zkload {

/// A recoverable secp256k1 signature: r, s (low-S, EIP-2) and the y parity (0 or 1).
struct Signature
{
    Hash r{};
    Hash s{};
    uint8_t y_parity = 0;

    /// r ‖ s ‖ v with v = 27 + y_parity: the 65-byte form of eth_sign and zkSync's customSignature.
    Bytes to_rsv() const;
};

/// True if the key is a valid secp256k1 secret (non-zero and below the group order).
bool is_valid_private_key(const PrivateKey& key);

/// Signs a 32-byte digest (RFC 6979 nonce, deterministic). Throws std::invalid_argument on a bad key.
/// Uses one process-wide context, created and randomized once, shared read-only by all threads.
Signature sign_digest(const Hash& digest, const PrivateKey& key);

/// The Ethereum address of a key: keccak256(uncompressed public key without 0x04)[12:].
Address address_of(const PrivateKey& key);

/// The address that signed a digest, or nullopt if the signature is not valid.
std::optional<Address> recover_signer(const Hash& digest, const Signature& signature);

}  // namespace zkload
