// SPDX-License-Identifier: Apache-2.0
#include "txn.hpp"
#include "keccak.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

using namespace zkload;

namespace {

/// Expectations are written one field per line with spaces for reading; compare without them.
std::string unspaced(std::string_view spaced)
{
    std::string out;
    for (char c : spaced)
        if (c != ' ')
            out.push_back(c);
    return out;
}

std::string hex(ByteView bytes)
{
    return to_hex(bytes, false);
}

PrivateKey key_of(uint8_t fill)
{
    PrivateKey key;
    key.fill(fill);
    return key;
}

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

/// zksync-ethers 6.21.1's own example for serializeEip712 and eip712TxHash (build/utils.js).
Eip712Txn zksync_doc_example()
{
    Eip712Txn txn;
    txn.chain_id = 270;
    txn.from = parse_address("0x36615Cf349d7F6344891B1e7CA7C72883F5dc049");
    txn.to = parse_address("0xa61464658AfeAf65CccaaFD3a512b69A83B77618");
    txn.value = 1'000'000;
    return txn;
}

Signature zksync_doc_signature()
{
    Signature sig;
    sig.r = parse_hash("73a20167b8d23b610b058c05368174495adf7da3a4ed4a57eb6dbdeb1fafc24a");
    sig.s = parse_hash("2f87530d663a0d061f69bb564d2c6fb46ae5ae776bbd4bd2a2a4478b9cd1b42a");
    sig.y_parity = 1;
    return sig;
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

TEST(txn_eip712, zksync_ethers_example)
{
    const Eip712Txn txn = zksync_doc_example();
    const Signature sig = zksync_doc_signature();
    /// EIP712Signer.getSignedDigest of the example, as printed by zksync-ethers 6.21.1.
    EXPECT_EQ(hex(signing_hash(txn)),
              "8dab5bf770e684d64358f554ad181cf6c4c5b92d54f45b2b70127efd7061042a");
    EXPECT_EQ(hex(txn_hash(txn, sig)),
              "8efdc7ce5f5a75ab945976c3e2b0c2a45e9f8e15ff940d05625ac5545cd9f870");
    const std::string expected =
        "71"                                                                // type
        "f8 83"                                                             // list
        "80"                                                                // nonce
        "80"                                                                // max_priority_fee
        "80"                                                                // max_fee
        "80"                                                                // gas_limit
        "94 a61464658afeaf65cccaafd3a512b69a83b77618"                       // to
        "83 0f4240"                                                         // value
        "80"                                                                // data
        "82 010e"                                                           // 7: chain_id
        "80"                                                                // 8: r, empty
        "80"                                                                // 9: s, empty
        "82 010e"                                                           // chain_id
        "94 36615cf349d7f6344891b1e7ca7c72883f5dc049"                       // from
        "82 c350"                                                           // gas_per_pubdata
        "c0"                                                                // factory_deps
        "b8 41"                                                             // custom_signature
        "73a20167b8d23b610b058c05368174495adf7da3a4ed4a57eb6dbdeb1fafc24a"  // r
        "2f87530d663a0d061f69bb564d2c6fb46ae5ae776bbd4bd2a2a4478b9cd1b42a"  // s
        "1c"                                                                // v = 28
        "c0";                                                               // paymaster: none
    EXPECT_EQ(hex(encode_signed(txn, sig)), unspaced(expected));
}

TEST(txn_eip712, factory_deps_and_paymaster_fields)
{
    Eip712Txn txn = zksync_doc_example();
    txn.factory_deps.push_back(Bytes(32, 0xab));
    txn.paymaster =
        PaymasterParams{parse_address("0x2222222222222222222222222222222222222222"), {}};
    const std::string expected_tail =
        "e1"                                                                   // factory_deps
        "a0 abababababababababababababababababababababababababababababababab"  // dep
        "b8 41"                                                                // custom_signature
        "73a20167b8d23b610b058c05368174495adf7da3a4ed4a57eb6dbdeb1fafc24a"     // r
        "2f87530d663a0d061f69bb564d2c6fb46ae5ae776bbd4bd2a2a4478b9cd1b42a"     // s
        "1c"                                                                   // v
        "d6"                                                                   // paymaster
        "94 2222222222222222222222222222222222222222"                          // address
        "80";                                                                  // input
    const Bytes raw = encode_signed(txn, zksync_doc_signature());
    EXPECT_EQ(hex(ByteView(raw).last(34 + 67 + 23)), unspaced(expected_tail));
    /// Every part of the struct is signed: dropping either changes the digest.
    const Hash digest = signing_hash(txn);
    Eip712Txn no_paymaster = txn;
    no_paymaster.paymaster.reset();
    Eip712Txn no_deps = txn;
    no_deps.factory_deps.clear();
    EXPECT_NE(signing_hash(no_paymaster), digest);
    EXPECT_NE(signing_hash(no_deps), digest);
    const SignedTxn signed_txn = sign(txn, key_of(0x46));
    EXPECT_EQ(recover_signer(digest, signed_txn.signature), address_of(key_of(0x46)));
    EXPECT_EQ(signed_txn.hash, txn_hash(txn, signed_txn.signature));
}

TEST(txn_eip712, rejects_invalid_factory_deps_and_parity)
{
    Eip712Txn txn = zksync_doc_example();
    txn.factory_deps.push_back(Bytes(64, 0));
    EXPECT_THROW(signing_hash(txn), std::invalid_argument);
    EXPECT_THROW(sign(txn, key_of(0x46)), std::invalid_argument);
    Signature bad = zksync_doc_signature();
    bad.y_parity = 2;
    EXPECT_THROW(encode_signed(zksync_doc_example(), bad), std::invalid_argument);
}
