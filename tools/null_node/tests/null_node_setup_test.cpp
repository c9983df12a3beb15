// SPDX-License-Identifier: Apache-2.0
// The setup path (funding, the surplus pass) against a null node that handles a batch's calls from
// the last to the first and forgets every transaction whose nonce is ahead of its sender's next:
// the shape of a node that runs a batch's calls concurrently and never promotes a nonce that came
// early. A sender's nonces must reach it in order, each taken at its first send, or funding would
// stall until its timeout.
#include "null_node_process.hpp"

#include "pool/multisend_funding.hpp"
#include "pool/surplus.hpp"
#include "pool/wallets.hpp"
#include "rpc/client.hpp"
#include "txn/ecdsa.hpp"
#include "txn/send_and_confirm.hpp"

#include <gtest/gtest.h>

using namespace zkload;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

std::vector<pool::Wallet> make_wallets(size_t count, const char* label)
{
    const Hash seed = pool::seed_hash(label);
    std::vector<pool::Wallet> wallets;
    for (size_t i = 0; i < count; ++i)
    {
        const PrivateKey key = pool::wallet_key(seed, i);
        wallets.push_back({.key = key, .address = address_of(key)});
    }
    return wallets;
}

class SetupOnReorderingNode : public testing::Test
{
protected:
    json stats() { return client_.call_or_throw("zkload_nullNodeStats"); }

    /// Every transaction was taken at its first send: none dropped as early, none refused.
    void expect_all_taken(uint64_t sent)
    {
        const json s = stats();
        EXPECT_EQ(s.at("dropped_ahead"), 0) << s.dump();
        EXPECT_EQ(s.at("nonce_too_low"), 0) << s.dump();
        EXPECT_EQ(s.at("accepted"), sent) << s.dump();
    }

    /// A plain transfer of 1 wei from `from` at `nonce`.
    SignedTxn transfer(const pool::Wallet& from, uint64_t nonce)
    {
        return sign(Eip1559Txn{.chain_id = chain_id_,
                               .nonce = nonce,
                               .max_priority_fee_per_gas = 1,
                               .max_fee_per_gas = 2,
                               .gas_limit = 21'000,
                               .to = Address{},
                               .value = 1},
                    from.key);
    }

    pool::FundingChain chain()
    {
        return {.chain_id = chain_id_,
                .fees = {.base_fee = U256(1), .max_priority_fee_per_gas = U256(1), .max_fee_per_gas = U256(2)},
                .multisend = parse_address("0x00000000000000000000000000000000000000aa"),
                .token = parse_address("0x00000000000000000000000000000000000000bb")};
    }

    test::NullNodeProcess node_{{"--drop-ahead", "--batch-last-first", "--block-time-ms", "20"}};
    rpc::Client client_{{.url = node_.url()}};
    uint64_t chain_id_ = client_.chain_id();
};

using null_node_setup = SetupOnReorderingNode;

}  // namespace

/// The oracle first: one sender's consecutive nonces in one batch lose all but the first here.
TEST_F(null_node_setup, the_node_forgets_a_sender_s_later_nonces_sent_in_one_batch)
{
    const pool::Wallet sender = make_wallets(1, "zkload-setup-oracle").front();
    send_and_confirm_one(client_, transfer(sender, 0), 5s);
    std::vector<rpc::Call> batch;
    for (uint64_t nonce = 1; nonce <= 3; ++nonce)
        batch.emplace_back("eth_sendRawTransaction", json::array({to_hex(transfer(sender, nonce).raw)}));
    for (const rpc::Reply& reply : client_.batch(batch))
        EXPECT_TRUE(reply.ok()) << "answered with the hash all the same";
    EXPECT_EQ(stats().at("dropped_ahead"), 2);
}

