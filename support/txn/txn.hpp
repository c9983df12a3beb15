// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "txn/ecdsa.hpp"
#include "codec/u256.hpp"

#include <optional>
#include <vector>

namespace zkload {

/// One EIP-2930 access-list item. zkSync Era rejects non-empty lists; Ethereum nodes take them.
struct AccessListEntry
{
    Address address{};
    std::vector<Hash> storage_keys;
};

/// Type-0 transaction. A chain id gives EIP-155 replay protection (v = 35 + 2·chainId + parity);
/// nullopt gives the pre-EIP-155 form (v = 27/28). A chain id of 0 is rejected rather than
/// silently treated as "none", as ethers would.
struct LegacyTxn
{
    uint64_t nonce = 0;
    U256 gas_price;
    uint64_t gas_limit = 0;
    std::optional<Address> to;
    U256 value;
    Bytes data;
    std::optional<uint64_t> chain_id;
};

/// Type-2 transaction; `to = nullopt` creates a contract.
struct Eip1559Txn
{
    uint64_t chain_id = 0;
    uint64_t nonce = 0;
    U256 max_priority_fee_per_gas;
    U256 max_fee_per_gas;
    uint64_t gas_limit = 0;
    std::optional<Address> to;
    U256 value;
    Bytes data;
    std::vector<AccessListEntry> access_list;
};

struct PaymasterParams
{
    Address paymaster{};
    Bytes input;
};

/// zkSync Era type 0x71. `to` is mandatory (deployments go to the ContractDeployer), `from` is
/// part of the signed struct, and factory_deps are full EraVM bytecodes (their versioned hashes
/// are what gets signed, see zksync/bytecode_hash.hpp). Every field is signed and sent as given; note
/// that zksync-ethers cannot express a zero tip: it sends and signs max_fee_per_gas instead.
struct Eip712Txn
{
    uint64_t chain_id = 0;
    uint64_t nonce = 0;
    U256 max_priority_fee_per_gas;
    U256 max_fee_per_gas;
    uint64_t gas_limit = 0;
    Address to{};
    Address from{};
    U256 value;
    Bytes data;
    U256 gas_per_pubdata = 50000;
    std::vector<Bytes> factory_deps;
    std::optional<PaymasterParams> paymaster;
};

/// A signed transaction: `raw` is what eth_sendRawTransaction takes, `hash` what the node returns.
struct SignedTxn
{
    Bytes raw;
    Hash hash{};
    Signature signature;
};

/// The digest the sender signs. For 0x71 it is the EIP-712 digest over domain
/// {name "zkSync", version "2", chainId}. Throws std::invalid_argument on an invalid
/// transaction (legacy chain id 0, a factory dep that is not a valid EraVM bytecode).
Hash signing_hash(const LegacyTxn& txn);
Hash signing_hash(const Eip1559Txn& txn);
Hash signing_hash(const Eip712Txn& txn);

/// Raw signed bytes. For 0x71 the 65-byte r‖s‖v signature goes in customSignature (field 14)
/// and fields 7–9 are (chainId, empty, empty), as zksync-ethers' Wallet sends it. Throws
/// std::invalid_argument if the y parity is not 0 or 1.
Bytes encode_signed(const LegacyTxn& txn, const Signature& signature);
Bytes encode_signed(const Eip1559Txn& txn, const Signature& signature);
Bytes encode_signed(const Eip712Txn& txn, const Signature& signature);

/// The hash nodes index the transaction by: keccak256(raw) for types 0 and 2;
/// keccak256(digest ‖ keccak256(r‖s‖v)) for 0x71, which does not depend on the signature's
/// placement in the raw bytes.
Hash txn_hash(const LegacyTxn& txn, const Signature& signature);
Hash txn_hash(const Eip1559Txn& txn, const Signature& signature);
Hash txn_hash(const Eip712Txn& txn, const Signature& signature);

SignedTxn sign(const LegacyTxn& txn, const PrivateKey& key);
SignedTxn sign(const Eip1559Txn& txn, const PrivateKey& key);
SignedTxn sign(const Eip712Txn& txn, const PrivateKey& key);

/// Like sign() but writes into `out`, reusing out.raw's capacity (it also serves as the scratch
/// buffer for the unsigned encoding), so a steady-state load loop does not allocate.
void sign_into(const LegacyTxn& txn, const PrivateKey& key, SignedTxn& out);
void sign_into(const Eip1559Txn& txn, const PrivateKey& key, SignedTxn& out);
void sign_into(const Eip712Txn& txn, const PrivateKey& key, SignedTxn& out);

namespace txn_detail {

/// r and s are RLP integers: leading zero bytes are dropped (a 31-byte s encodes as 0x9f…).
inline ByteView trimmed_scalar(const Hash& scalar)
{
    size_t skip = 0;
    while (skip < scalar.size() && scalar[skip] == 0)
        ++skip;
    return ByteView(scalar).subspan(skip);
}

/// A missing recipient is the empty string (contract creation).
inline ByteView recipient(const std::optional<Address>& to)
{
    return to ? ByteView(*to) : ByteView();
}

void check_y_parity(const Signature& signature);

}  // namespace txn_detail

}  // namespace zkload
