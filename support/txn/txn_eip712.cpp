// SPDX-License-Identifier: Apache-2.0
#include "txn/txn.hpp"

#include "zksync/bytecode_hash.hpp"
#include "codec/keccak.hpp"
#include "codec/rlp.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

namespace zkload {
namespace {

constexpr uint8_t kType = 0x71;
constexpr size_t kWord = 32;
constexpr size_t kStructWords = 14;
constexpr size_t kRsvSize = 65;

using Rsv = std::array<uint8_t, kRsvSize>;

/// Type hashes of zkSync's EIP-712 domain and transaction struct, spelled exactly as the
/// server and zksync-ethers spell them (the hash covers the text).
struct TypeHashes
{
    Hash domain = keccak256(as_view("EIP712Domain(string name,string version,uint256 chainId)"));
    Hash name = keccak256(as_view("zkSync"));
    Hash version = keccak256(as_view("2"));
    Hash transaction = keccak256(
        as_view("Transaction(uint256 txType,uint256 from,uint256 to,uint256 gasLimit,"
                "uint256 gasPerPubdataByteLimit,uint256 maxFeePerGas,uint256 maxPriorityFeePerGas,"
                "uint256 paymaster,uint256 nonce,uint256 value,bytes data,bytes32[] factoryDeps,"
                "bytes paymasterInput)"));
};

const TypeHashes& type_hashes()
{
    static const TypeHashes hashes;
    return hashes;
}

/// A fixed run of 32-byte ABI words: EIP-712 encodes every member of these structs as one word.
template <size_t N>
class Words
{
public:
    void put(size_t i, const Hash& word) { std::copy(word.begin(), word.end(), at(i)); }
    void put(size_t i, const U256& value) { put(i, to_be_bytes32(value)); }
    void put(size_t i, uint64_t value) { put(i, U256(value)); }
    void put(size_t i, const Address& address)
    {
        std::copy(address.begin(), address.end(), at(i) + (kWord - address.size()));
    }
    ByteView view() const { return bytes_; }

private:
    uint8_t* at(size_t i) { return bytes_.data() + i * kWord; }
    std::array<uint8_t, N * kWord> bytes_{};
};

/// keccak256(abi.encode(domainTypeHash, keccak("zkSync"), keccak("2"), chainId)); a load
/// generator signs for one chain, so the last one is kept per thread.
Hash domain_separator(uint64_t chain_id)
{
    thread_local std::optional<std::pair<uint64_t, Hash>> cached;
    if (!cached || cached->first != chain_id)
    {
        const TypeHashes& types = type_hashes();
        Words<4> words;
        words.put(0, types.domain);
        words.put(1, types.name);
        words.put(2, types.version);
        words.put(3, chain_id);
        cached.emplace(chain_id, keccak256(words.view()));
    }
    return cached->second;
}

/// keccak256 of no bytes: the hash of a transfer's data, factory deps and paymaster input, each
/// empty in most of a load's transactions, so worked out once.
const Hash& empty_keccak()
{
    static const Hash hash = keccak256(ByteView());
    return hash;
}

Hash keccak_of(ByteView bytes)
{
    return bytes.empty() ? empty_keccak() : keccak256(bytes);
}

/// keccak256 of the packed versioned bytecode hashes (bytes32[] in EIP-712).
Hash factory_deps_hash(const std::vector<Bytes>& deps)
{
    if (deps.empty())
        return empty_keccak();
    Bytes packed;
    packed.reserve(deps.size() * kWord);
    for (const Bytes& dep : deps)
        append(packed, eravm_bytecode_hash(dep));
    return keccak256(packed);
}

Hash struct_hash(const Eip712Txn& txn)
{
    Words<kStructWords> words;
    words.put(0, type_hashes().transaction);
    words.put(1, uint64_t{kType});
    words.put(2, txn.from);
    words.put(3, txn.to);
    words.put(4, txn.gas_limit);
    words.put(5, txn.gas_per_pubdata);
    words.put(6, txn.max_fee_per_gas);
    words.put(7, txn.max_priority_fee_per_gas);
    if (txn.paymaster)
        words.put(8, txn.paymaster->paymaster);
    words.put(9, txn.nonce);
    words.put(10, txn.value);
    words.put(11, keccak_of(txn.data));
    words.put(12, factory_deps_hash(txn.factory_deps));
    words.put(13, keccak_of(txn.paymaster ? ByteView(txn.paymaster->input) : ByteView()));
    return keccak256(words.view());
}

Rsv to_rsv(const Signature& signature)
{
    Rsv rsv;
    std::copy(signature.r.begin(), signature.r.end(), rsv.begin());
    std::copy(signature.s.begin(), signature.s.end(), rsv.begin() + kWord);
    rsv[2 * kWord] = static_cast<uint8_t>(27 + signature.y_parity);
    return rsv;
}

/// keccak256(digest ‖ keccak256(r‖s‖v)), the hash the server derives from the signed message.
Hash hash_of(const Hash& digest, const Signature& signature)
{
    return keccak256(digest, keccak256(to_rsv(signature)));
}

size_t paymaster_payload_length(const PaymasterParams& params)
{
    return rlp::length(ByteView(params.paymaster)) + rlp::length(ByteView(params.input));
}

size_t factory_deps_payload_length(const std::vector<Bytes>& deps)
{
    size_t total = 0;
    for (const Bytes& dep : deps)
        total += rlp::length(ByteView(dep));
    return total;
}

/// The 16 fields of zksync-ethers' serializeEip712 as its Wallet sends them: fields 7–9 hold
/// (chainId, empty, empty) and the signature is the 65-byte r‖s‖v customSignature (field 14);
/// no paymaster is an empty list.
void encode_signed_into(Bytes& out, const Eip712Txn& txn, const Signature& signature)
{
    txn_detail::check_y_parity(signature);
    const Rsv rsv = to_rsv(signature);
    const ByteView to(txn.to);
    const ByteView from(txn.from);
    const size_t deps_payload = factory_deps_payload_length(txn.factory_deps);
    const size_t paymaster_payload =
        txn.paymaster ? paymaster_payload_length(*txn.paymaster) : size_t{0};
    const size_t payload = rlp::length(txn.nonce) + rlp::length(txn.max_priority_fee_per_gas) +
                           rlp::length(txn.max_fee_per_gas) + rlp::length(txn.gas_limit) +
                           rlp::length(to) + rlp::length(txn.value) +
                           rlp::length(ByteView(txn.data)) + 2 * rlp::length(txn.chain_id) +
                           2 * rlp::length(ByteView()) + rlp::length(from) +
                           rlp::length(txn.gas_per_pubdata) + rlp::list_length(deps_payload) +
                           rlp::length(ByteView(rsv)) + rlp::list_length(paymaster_payload);
    out.clear();
    out.reserve(1 + rlp::list_length(payload));
    out.push_back(kType);
    rlp::encode_list_header(out, payload);
    rlp::encode(out, txn.nonce);
    rlp::encode(out, txn.max_priority_fee_per_gas);
    rlp::encode(out, txn.max_fee_per_gas);
    rlp::encode(out, txn.gas_limit);
    rlp::encode(out, to);
    rlp::encode(out, txn.value);
    rlp::encode(out, ByteView(txn.data));
    rlp::encode(out, txn.chain_id);
    rlp::encode(out, ByteView());
    rlp::encode(out, ByteView());
    rlp::encode(out, txn.chain_id);
    rlp::encode(out, from);
    rlp::encode(out, txn.gas_per_pubdata);
    rlp::encode_list_header(out, deps_payload);
    for (const Bytes& dep : txn.factory_deps)
        rlp::encode(out, ByteView(dep));
    rlp::encode(out, ByteView(rsv));
    rlp::encode_list_header(out, paymaster_payload);
    if (txn.paymaster)
    {
        rlp::encode(out, ByteView(txn.paymaster->paymaster));
        rlp::encode(out, ByteView(txn.paymaster->input));
    }
}

}  // namespace

Hash signing_hash(const Eip712Txn& txn)
{
    std::array<uint8_t, 2 + 2 * kWord> message{0x19, 0x01};
    const Hash domain = domain_separator(txn.chain_id);
    const Hash hashed = struct_hash(txn);
    std::copy(domain.begin(), domain.end(), message.begin() + 2);
    std::copy(hashed.begin(), hashed.end(), message.begin() + 2 + kWord);
    return keccak256(message);
}

Bytes encode_signed(const Eip712Txn& txn, const Signature& signature)
{
    Bytes out;
    encode_signed_into(out, txn, signature);
    return out;
}

Hash txn_hash(const Eip712Txn& txn, const Signature& signature)
{
    return hash_of(signing_hash(txn), signature);
}

void sign_into(const Eip712Txn& txn, const PrivateKey& key, SignedTxn& out)
{
    const Hash digest = signing_hash(txn);
    out.signature = sign_digest(digest, key);
    encode_signed_into(out.raw, txn, out.signature);
    out.hash = hash_of(digest, out.signature);
}

SignedTxn sign(const Eip712Txn& txn, const PrivateKey& key)
{
    SignedTxn out;
    sign_into(txn, key, out);
    return out;
}

}  // namespace zkload
