// SPDX-License-Identifier: Apache-2.0
// The null node's drop modes: who sent a transaction, which nonce is next, what is dropped.
#include "admission.hpp"
#include "rpc_dispatch.hpp"

#include "txn/ecdsa.hpp"
#include "txn/txn.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

using namespace zkload;
using namespace zkload::null_node;
using nlohmann::json;

namespace {

PrivateKey key_of(uint8_t n)
{
    PrivateKey key{};
    key[31] = n;
    return key;
}

SignedTxn transfer(uint8_t signer, uint64_t nonce)
{
    const Eip1559Txn txn{.chain_id = 31337,
                         .nonce = nonce,
                         .max_priority_fee_per_gas = 1,
                         .max_fee_per_gas = 2,
                         .gas_limit = 21'000,
                         .to = Address{},
                         .value = 1};
    return sign(txn, key_of(signer));
}

}  // namespace

TEST(null_node_admission, recovers_the_sender_and_nonce_of_a_signed_type_2_transaction)
{
    for (uint8_t signer = 1; signer <= 20; ++signer)
        for (const uint64_t nonce : {0ull, 1ull, 127ull, 128ull, 70'000ull, 1ull << 40})
        {
            const SenderNonce who = sender_and_nonce(transfer(signer, nonce).raw);
            EXPECT_EQ(who.sender, address_of(key_of(signer)));
            EXPECT_EQ(who.nonce, nonce);
        }
}

TEST(null_node_admission, refuses_to_guess_the_sender_of_other_bytes)
{
    EXPECT_THROW(sender_and_nonce(Bytes{0x01, 0xc0}), std::invalid_argument);
    EXPECT_THROW(sender_and_nonce(Bytes{0x02, 0xc0}), std::invalid_argument);
    Bytes cut = transfer(1, 0).raw;
    cut.pop_back();
    EXPECT_ANY_THROW(sender_and_nonce(cut));
}

TEST(null_node_admission, drop_ahead_takes_the_next_nonce_only)
{
    Admission admission({.drop_ahead = true});
    EXPECT_EQ(admission.admit(transfer(1, 5).raw), Admission::Verdict::take);  // first: sets the start
    EXPECT_EQ(admission.admit(transfer(1, 7).raw), Admission::Verdict::drop);  // ahead of 6
    EXPECT_EQ(admission.admit(transfer(1, 6).raw), Admission::Verdict::take);
    EXPECT_EQ(admission.admit(transfer(1, 7).raw), Admission::Verdict::take);  // the same bytes, now next
    EXPECT_EQ(admission.admit(transfer(1, 6).raw), Admission::Verdict::nonce_too_low);
    EXPECT_EQ(admission.admit(transfer(2, 0).raw), Admission::Verdict::take);  // senders are separate
    EXPECT_EQ(admission.next_nonce(address_of(key_of(1))), 8u);
    EXPECT_EQ(admission.next_nonce(address_of(key_of(2))), 1u);
    EXPECT_FALSE(admission.next_nonce(address_of(key_of(3))).has_value());
    const AdmissionStats stats = admission.stats();
    EXPECT_EQ(stats.dropped_ahead, 1u);
    EXPECT_EQ(stats.nonce_too_low, 1u);
}

TEST(null_node_admission, drops_about_the_asked_fraction_and_keeps_the_nonce_of_a_dropped_one)
{
    Admission admission({.drop_ahead = true, .drop_fraction = 0.25, .seed = 3});
    uint64_t nonce = 0, taken = 0;
    for (int i = 0; i < 4000; ++i)
        if (admission.admit(transfer(9, nonce).raw) == Admission::Verdict::take)
        {
            ++nonce;  // only a taken transaction moves the sender on: a dropped one is sent again
            ++taken;
        }
    EXPECT_EQ(admission.stats().dropped_at_random, 4000 - taken);
    EXPECT_NEAR(static_cast<double>(4000 - taken) / 4000.0, 0.25, 0.03);
    EXPECT_EQ(admission.stats().dropped_ahead, 0u);
}

TEST(null_node_admission, the_dispatcher_answers_a_dropped_transaction_with_its_hash_and_never_seals_it)
{
    ChainOfHashes chain(1'700'000'000);
    Admission admission({.drop_ahead = true});
    RpcDispatcher dispatcher(chain, NodeIdentity{31337, "zkload-null-node/test"}, &admission);
    std::string reply;
    const auto send = [&](const SignedTxn& txn) {
        dispatcher.answer(json{{"jsonrpc", "2.0"},
                               {"id", 1},
                               {"method", "eth_sendRawTransaction"},
                               {"params", {to_hex(txn.raw)}}}
                              .dump(),
                          reply);
        return json::parse(reply);
    };
    EXPECT_EQ(send(transfer(1, 0)).at("result"), to_hex(transfer(1, 0).hash));
    EXPECT_EQ(send(transfer(1, 2)).at("result"), to_hex(transfer(1, 2).hash));  // dropped, hash all the same
    EXPECT_EQ(send(transfer(1, 0)).at("error").at("message"), "already known");
    chain.seal(1'700'000'001);
    EXPECT_EQ(chain.block(1)->transactions.size(), 1u);
    dispatcher.answer(R"({"jsonrpc":"2.0","id":2,"method":"eth_getTransactionCount","params":[")" +
                          to_hex(address_of(key_of(1))) + R"(","pending"]})",
                      reply);
    EXPECT_EQ(json::parse(reply).at("result"), "0x1");
    dispatcher.answer(R"({"jsonrpc":"2.0","id":3,"method":"zkload_nullNodeStats","params":[]})", reply);
    EXPECT_EQ(json::parse(reply).at("result").at("dropped_ahead"), 1);
}

