// SPDX-License-Identifier: Apache-2.0
#include "txn/txn.hpp"
#include "txn/txn_rlp_signing.hpp"

#include "codec/keccak.hpp"
#include "codec/rlp.hpp"

#include <stdexcept>
#include <string>

namespace zkload {
namespace {

/// The six fields both the signing payload and the signed form start with.
size_t common_length(const LegacyTxn& txn)
{
    return rlp::length(txn.nonce) + rlp::length(txn.gas_price) + rlp::length(txn.gas_limit) +
           rlp::length(txn_detail::recipient(txn.to)) + rlp::length(txn.value) +
           rlp::length(ByteView(txn.data));
}

void encode_common(Bytes& out, const LegacyTxn& txn)
{
    rlp::encode(out, txn.nonce);
    rlp::encode(out, txn.gas_price);
    rlp::encode(out, txn.gas_limit);
    rlp::encode(out, txn_detail::recipient(txn.to));
    rlp::encode(out, txn.value);
    rlp::encode(out, ByteView(txn.data));
}

/// nullopt means pre-EIP-155; 0 is refused because ethers and geth read it as "no chain id",
/// which would quietly drop replay protection.
const std::optional<uint64_t>& checked_chain_id(const LegacyTxn& txn)
{
    if (txn.chain_id && *txn.chain_id == 0)
        throw std::invalid_argument(
            "legacy transaction: chain id 0 is not an EIP-155 chain id (use nullopt for a "
            "pre-EIP-155 transaction)");
    return txn.chain_id;
}

/// EIP-155: v = 35 + 2·chainId + parity, which can exceed 64 bits for a large chain id.
U256 v_of(const LegacyTxn& txn, const Signature& signature)
{
    const auto& chain_id = checked_chain_id(txn);
    if (!chain_id)
        return U256(27 + signature.y_parity);
    return U256(*chain_id) * 2 + 35 + signature.y_parity;
}

/// rlp([nonce, gasPrice, gas, to, value, data] (+ [chainId, 0, 0] under EIP-155)).
void encode_unsigned(Bytes& out, const LegacyTxn& txn)
{
    const auto& chain_id = checked_chain_id(txn);
    size_t payload = common_length(txn);
    if (chain_id)
        payload += rlp::length(*chain_id) + 2;
    out.clear();
    out.reserve(rlp::list_length(payload));
    rlp::encode_list_header(out, payload);
    encode_common(out, txn);
    if (chain_id)
    {
        rlp::encode(out, *chain_id);
        rlp::encode(out, uint64_t{0});
        rlp::encode(out, uint64_t{0});
    }
}

void encode_signed_into(Bytes& out, const LegacyTxn& txn, const Signature& signature)
{
    txn_detail::check_y_parity(signature);
    const U256 v = v_of(txn, signature);
    const ByteView r = txn_detail::trimmed_scalar(signature.r);
    const ByteView s = txn_detail::trimmed_scalar(signature.s);
    const size_t payload = common_length(txn) + rlp::length(v) + rlp::length(r) + rlp::length(s);
    out.clear();
    out.reserve(rlp::list_length(payload));
    rlp::encode_list_header(out, payload);
    encode_common(out, txn);
    rlp::encode(out, v);
    rlp::encode(out, r);
    rlp::encode(out, s);
}

}  // namespace

void txn_detail::check_y_parity(const Signature& signature)
{
    if (signature.y_parity > 1)
        throw std::invalid_argument("transaction signature: y parity must be 0 or 1, got " +
                                    std::to_string(signature.y_parity));
}

Hash signing_hash(const LegacyTxn& txn)
{
    return txn_detail::rlp_signing_hash(txn, encode_unsigned);
}

Bytes encode_signed(const LegacyTxn& txn, const Signature& signature)
{
    Bytes out;
    encode_signed_into(out, txn, signature);
    return out;
}

Hash txn_hash(const LegacyTxn& txn, const Signature& signature)
{
    return keccak256(encode_signed(txn, signature));
}

void sign_into(const LegacyTxn& txn, const PrivateKey& key, SignedTxn& out)
{
    txn_detail::rlp_sign_into(txn, key, out, encode_unsigned, encode_signed_into);
}

SignedTxn sign(const LegacyTxn& txn, const PrivateKey& key)
{
    SignedTxn out;
    sign_into(txn, key, out);
    return out;
}

}  // namespace zkload
