// SPDX-License-Identifier: Apache-2.0
#include "abi/abi.hpp"
#include "abi/abi_type.hpp"
#include "codec/keccak.hpp"
#include "contracts/erc20.hpp"
#include "pool/multisend_funding.hpp"
#include "pool/payments.hpp"
#include "codec/rlp_decode.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>

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

/// On zkSync every payment is its own 0x71, straight to the wallet or to the token: the fields
/// of zkSync's envelope (nonce 0, gas limit 3, to 4, value 5, data 6, from 11, gas per pubdata 12).
TEST(pool_payments, on_zksync_each_wallet_is_paid_by_its_own_0x71)
{
    FundingChain chain = test_chain();
    chain.eip712 = Eip712Payments{.gas_per_pubdata = 800, .eth_gas = 250'000, .token_gas = 330'000};
    Payer payer{.key = keccak256(as_view("payer")), .nonce = 5};
    payer.address = address_of(payer.key);
    const std::vector<Payment> payments = mixed_payments();
    const std::vector<SignedTxn> txns = sign_payments(payer, chain, payments);
    ASSERT_EQ(txns.size(), 400u) << "300 ETH transfers, then 100 token transfers; no approve";
    EXPECT_EQ(payer.nonce, 405u);
    for (size_t i = 0; i < txns.size(); ++i)
    {
        ASSERT_EQ(txns[i].raw.at(0), 0x71) << i;
        const auto fields = rlp::decode_list(rlp::decode_exact(ByteView(txns[i].raw).subspan(1)));
        ASSERT_EQ(fields.size(), 16u);
        EXPECT_EQ(rlp::decode_uint64(fields[0]), 5 + i);
        EXPECT_EQ(rlp::decode_u256(fields[12]), U256(800));
        const ByteView from = rlp::decode_bytes(fields[11]);
        EXPECT_TRUE(std::equal(from.begin(), from.end(), payer.address.begin(), payer.address.end()));
        const ByteView to = rlp::decode_bytes(fields[4]);
        const ByteView data = rlp::decode_bytes(fields[6]);
        if (i < 300)
        {
            EXPECT_EQ(rlp::decode_uint64(fields[3]), 250'000u);
            EXPECT_TRUE(std::equal(to.begin(), to.end(), payments[i].to.begin(), payments[i].to.end()));
            EXPECT_EQ(rlp::decode_u256(fields[5]), payments[i].eth);
            EXPECT_TRUE(data.empty());
        }
        else
        {
            EXPECT_EQ(rlp::decode_uint64(fields[3]), 330'000u);
            EXPECT_TRUE(std::equal(to.begin(), to.end(), chain.token->begin(), chain.token->end()));
            EXPECT_EQ(rlp::decode_u256(fields[5]), U256(0));
            const Bytes expected = erc20_transfer_calldata(payments[i - 300].to, payments[i - 300].token);
            EXPECT_TRUE(std::equal(data.begin(), data.end(), expected.begin(), expected.end()));
        }
    }
    EXPECT_EQ(payment_fees(chain, payments),
              (U256(300) * 250'000 + U256(100) * 330'000) * chain.fees.max_fee_per_gas);
}

/// Waves keep every sender within zkSync's nonces-ahead window: a sender's k-th wave holds its
/// transactions [k·n, (k+1)·n), in nonce order, and nothing is lost or sent twice.
TEST(pool_payments, waves_hold_at_most_n_of_each_sender_in_nonce_order)
{
    const auto txn = [](size_t sender, size_t nonce) {
        return SignedTxn{.raw = {static_cast<uint8_t>(sender), static_cast<uint8_t>(nonce)}};
    };
    TxnsBySender by_sender(3);
    for (size_t nonce = 0; nonce < 95; ++nonce)
        by_sender[0].push_back(txn(0, nonce));
    by_sender[1].push_back(txn(1, 0));
    for (size_t nonce = 0; nonce < 40; ++nonce)
        by_sender[2].push_back(txn(2, nonce));

    const auto out = waves(by_sender, 40);
    ASSERT_EQ(out.size(), 3u) << "95 of the first sender's in 40, 40 and 15";
    std::vector<size_t> next(3, 0);
    for (const TxnsBySender& wave : out)
    {
        std::vector<size_t> senders;
        for (const std::vector<SignedTxn>& txns : wave)
        {
            ASSERT_FALSE(txns.empty()) << "a sender with nothing left has no place in a wave";
            EXPECT_LE(txns.size(), 40u);
            const size_t sender = txns.front().raw.at(0);
            senders.push_back(sender);
            for (const SignedTxn& t : txns)
            {
                EXPECT_EQ(t.raw.at(0), sender) << "one sender's group holds only its own";
                EXPECT_EQ(t.raw.at(1), next[sender]++) << "sender " << sender << " out of nonce order";
            }
        }
        EXPECT_TRUE(std::is_sorted(senders.begin(), senders.end()) &&
                    std::adjacent_find(senders.begin(), senders.end()) == senders.end())
            << "senders keep their order, each once";
    }
    EXPECT_EQ(next, (std::vector<size_t>{95, 1, 40}));
    EXPECT_EQ(out.at(0).size(), 3u);
    EXPECT_EQ(out.at(1).size(), 1u) << "only the first sender has a second wave";
    EXPECT_EQ(waves(by_sender, std::numeric_limits<size_t>::max()).size(), 1u) << "no limit: one wave";
    EXPECT_THROW(waves(by_sender, 0), std::invalid_argument);
}

TEST(pool_payments, totals_add_up)
{
    const Payment total = payment_total(mixed_payments());
    EXPECT_EQ(total.eth, U256(300 * 1000 + 299 * 300 / 2));
    EXPECT_EQ(total.token, U256(700));
}

}  // namespace zkload::pool