/// With --batch-last-first a batch's requests are handled from the last one back, and the replies
/// still come in request order: one sender's nonces 1 and 2 in one batch after nonce 0 drop 2
/// (ahead of 1 when it is handled), the way a server running a batch's calls concurrently can.
TEST(null_node_admission, a_batch_handled_last_first_drops_a_sender_s_later_nonce_and_answers_in_order)
{
    ChainOfHashes chain(1'700'000'000);
    Admission admission({.drop_ahead = true});
    RpcDispatcher dispatcher(chain, NodeIdentity{31337, "zkload-null-node/test"}, &admission, true);
    const auto send_request = [](const SignedTxn& txn, int id) {
        return json{{"jsonrpc", "2.0"}, {"id", id}, {"method", "eth_sendRawTransaction"}, {"params", {to_hex(txn.raw)}}};
    };
    std::string reply;
    dispatcher.answer(json::array({send_request(transfer(1, 0), 1)}).dump(), reply);
    ASSERT_EQ(json::parse(reply).at(0).at("result"), to_hex(transfer(1, 0).hash));

    json batch = json::array({send_request(transfer(1, 1), 2), send_request(transfer(1, 2), 3)});
    batch.push_back({{"jsonrpc", "2.0"}, {"method", "eth_chainId"}});  // a notification: no answer
    dispatcher.answer(batch.dump(), reply);
    const json answers = json::parse(reply);
    ASSERT_EQ(answers.size(), 2u) << reply;
    EXPECT_EQ(answers.at(0).at("id"), 2);
    EXPECT_EQ(answers.at(0).at("result"), to_hex(transfer(1, 1).hash));
    EXPECT_EQ(answers.at(1).at("id"), 3);
    EXPECT_EQ(answers.at(1).at("result"), to_hex(transfer(1, 2).hash));  // answered, then forgotten
    EXPECT_EQ(admission.stats().dropped_ahead, 1u);
    EXPECT_EQ(admission.next_nonce(address_of(key_of(1))), 2u);

    RpcDispatcher in_order(chain, NodeIdentity{31337, "zkload-null-node/test"}, &admission);
    in_order.answer(json::array({send_request(transfer(1, 2), 4), send_request(transfer(1, 3), 5)}).dump(), reply);
    EXPECT_EQ(admission.stats().dropped_ahead, 1u) << "handled first to last, consecutive nonces all stay";
    EXPECT_EQ(admission.next_nonce(address_of(key_of(1))), 4u);
}
