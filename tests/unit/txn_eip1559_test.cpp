// SPDX-License-Identifier: Apache-2.0
#include "txn/txn.hpp"
#include "codec/keccak.hpp"
#include "txn_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace zkload;
using namespace zkload::test;

namespace {

/// Mainnet 0xee8d0f04…4da6 (fields and signature as in evmone's state_rlp_test).
Eip1559Txn mainnet_eip1559()
{
    Eip1559Txn txn;
    txn.chain_id = 1;
    txn.nonce = 132949;
    txn.max_priority_fee_per_gas = 0;
    txn.max_fee_per_gas = 14237787676u;
    txn.gas_limit = 30000;
    txn.to = parse_address("0x535b918f3724001fd6fb52fcc6cbc220592990a3");
    txn.value = parse_u256("73360267083380739");
    return txn;
}

}  // namespace

TEST(txn_eip1559, mainnet_transaction)
{
    const Eip1559Txn txn = mainnet_eip1559();
    const Hash digest = signing_hash(txn);
    EXPECT_EQ(hex(digest), "2004db20334ebe7941961d9abd937b952bb688f9a5d58b998b24a8179c8dac6f");
    Signature sig;
    sig.r = parse_hash("2fe690e16de3534bee626150596573d57cb56d0c2e48a02f64c0a03c1636ce2a");
    sig.s = parse_hash("4814f3dc7dac2ee153a2456aa3968717af7400972167dfb00b1cce1c23b6dd9f");
    sig.y_parity = 1;
    const std::string expected =
        "02"                                                                    // type
        "f8 72"                                                                 // list
        "01"                                                                    // chain_id
        "83 020755"                                                             // nonce
        "80"                                                                    // max_priority_fee
        "85 0350a3661c"                                                         // max_fee
        "82 7530"                                                               // gas_limit
        "94 535b918f3724001fd6fb52fcc6cbc220592990a3"                           // to
        "88 0104a0c63421f803"                                                   // value
        "80"                                                                    // data
        "c0"                                                                    // access_list
        "01"                                                                    // y_parity
        "a0 2fe690e16de3534bee626150596573d57cb56d0c2e48a02f64c0a03c1636ce2a"   // r
        "a0 4814f3dc7dac2ee153a2456aa3968717af7400972167dfb00b1cce1c23b6dd9f";  // s
    EXPECT_EQ(hex(encode_signed(txn, sig)), unspaced(expected));
    EXPECT_EQ(hex(txn_hash(txn, sig)),
              "ee8d0f04073a6792b1bd6b1cb0b88cb57984905979d2668f84b9c3dcb8894da6");
    EXPECT_EQ(recover_signer(digest, sig),
              parse_address("0x95222290dd7278aa3ddd389cc1e1d165cc4bafe5"));
}

TEST(txn_eip1559, creation_with_access_list)
{
    Eip1559Txn txn;
    txn.chain_id = 324;
    txn.max_priority_fee_per_gas = 1;
    txn.max_fee_per_gas = 0x80;
    txn.gas_limit = 53000;
    txn.data = {0x00};
    Hash slot{};
    slot[31] = 1;
    txn.access_list.push_back(
        {parse_address("0x1111111111111111111111111111111111111111"), {slot}});
    Signature sig;
    sig.r[31] = 1;
    sig.s[31] = 0x80;
    const std::string expected =
        "02"                                                                   // type
        "f8 4b"                                                                // list
        "82 0144"                                                              // chain_id
        "80"                                                                   // nonce
        "01"                                                                   // max_priority_fee
        "81 80"                                                                // max_fee
        "82 cf08"                                                              // gas_limit
        "80"                                                                   // to: none
        "80"                                                                   // value
        "00"                                                                   // data
        "f8 38"                                                                // access_list
        "f7"                                                                   // entry
        "94 1111111111111111111111111111111111111111"                          // address
        "e1"                                                                   // storage_keys
        "a0 0000000000000000000000000000000000000000000000000000000000000001"  // key
        "80"                                                                   // y_parity
        "01"                                                                   // r
        "81 80";                                                               // s
    EXPECT_EQ(hex(encode_signed(txn, sig)), unspaced(expected));
    const SignedTxn signed_txn = sign(txn, key_of(0x46));
    EXPECT_EQ(recover_signer(signing_hash(txn), signed_txn.signature), address_of(key_of(0x46)));
    EXPECT_EQ(signed_txn.hash, keccak256(signed_txn.raw));
}

TEST(txn_eip1559, sign_into_reuses_the_buffer)
{
    Eip1559Txn txn = mainnet_eip1559();
    SignedTxn out;
    sign_into(txn, key_of(0x46), out);
    const uint8_t* buffer = out.raw.data();
    const size_t capacity = out.raw.capacity();
    ++txn.nonce;
    sign_into(txn, key_of(0x46), out);
    EXPECT_EQ(out.raw.data(), buffer);
    EXPECT_EQ(out.raw.capacity(), capacity);
    const SignedTxn fresh = sign(txn, key_of(0x46));
    EXPECT_EQ(out.raw, fresh.raw);
    EXPECT_EQ(out.hash, fresh.hash);
    Signature bad;
    bad.y_parity = 2;
    EXPECT_THROW(encode_signed(txn, bad), std::invalid_argument);
}
