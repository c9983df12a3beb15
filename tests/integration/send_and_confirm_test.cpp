// SPDX-License-Identifier: Apache-2.0
#include "pool/wallets.hpp"
#include "process/devnet.hpp"
#include "txn/ecdsa.hpp"
#include "txn/fees.hpp"
#include "txn/send_and_confirm.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>

#include <array>

using namespace zkload;

namespace {

const PrivateKey kDevKey =
    parse_fixed_hex<32>("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
/// anvil's second and third dev accounts.
const PrivateKey kDevKey1 =
    parse_fixed_hex<32>("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const PrivateKey kDevKey2 =
    parse_fixed_hex<32>("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");

/// Deploys a runtime that always reverts: PUSH5 <PUSH1 0 PUSH1 0 REVERT> PUSH1 0 MSTORE
/// PUSH1 5 PUSH1 27 RETURN.
const Bytes kRevertingInitCode = parse_hex("0x6460006000fd6000526005601bf3");

class SendAndConfirm : public testing::Test
{
protected:
    void SetUp() override
    {
        // Interval mining, as the embedded devnet runs: in automine mode anvil can leave a ready
        // transaction unmined until the next one arrives (foundry-rs/foundry#10122); 1 of 60 did,
        // once in CI, when one sender's nonces still shared a batch.
        devnet_ = std::make_unique<Devnet>(
            Devnet::start({.anvil_path = test::anvil_path(), .args = {"--block-time", "1"}}));
        client_ = std::make_unique<rpc::Client>(rpc::ClientOptions{.url = devnet_->url()});
        fees_ = current_fees(*client_);
        nonce_ = client_->get_transaction_count(address_of(kDevKey), "pending");
    }

    SignedTxn transfer(uint64_t nonce, uint64_t value, std::optional<Address> to, const PrivateKey& key = kDevKey)
    {
        return sign(Eip1559Txn{.chain_id = 31337,
                               .nonce = nonce,
                               .max_priority_fee_per_gas = fees_.max_priority_fee_per_gas,
                               .max_fee_per_gas = fees_.max_fee_per_gas,
                               .gas_limit = to ? 60000u : 100000u,
                               .to = to,
                               .value = value,
                               .data = to ? Bytes{} : kRevertingInitCode},
                    key);
    }

    std::unique_ptr<Devnet> devnet_;
    std::unique_ptr<rpc::Client> client_;
    Fees fees_;
    uint64_t nonce_ = 0;
};

}  // namespace

TEST_F(SendAndConfirm, fees_follow_the_latest_base_fee)
{
    const auto block = client_->call_or_throw("eth_getBlockByNumber", {"latest", false});
    EXPECT_EQ(fees_.base_fee, parse_u256(block.at("baseFeePerGas").get<std::string>()));
    const auto tip = client_->call_or_throw("eth_maxPriorityFeePerGas");
    EXPECT_EQ(fees_.max_priority_fee_per_gas, parse_u256(tip.get<std::string>()));
    EXPECT_GT(fees_.base_fee, 0);
    EXPECT_EQ(fees_.max_fee_per_gas, fees_.base_fee * 2 + fees_.max_priority_fee_per_gas);
}

TEST_F(SendAndConfirm, confirms_many_transactions_of_several_senders_sent_in_small_batches)
{
    const Address to = parse_address("0x5555555555555555555555555555555555555555");
    TxnsBySender txns(3);
    uint64_t value = 0;
    for (size_t s = 0; s < 3; ++s)
    {
        const PrivateKey key = std::array{kDevKey, kDevKey1, kDevKey2}[s];
        const uint64_t first = client_->get_transaction_count(address_of(key), "pending");
        for (uint64_t i = 0; i < 20; ++i)
            txns[s].push_back(transfer(first + i, ++value, to, key));
    }
    const auto receipts = send_and_confirm(*client_, txns, std::chrono::seconds(30), {.batch_size = 2});
    ASSERT_EQ(receipts.size(), 60u);
    for (size_t i = 0; i < receipts.size(); ++i)
        EXPECT_EQ(receipts[i].at("transactionHash"), to_hex(txns[i / 20][i % 20].hash)) << "sender by sender, " << i;
    EXPECT_EQ(client_->get_balance(to), U256(60 * 61 / 2));
}

TEST_F(SendAndConfirm, names_a_refused_transaction_and_the_cause)
{
    const SignedTxn first = transfer(nonce_, 1, address_of(kDevKey));
    send_and_confirm_one(*client_, first, std::chrono::seconds(20));
    try
    {
        send_and_confirm_one(*client_, first, std::chrono::seconds(20));
        FAIL() << "a replayed transaction was accepted";
    }
    catch (const SendError& e)
    {
        const std::string what = e.what();
        EXPECT_NE(what.find(to_hex(first.hash)), std::string::npos) << what;
        EXPECT_NE(what.find("nonce"), std::string::npos) << what;
    }
}

TEST_F(SendAndConfirm, a_reverted_transaction_is_an_error)
{
    const SignedTxn deploy = transfer(nonce_, 0, std::nullopt);
    const auto receipt = send_and_confirm_one(*client_, deploy, std::chrono::seconds(20));
    const Address reverter = parse_address(receipt.at("contractAddress").get<std::string>());
    const SignedTxn call = transfer(nonce_ + 1, 0, reverter);
    try
    {
        send_and_confirm_one(*client_, call, std::chrono::seconds(20));
        FAIL() << "a reverted transaction was reported as confirmed";
    }
    catch (const SendError& e)
    {
        EXPECT_NE(std::string(e.what()).find("reverted"), std::string::npos) << e.what();
    }
}

/// anvil in its default mode (automine) mines a block when transactions arrive and takes what
/// fits its gas limit; what is left stays ready but unmined until something else arrives. A
/// sweep of 10,000 wallets left ~9,850 transfers so on a 30M-gas anvil. Here the block gas limit
/// holds 2 transfers, and 12 senders send one each in one round: the rest must still be mined.
TEST(SendAndConfirmOnAutomine, transactions_left_over_by_an_automining_node_are_mined)
{
    Devnet devnet = Devnet::start({.anvil_path = test::anvil_path(), .args = {"--gas-limit", "50000"}});
    rpc::Client client(rpc::ClientOptions{.url = devnet.url()});
    const Fees fees = current_fees(client);
    const Hash seed = pool::seed_hash("zkload-automine-leftovers");
    const Address to = parse_address("0x5555555555555555555555555555555555555555");
    TxnsBySender txns;
    for (uint64_t i = 0; i < 12; ++i)
    {
        const PrivateKey key = pool::wallet_key(seed, i);
        client.call_or_throw("anvil_setBalance", {to_hex(address_of(key)), "0xde0b6b3a7640000"});
        txns.push_back({sign(Eip1559Txn{.chain_id = 31337,
                                        .nonce = 0,
                                        .max_priority_fee_per_gas = fees.max_priority_fee_per_gas,
                                        .max_fee_per_gas = fees.max_fee_per_gas,
                                        .gas_limit = 21'000,
                                        .to = to,
                                        .value = 1 + i},
                             key)});
    }
    const uint64_t first_block = client.block_number();
    const auto receipts = send_and_confirm(client, txns, std::chrono::seconds(20));
    ASSERT_EQ(receipts.size(), 12u);
    EXPECT_EQ(client.get_balance(to), U256(12 * 13 / 2));
    EXPECT_GE(client.block_number() - first_block, 6u) << "2 transfers a block at the most";
}
