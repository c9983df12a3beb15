// SPDX-License-Identifier: Apache-2.0
#include "txn/txn.hpp"
#include "codec/keccak.hpp"
#include "txn_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace zkload;
using namespace zkload::test;

namespace {

/// The EIP-155 example: https://eips.ethereum.org/EIPS/eip-155
LegacyTxn eip155_example()
{
    LegacyTxn txn;
    txn.nonce = 9;
    txn.gas_price = 20'000'000'000u;
    txn.gas_limit = 21000;
    txn.to = parse_address("0x3535353535353535353535353535353535353535");
    txn.value = parse_u256("1000000000000000000");
    txn.chain_id = 1;
    return txn;
}

}  // namespace

TEST(txn_legacy, eip155_example)
{
    const LegacyTxn txn = eip155_example();
    EXPECT_EQ(hex(signing_hash(txn)),
              "daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
    const SignedTxn signed_txn = sign(txn, key_of(0x46));
    const std::string expected =
        "f8 6c"                                                                 // list
        "09"                                                                    // nonce
        "85 04a817c800"                                                         // gas_price
        "82 5208"                                                               // gas_limit
        "94 3535353535353535353535353535353535353535"                           // to
        "88 0de0b6b3a7640000"                                                   // value
        "80"                                                                    // data
        "25"                                                                    // v = 37
        "a0 28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276"   // r
        "a0 67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";  // s
    EXPECT_EQ(hex(signed_txn.raw), unspaced(expected));
    EXPECT_EQ(signed_txn.hash, keccak256(signed_txn.raw));
    EXPECT_EQ(txn_hash(txn, signed_txn.signature), signed_txn.hash);
    EXPECT_EQ(recover_signer(signing_hash(txn), signed_txn.signature), address_of(key_of(0x46)));
}

TEST(txn_legacy, pre_eip155_mainnet_with_31_byte_s)
{
    /// Mainnet 0x033e9f8d…73e7: no chain id (v = 27) and an s with a leading zero byte.
    LegacyTxn txn;
    txn.nonce = 0;
    txn.gas_price = 14829580649u;
    txn.gas_limit = 421566;
    txn.to = parse_address("0x963eda46936b489f4a0d153c20e47653d8bbf222");
    txn.value = parse_u256("480000000000000000");
    txn.data =
        parse_hex("a0712d680000000000000000000000000000000000000000000000000000000000000003");
    Signature sig;
    sig.r = parse_hash("3bcaa4f1603d2b3ebe6126f57e0ddefc6c6c58d8bbef7f3b29e14a915bf1828d");
    sig.s = parse_hash("00f37b7a0b6007ef4335a35198485e443051d45b42fea8bacc054721ecccdb5f");
    sig.y_parity = 0;
    const Bytes raw = encode_signed(txn, sig);
    const std::string expected =
        "f8 90"                                                                // list
        "80"                                                                   // nonce
        "85 0373e97169"                                                        // gas_price
        "83 066ebe"                                                            // gas_limit
        "94 963eda46936b489f4a0d153c20e47653d8bbf222"                          // to
        "88 06a94d74f4300000"                                                  // value
        "a4 a0712d68"                                                          // data: selector
        "0000000000000000000000000000000000000000000000000000000000000003"     // data: argument
        "1b"                                                                   // v = 27
        "a0 3bcaa4f1603d2b3ebe6126f57e0ddefc6c6c58d8bbef7f3b29e14a915bf1828d"  // r
        "9f f37b7a0b6007ef4335a35198485e443051d45b42fea8bacc054721ecccdb5f";   // s: 31 bytes
    EXPECT_EQ(hex(raw), unspaced(expected));
    EXPECT_EQ(hex(keccak256(raw)),
              "033e9f8db737193d4666911a164e218d58d80edc64f4ed393d0c48c1ce2673e7");
    EXPECT_EQ(txn_hash(txn, sig), keccak256(raw));
    EXPECT_EQ(recover_signer(signing_hash(txn), sig),
              parse_address("0xc9d955665d6f90ef483a1ac0bd2443c17a550db7"));
}

TEST(txn_legacy, leading_zero_s_and_r_drop_a_byte)
{
    /// RFC 6979 is deterministic, so this search always stops at the same nonces.
    LegacyTxn txn = eip155_example();
    bool found_s = false;
    bool found_r = false;
    for (txn.nonce = 0; (!found_s || !found_r) && txn.nonce < 20000; ++txn.nonce)
    {
        const SignedTxn signed_txn = sign(txn, key_of(0x46));
        const Signature& sig = signed_txn.signature;
        const bool short_s = sig.s[0] == 0 && sig.s[1] != 0;
        const bool short_r = sig.r[0] == 0 && sig.r[1] != 0;
        if (!(short_s && !found_s) && !(short_r && !found_r))
            continue;
        Signature padded = sig;
        padded.s[0] |= 0x01;
        padded.r[0] |= 0x01;
        EXPECT_EQ(signed_txn.raw.size() + short_s + short_r, encode_signed(txn, padded).size());
        EXPECT_EQ(recover_signer(signing_hash(txn), sig), address_of(key_of(0x46)));
        const ByteView raw(signed_txn.raw);
        if (short_s)
        {
            found_s = true;
            EXPECT_EQ(hex(raw.last(32)), "9f" + hex(ByteView(sig.s).subspan(1)));
        }
        if (short_r)
        {
            found_r = true;
            const size_t s_length = short_s ? 32 : 33;
            EXPECT_EQ(hex(raw.subspan(raw.size() - s_length - 32, 32)),
                      "9f" + hex(ByteView(sig.r).subspan(1)));
        }
    }
    EXPECT_TRUE(found_s && found_r) << "no short r and s below nonce 20000";
}

TEST(txn_legacy, contract_creation_encodes_to_as_empty_string)
{
    LegacyTxn txn;
    txn.gas_price = 1;
    txn.gas_limit = 0x80;
    txn.chain_id = 1;
    Signature sig;
    sig.r[31] = 1;
    sig.s[31] = 1;
    sig.y_parity = 1;
    const std::string expected =
        "ca"     // list
        "80"     // nonce
        "01"     // gas_price
        "81 80"  // gas_limit
        "80"     // to: none
        "80"     // value
        "80"     // data
        "26"     // v = 35 + 2·1 + 1
        "01"     // r
        "01";    // s
    EXPECT_EQ(hex(encode_signed(txn, sig)), unspaced(expected));
    const SignedTxn signed_txn = sign(txn, key_of(0x46));
    EXPECT_EQ(signed_txn.raw[5], 0x80);
    EXPECT_EQ(recover_signer(signing_hash(txn), signed_txn.signature), address_of(key_of(0x46)));
}

TEST(txn_legacy, rejects_chain_id_zero_and_bad_parity)
{
    LegacyTxn txn = eip155_example();
    txn.chain_id = 0;
    EXPECT_THROW(signing_hash(txn), std::invalid_argument);
    EXPECT_THROW(sign(txn, key_of(0x46)), std::invalid_argument);
    EXPECT_THROW(encode_signed(txn, Signature{}), std::invalid_argument);
    Signature bad;
    bad.y_parity = 2;
    EXPECT_THROW(encode_signed(eip155_example(), bad), std::invalid_argument);
}

TEST(txn_legacy, large_chain_id_gives_v_beyond_64_bits)
{
    LegacyTxn txn = eip155_example();
    txn.chain_id = UINT64_MAX;
    Signature sig;
    sig.r[31] = 1;
    sig.s[31] = 1;
    const std::string expected =
        "89 020000000000000021"  // v = 2·(2^64 − 1) + 35 = 2^65 + 33
        "01"                     // r
        "01";                    // s
    EXPECT_EQ(hex(ByteView(encode_signed(txn, sig)).last(12)), unspaced(expected));
}
