// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "txn/ecdsa.hpp"
#include "codec/keccak.hpp"
#include "txn/txn.hpp"

namespace zkload::txn_detail {

/// The signing flow of the RLP-hashed types (legacy and EIP-1559), written once: the digest is
/// keccak of the unsigned encoding, the hash keccak of the signed one, and the unsigned encoding
/// is built in out.raw so the steady state allocates nothing. Each type passes its encoders.
template <typename Txn, typename EncodeUnsigned>
Hash rlp_signing_hash(const Txn& txn, EncodeUnsigned encode_unsigned)
{
    Bytes payload;
    encode_unsigned(payload, txn);
    return keccak256(payload);
}

template <typename Txn, typename EncodeUnsigned, typename EncodeSigned>
void rlp_sign_into(const Txn& txn,
                   const PrivateKey& key,
                   SignedTxn& out,
                   EncodeUnsigned encode_unsigned,
                   EncodeSigned encode_signed)
{
    encode_unsigned(out.raw, txn);
    out.signature = sign_digest(keccak256(out.raw), key);
    encode_signed(out.raw, txn, out.signature);
    out.hash = keccak256(out.raw);
}

}  // namespace zkload::txn_detail
