// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/keccak.hpp"
#include "txn/txn.hpp"

namespace zkload {

/// The transactions the load rows send most: a plain ETH transfer of each type, with realistic
/// field sizes (a nonce in the thousands, gwei fees, a 1 ETH value). The micro rows sign these,
/// and so does the machine-speed yardstick beside every load row: one definition keeps the two
/// figures comparable.
inline PrivateKey sample_key() { return keccak256(as_view("zkload sample key")); }

inline Eip1559Txn sample_eip1559_transfer()
{
    Eip1559Txn txn;
    txn.chain_id = 31337;
    txn.nonce = 4711;
    txn.max_priority_fee_per_gas = 1'000'000'000;
    txn.max_fee_per_gas = 3'000'000'000;
    txn.gas_limit = 21000;
    txn.to = parse_address("0x3535353535353535353535353535353535353535");
    txn.value = U256(1'000'000'000'000'000'000ull);
    return txn;
}

inline LegacyTxn sample_legacy_transfer()
{
    LegacyTxn txn;
    txn.chain_id = 31337;
    txn.nonce = 4711;
    txn.gas_price = 3'000'000'000;
    txn.gas_limit = 21000;
    txn.to = parse_address("0x3535353535353535353535353535353535353535");
    txn.value = U256(1'000'000'000'000'000'000ull);
    return txn;
}

inline Eip712Txn sample_eip712_transfer()
{
    Eip712Txn txn;
    txn.chain_id = 260;
    txn.nonce = 4711;
    txn.max_priority_fee_per_gas = 0;
    txn.max_fee_per_gas = 250'000'000;
    txn.gas_limit = 300'000;
    txn.to = parse_address("0x3535353535353535353535353535353535353535");
    txn.from = address_of(sample_key());
    txn.value = U256(1'000'000'000'000'000'000ull);
    return txn;
}

}  // namespace zkload
