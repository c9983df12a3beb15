// SPDX-License-Identifier: Apache-2.0
// The L2 double reads what the product code really signs: a type-2 or 0x71 transaction signed by
// the project's signer decodes back to its fields and its sender; damaged bytes are refused.
#include "l2_double_txn.hpp"

#include "codec/keccak.hpp"
#include "txn/txn.hpp"
#include "zksync/paymaster.hpp"

#include <gtest/gtest.h>

namespace zkload::test {
namespace {

const PrivateKey kKey =
    parse_fixed_hex<32>("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

Eip1559Txn withdrawal()
{
    return {.chain_id = 260,
            .nonce = 5,
            .max_priority_fee_per_gas = 0,
            .max_fee_per_gas = 90'500'000,
            .gas_limit = 235'929,
            .to = parse_address("0x000000000000000000000000000000000000800a"),
            .value = U256(1'000'000'000'000ULL),
            .data = parse_hex("0x51cff8d900000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8")};
}

TEST(L2DoubleTxn, DecodesFieldsAndRecoversTheSender)
{
    const SignedTxn signed_txn = sign(withdrawal(), kKey);
    const ReceivedTxn got = decode_signed_eip1559(signed_txn.raw);
    EXPECT_EQ(got.hash, signed_txn.hash);
    EXPECT_EQ(got.hash, keccak256(signed_txn.raw));
    EXPECT_EQ(got.from, address_of(kKey));
    EXPECT_EQ(got.from, parse_address("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"));
    EXPECT_EQ(got.chain_id, 260u);
    EXPECT_EQ(got.nonce, 5u);
    EXPECT_EQ(got.gas_limit, 235'929u);
    EXPECT_EQ(got.to, withdrawal().to);
    EXPECT_EQ(got.value, withdrawal().value);
    EXPECT_EQ(got.data, withdrawal().data);
}

TEST(L2DoubleTxn, AContractCreationHasNoRecipient)
{
    Eip1559Txn create = withdrawal();
    create.to.reset();
    EXPECT_FALSE(decode_signed_eip1559(sign(create, kKey).raw).to.has_value());
}

TEST(L2DoubleTxn, RefusesOtherTypesAndDamagedBytes)
{
    Bytes raw = sign(withdrawal(), kKey).raw;
    Bytes legacy = raw;
    legacy[0] = 0x01;
    EXPECT_THROW(decode_signed_eip1559(legacy), std::invalid_argument);
    Bytes cut(raw.begin(), raw.end() - 1);
    EXPECT_THROW(decode_signed_eip1559(cut), std::invalid_argument);
    // Another nonce under the same signature recovers another sender (or none).
    Bytes tampered = raw;
    const size_t nonce_at = 1 + 2 + 3;  // type, list header (> 55 bytes), chain id 260 (0x820104)
    ASSERT_EQ(tampered[nonce_at], 0x05);
    tampered[nonce_at] = 0x06;
    try
    {
        EXPECT_NE(decode_signed_eip1559(tampered).from, address_of(kKey));
    }
    catch (const std::invalid_argument&)
    {
    }
}

Eip712Txn paid_transfer()
{
    return {.chain_id = 260,
            .nonce = 9,
            .max_priority_fee_per_gas = 0,
            .max_fee_per_gas = 90'500'000,
            .gas_limit = 262'144,
            .to = parse_address("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"),
            .from = address_of(kKey),
            .value = U256(1),
            .gas_per_pubdata = 50'000,
            .paymaster = zksync::general_paymaster(parse_address("0x00000000000000000000000000000000000000aa"))};
}

TEST(L2DoubleTxn, Decodes0x71AndChecksTheSenderItNames)
{
    const SignedTxn signed_txn = sign(paid_transfer(), kKey);
    const ReceivedTxn got = decode_signed(signed_txn.raw);
    EXPECT_EQ(got.type, 0x71);
    EXPECT_EQ(got.hash, signed_txn.hash);
    EXPECT_NE(got.hash, keccak256(signed_txn.raw));  // zkSync indexes 0x71 by digest and signature
    EXPECT_EQ(got.from, address_of(kKey));
    EXPECT_EQ(got.nonce, 9u);
    EXPECT_EQ(got.to, paid_transfer().to);
    EXPECT_EQ(got.value, U256(1));
    EXPECT_EQ(got.gas_per_pubdata, U256(50'000));
    EXPECT_EQ(got.max_fee_per_gas, U256(90'500'000));
    EXPECT_EQ(got.paymaster, paid_transfer().paymaster->paymaster);

    // Signed by one key and naming another sender: refused.
    Eip712Txn impostor = paid_transfer();
    impostor.from = parse_address("0x70997970c51812dc3a010c7d01b50e0d17dc79c9");
    EXPECT_THROW(decode_signed(sign(impostor, kKey).raw), std::invalid_argument);
    Bytes cut(signed_txn.raw.begin(), signed_txn.raw.end() - 1);
    EXPECT_THROW(decode_signed(cut), std::invalid_argument);
}

}  // namespace
}  // namespace zkload::test
