// SPDX-License-Identifier: Apache-2.0
#include "txn/txn.hpp"
#include "txn_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace zkload;
using namespace zkload::test;

namespace {

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
