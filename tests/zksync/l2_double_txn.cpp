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
        throw std::invalid_argument("the double takes type-2 and 0x71 transactions only");
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
            .data = std::move(txn.data),
            .max_fee_per_gas = txn.max_fee_per_gas};
}

ReceivedTxn decode_signed_eip712(ByteView raw)
{
    if (raw.empty() || raw[0] != 0x71)
        throw std::invalid_argument("not a 0x71 transaction");
    Eip712Txn txn;
    Signature signature;
    try
    {
        const std::vector<rlp::Item> items = rlp::decode_list(rlp::decode_exact(raw.subspan(1)));
        if (items.size() != 16)
            throw std::invalid_argument("a 0x71 transaction has 16 fields, this one " + std::to_string(items.size()));
        txn.nonce = rlp::decode_uint64(items[0]);
        txn.max_priority_fee_per_gas = rlp::decode_u256(items[1]);
        txn.max_fee_per_gas = rlp::decode_u256(items[2]);
        txn.gas_limit = rlp::decode_uint64(items[3]);
        txn.to = rlp::decode_address(items[4]);
        txn.value = rlp::decode_u256(items[5]);
        const ByteView data = rlp::decode_bytes(items[6]);
        txn.data.assign(data.begin(), data.end());
        txn.chain_id = rlp::decode_uint64(items[10]);
        if (rlp::decode_uint64(items[7]) != txn.chain_id || !rlp::decode_bytes(items[8]).empty() ||
            !rlp::decode_bytes(items[9]).empty())
            throw std::invalid_argument("fields 7 to 9 are not (chain id, empty, empty): the double takes the "
                                        "signature in customSignature only");
        txn.from = rlp::decode_address(items[11]);
        txn.gas_per_pubdata = rlp::decode_u256(items[12]);
        for (const rlp::Item& dep : rlp::decode_list(items[13]))
        {
            const ByteView bytes = rlp::decode_bytes(dep);
            txn.factory_deps.emplace_back(bytes.begin(), bytes.end());
        }
        const ByteView rsv = rlp::decode_bytes(items[14]);
        if (rsv.size() != 65 || (rsv[64] != 27 && rsv[64] != 28))
            throw std::invalid_argument("customSignature is not 65 bytes r‖s‖v with v 27 or 28");
        std::copy(rsv.begin(), rsv.begin() + 32, signature.r.begin());
        std::copy(rsv.begin() + 32, rsv.begin() + 64, signature.s.begin());
        signature.y_parity = static_cast<uint8_t>(rsv[64] - 27);
        const std::vector<rlp::Item> paymaster = rlp::decode_list(items[15]);
        if (paymaster.size() == 2)
        {
            const ByteView input = rlp::decode_bytes(paymaster[1]);
            txn.paymaster = PaymasterParams{rlp::decode_address(paymaster[0]), Bytes(input.begin(), input.end())};
        }
        else if (!paymaster.empty())
            throw std::invalid_argument("paymasterParams is neither empty nor [paymaster, input]");
    }
    catch (const rlp::DecodeError& e)
    {
        throw std::invalid_argument(std::string("malformed 0x71 transaction: ") + e.what());
    }
    if (txn.gas_per_pubdata == 0)
        throw std::invalid_argument("a 0x71 transaction's gas per pubdata limit may not be 0");
    if (recover_signer(signing_hash(txn), signature) != txn.from)
        throw std::invalid_argument("the signature does not recover the sender the transaction names");
    return {.type = 0x71,
            .hash = txn_hash(txn, signature),
            .from = txn.from,
            .chain_id = txn.chain_id,
            .nonce = txn.nonce,
            .gas_limit = txn.gas_limit,
            .to = txn.to,
            .value = txn.value,
            .data = std::move(txn.data),
            .max_fee_per_gas = txn.max_fee_per_gas,
            .gas_per_pubdata = txn.gas_per_pubdata,
            .paymaster = txn.paymaster ? std::optional(txn.paymaster->paymaster) : std::nullopt,
            .paymaster_input = txn.paymaster ? txn.paymaster->input : Bytes{}};
}

ReceivedTxn decode_signed(ByteView raw)
{
    if (!raw.empty() && raw[0] == 0x71)
        return decode_signed_eip712(raw);
    return decode_signed_eip1559(raw);
}

}  // namespace zkload::test
