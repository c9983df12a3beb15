// SPDX-License-Identifier: Apache-2.0
#include "txn/txn.hpp"
#include "txn/txn_rlp_signing.hpp"

#include "codec/keccak.hpp"
#include "codec/rlp.hpp"

namespace zkload {
namespace {

/// EIP-2718 envelope type byte, in front of the RLP list in both the signing payload and raw.
constexpr uint8_t kType = 0x02;

/// Encoded [address, [key…]]: a 21-byte address string and a list of 33-byte key strings.
size_t entry_payload_length(const AccessListEntry& entry)
{
    return rlp::length(ByteView(entry.address)) +
           rlp::list_length(entry.storage_keys.size() * rlp::length(ByteView(Hash{})));
}

size_t access_list_payload_length(const std::vector<AccessListEntry>& list)
{
    size_t total = 0;
    for (const auto& entry : list)
        total += rlp::list_length(entry_payload_length(entry));
    return total;
}

/// [chainId, nonce, tip, maxFee, gas, to, value, data, accessList]: shared by both forms.
size_t common_length(const Eip1559Txn& txn)
{
    return rlp::length(txn.chain_id) + rlp::length(txn.nonce) +
           rlp::length(txn.max_priority_fee_per_gas) + rlp::length(txn.max_fee_per_gas) +
           rlp::length(txn.gas_limit) + rlp::length(txn_detail::recipient(txn.to)) +
           rlp::length(txn.value) + rlp::length(ByteView(txn.data)) +
           rlp::list_length(access_list_payload_length(txn.access_list));
}

void encode_common(Bytes& out, const Eip1559Txn& txn)
{
    rlp::encode(out, txn.chain_id);
    rlp::encode(out, txn.nonce);
    rlp::encode(out, txn.max_priority_fee_per_gas);
    rlp::encode(out, txn.max_fee_per_gas);
    rlp::encode(out, txn.gas_limit);
    rlp::encode(out, txn_detail::recipient(txn.to));
    rlp::encode(out, txn.value);
    rlp::encode(out, ByteView(txn.data));
    rlp::encode_list_header(out, access_list_payload_length(txn.access_list));
    for (const auto& entry : txn.access_list)
    {
        rlp::encode_list_header(out, entry_payload_length(entry));
        rlp::encode(out, ByteView(entry.address));
        rlp::encode_list_header(out, entry.storage_keys.size() * rlp::length(ByteView(Hash{})));
        for (const auto& key : entry.storage_keys)
            rlp::encode(out, ByteView(key));
    }
}

void encode_unsigned(Bytes& out, const Eip1559Txn& txn)
{
    const size_t payload = common_length(txn);
    out.clear();
    out.reserve(1 + rlp::list_length(payload));
    out.push_back(kType);
    rlp::encode_list_header(out, payload);
    encode_common(out, txn);
}

void encode_signed_into(Bytes& out, const Eip1559Txn& txn, const Signature& signature)
{
    txn_detail::check_y_parity(signature);
    const uint64_t y_parity = signature.y_parity;
    const ByteView r = txn_detail::trimmed_scalar(signature.r);
    const ByteView s = txn_detail::trimmed_scalar(signature.s);
    const size_t payload =
        common_length(txn) + rlp::length(y_parity) + rlp::length(r) + rlp::length(s);
    out.clear();
    out.reserve(1 + rlp::list_length(payload));
    out.push_back(kType);
    rlp::encode_list_header(out, payload);
    encode_common(out, txn);
    rlp::encode(out, y_parity);
    rlp::encode(out, r);
    rlp::encode(out, s);
}

}  // namespace

Hash signing_hash(const Eip1559Txn& txn)
{
    return txn_detail::rlp_signing_hash(txn, encode_unsigned);
}

Bytes encode_signed(const Eip1559Txn& txn, const Signature& signature)
{
    Bytes out;
    encode_signed_into(out, txn, signature);
    return out;
}

Hash txn_hash(const Eip1559Txn& txn, const Signature& signature)
{
    return keccak256(encode_signed(txn, signature));
}

void sign_into(const Eip1559Txn& txn, const PrivateKey& key, SignedTxn& out)
{
    txn_detail::rlp_sign_into(txn, key, out, encode_unsigned, encode_signed_into);
}

SignedTxn sign(const Eip1559Txn& txn, const PrivateKey& key)
{
    SignedTxn out;
    sign_into(txn, key, out);
    return out;
}

}  // namespace zkload