TEST_F(null_node_setup, several_senders_with_several_nonces_each_are_all_taken_and_confirmed)
{
    const std::vector<pool::Wallet> senders = make_wallets(4, "zkload-setup-senders");
    TxnsBySender txns(senders.size());
    for (size_t s = 0; s < senders.size(); ++s)
        for (uint64_t nonce = 100; nonce < 105; ++nonce)
            txns[s].push_back(transfer(senders[s], nonce));
    const std::vector<json> receipts = send_and_confirm(client_, txns, 10s);
    ASSERT_EQ(receipts.size(), 20u);
    for (size_t i = 0; i < receipts.size(); ++i)
        EXPECT_EQ(receipts[i].at("transactionHash"), to_hex(txns[i / 5][i % 5].hash)) << i;
    expect_all_taken(20);
}

/// More than one nonce per round is for nodes that keep early nonces (zkSync Era's window): on
/// this node the later ones of a batch are refused or lost, and the send fails, naming one.
TEST_F(null_node_setup, several_nonces_per_round_reach_this_node_in_one_batch)
{
    const pool::Wallet sender = make_wallets(1, "zkload-setup-per-round").front();
    TxnsBySender txns(1);
    for (uint64_t nonce = 0; nonce < 4; ++nonce)
        txns[0].push_back(transfer(sender, nonce));
    EXPECT_THROW(send_and_confirm(client_, txns, 1s, {.nonces_per_round = 4}), SendError);
    const json s = stats();
    EXPECT_EQ(s.at("accepted"), 1) << "the last nonce, handled first, set where the sender starts: " << s.dump();
    EXPECT_EQ(s.at("nonce_too_low"), 3) << "the three before it, handled after it: " << s.dump();
}

/// A tree over 600 wallets: the funder's ETH multisend, approve and token multisend, then three
/// distributors with three each. Every one is a sender with consecutive nonces.
TEST_F(null_node_setup, funding_by_tree_takes_every_payer_s_nonces_in_order)
{
    const std::vector<pool::Wallet> wallets = make_wallets(600, "zkload-setup-tree");
    std::vector<pool::Payment> payments;
    for (const pool::Wallet& wallet : wallets)
        payments.push_back({.to = wallet.address, .eth = U256(1000), .token = U256(5)});
    const PrivateKey funder_key = pool::wallet_key(pool::seed_hash("zkload-setup-funder"), 0);
    pool::Payer funder{.key = funder_key, .address = address_of(funder_key), .nonce = 7};

    const pool::FundingStats funded = pool::pay_by_tree(client_, funder, chain(), wallets, payments, 10s);
    EXPECT_EQ(funded.transactions, 12u) << "3 from the funder, 3 from each of 3 distributors";
    EXPECT_EQ(funder.nonce, 10u);
    expect_all_taken(12);
}

/// Two holders with a surplus pay four short wallets: each holder sends its ETH multisend,
/// approve and token multisend, three consecutive nonces.
TEST_F(null_node_setup, the_surplus_pass_takes_every_holder_s_nonces_in_order)
{
    const std::vector<pool::Wallet> wallets = make_wallets(2, "zkload-setup-holders");
    const std::vector<pool::Wallet> short_wallets = make_wallets(4, "zkload-setup-short");
    pool::ShortList short_list;
    for (const pool::Wallet& wallet : short_wallets)
    {
        short_list.wallets.push_back(wallet);
        short_list.payments.push_back({.to = wallet.address, .eth = U256(1000), .token = U256(5)});
    }
    const pool::Need need{.eth = U256(10), .token = U256(1)};
    // The first holder covers two payments and their fees, the second the rest.
    const pool::FundingChain funding = chain();
    const auto fees_of_two = pool::payment_fees(funding, std::span(short_list.payments).first(2));
    const pool::WalletBalances balances{.eth = {need.eth + 2000 + fees_of_two, U256(1) << 100},
                                        .token = {need.token + 10, need.token + 10}};

    const pool::FundingStats paid =
        pool::pay_from_surplus(client_, funding, wallets, balances, need, short_list, 10s);
    EXPECT_EQ(paid.transactions, 6u);
    EXPECT_TRUE(short_list.payments.empty());
    expect_all_taken(6);
}
