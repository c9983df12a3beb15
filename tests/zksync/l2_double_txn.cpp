// SPDX-License-Identifier: Apache-2.0
#include "l2_double_txn.hpp"

#include "codec/keccak.hpp"
#include "codec/rlp_decode.hpp"
#include "txn/txn.hpp"

#include <algorithm>

namespace zkload::test {
namespace {

Hash scalar(const rlp::Item& item)
{
    const ByteView bytes = rlp::decode_bytes(item);
    if (bytes.size() > 32)
        throw std::invalid_argument("a signature scalar is longer than 32 bytes");
    Hash out{};
    std::copy(bytes.begin(), bytes.end(), out.end() - static_cast<ptrdiff_t>(bytes.size()));
    return out;
}

}  // namespace

ReceivedTxn decode_signed_eip1559(ByteView raw)
{
    if (raw.empty() || raw[0] != 0x02)
        throw std::invalid_argument("the double takes type-2 transactions only");
    std::vector<rlp::Item> items;
    try
    {
        items = rlp::decode_list(rlp::decode_exact(raw.subspan(1)));
    }
    catch (const rlp::DecodeError& e)
    {
        throw std::invalid_argument(std::string("malformed type-2 transaction: ") + e.what());
    }
    if (items.size() != 12)
        throw std::invalid_argument("a type-2 transaction has 12 fields, this one " +
                                    std::to_string(items.size()));
    if (!rlp::decode_list(items[8]).empty())
        throw std::invalid_argument("the double takes no access lists");
    Eip1559Txn txn{.chain_id = rlp::decode_uint64(items[0]),
                   .nonce = rlp::decode_uint64(items[1]),
                   .max_priority_fee_per_gas = rlp::decode_u256(items[2]),
                   .max_fee_per_gas = rlp::decode_u256(items[3]),
                   .gas_limit = rlp::decode_uint64(items[4]),
                   .to = std::nullopt,
                   .value = rlp::decode_u256(items[6]),
                   .data = {}};
    if (!rlp::decode_bytes(items[5]).empty())
        txn.to = rlp::decode_address(items[5]);
    const ByteView data = rlp::decode_bytes(items[7]);
    txn.data.assign(data.begin(), data.end());
    const uint64_t parity = rlp::decode_uint64(items[9]);
    if (parity > 1)
        throw std::invalid_argument("y parity is not 0 or 1");
    const Signature signature{.r = scalar(items[10]), .s = scalar(items[11]),
                              .y_parity = static_cast<uint8_t>(parity)};
    const std::optional<Address> from = recover_signer(signing_hash(txn), signature);
    if (!from)
        throw std::invalid_argument("the signature recovers no sender");
    return {.hash = keccak256(raw),
            .from = *from,
            .chain_id = txn.chain_id,
            .nonce = txn.nonce,
            .gas_limit = txn.gas_limit,
            .to = txn.to,
            .value = txn.value,
            .data = std::move(txn.data)};
}

}  // namespace zkload::test
