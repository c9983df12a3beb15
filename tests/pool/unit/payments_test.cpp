// SPDX-License-Identifier: Apache-2.0
#include "abi/abi.hpp"
#include "abi/abi_type.hpp"
#include "codec/keccak.hpp"
#include "pool/payments.hpp"
#include "codec/rlp_decode.hpp"

#include <gtest/gtest.h>

namespace zkload::pool {
namespace {

FundingChain test_chain()
{
    return {.chain_id = 31337,
            .fees = {.base_fee = 1'000'000'000, .max_priority_fee_per_gas = 1, .max_fee_per_gas = 2'000'000'001},
            .multisend = parse_address("0x1111111111111111111111111111111111111111"),
            .token = parse_address("0x2222222222222222222222222222222222222222")};
}

/// 300 wallets short of ETH; only the first 100 also short of tokens.
std::vector<Payment> mixed_payments()
{
    std::vector<Payment> payments;
    for (uint64_t i = 0; i < 300; ++i)
    {
        const Hash h = keccak256(to_be_bytes32(U256(i)));
        Payment p{.eth = U256(1000 + i), .token = i < 100 ? U256(7) : U256(0)};
        std::copy(h.begin(), h.begin() + 20, p.to.begin());
        payments.push_back(p);
    }
    return payments;
}

/// The calldata of a signed EIP-1559 transaction (field 7 of the envelope's list).
Bytes calldata_of(const SignedTxn& txn)
{
    const auto fields = rlp::decode_list(rlp::decode_exact(ByteView(txn.raw).subspan(1)));
    const ByteView data = rlp::decode_bytes(fields.at(7));
    return Bytes(data.begin(), data.end());
}

}  // namespace

TEST(pool_payments, each_asset_pays_only_its_nonzero_recipients)
{
    const FundingChain chain = test_chain();
    Payer payer{.key = keccak256(as_view("payer")), .nonce = 5};
    const std::vector<Payment> payments = mixed_payments();
    const std::vector<SignedTxn> txns = sign_payments(payer, chain, payments);
    ASSERT_EQ(txns.size(), 4u) << "ETH 250 + 50, one approve, one token chunk of 100";
    EXPECT_EQ(payer.nonce, 9u);

    const Bytes token_call = calldata_of(txns[3]);
    const auto types = std::vector{abi::parse_type("address"), abi::parse_type("address[]"),
                                   abi::parse_type("uint256[]")};
    const auto values = abi::decode(types, ByteView(token_call).subspan(4));
    const auto& recipients = std::get<std::vector<abi::Value>>(values.at(1).data);
    ASSERT_EQ(recipients.size(), 100u);
    EXPECT_EQ(std::get<Address>(recipients.front().data), payments.front().to);
    EXPECT_EQ(std::get<Address>(recipients.back().data), payments[99].to);

    const U256 expected_gas = U256(eth_multisend_gas(250)) + eth_multisend_gas(50) +
                              token_multisend_gas(100) + kApproveGas;
    EXPECT_EQ(payment_fees(chain, payments), expected_gas * chain.fees.max_fee_per_gas);
}

TEST(pool_payments, totals_add_up)
{
    const Payment total = payment_total(mixed_payments());
    EXPECT_EQ(total.eth, U256(300 * 1000 + 299 * 300 / 2));
    EXPECT_EQ(total.token, U256(700));
}

}  // namespace zkload::pool
