// SPDX-License-Identifier: Apache-2.0
// Transactions signed by our code, sent to a real anvil: the node must return the hash we
// computed and include them with status 1.
#include "process/devnet.hpp"
#include "codec/keccak.hpp"
#include "codec/rlp.hpp"
#include "rpc/client.hpp"
#include "test_env.hpp"
#include "txn/txn.hpp"

#include <gtest/gtest.h>

using namespace zkload;

namespace {

/// anvil's first dev account (a well-known public test key, funded with 10,000 ETH).
const PrivateKey kDevKey =
    parse_fixed_hex<32>("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

/// Init code that deploys a runtime returning the word 42: PUSH10 <runtime> PUSH1 0 MSTORE
/// PUSH1 10 PUSH1 22 RETURN, runtime = PUSH1 42 PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN.
const Bytes kInitCode = parse_hex("0x69602a60005260206000f3600052600a6016f3");
const Bytes kRuntime = parse_hex("0x602a60005260206000f3");

class SendTxn : public testing::Test
{
protected:
    void SetUp() override
    {
        devnet_ = std::make_unique<Devnet>(
            Devnet::start({.anvil_path = test::anvil_path(), .args = {"--hardfork", "cancun"}}));
        client_ = std::make_unique<rpc::Client>(rpc::ClientOptions{.url = devnet_->url()});
        sender_ = address_of(kDevKey);
        chain_id_ = client_->chain_id();
        nonce_ = client_->get_transaction_count(sender_, "pending");
    }

    /// Sends raw bytes, checks the node returns our hash, waits for the receipt.
    nlohmann::json send_and_wait(const SignedTxn& signed_txn)
    {
        const Hash returned = client_->send_raw_transaction(signed_txn.raw);
        EXPECT_EQ(to_hex(returned), to_hex(signed_txn.hash)) << "node hash differs from ours";
        const auto receipt = client_->wait_for_receipt(signed_txn.hash, std::chrono::seconds(20));
        EXPECT_EQ(receipt.at("status"), "0x1");
        EXPECT_EQ(receipt.at("from"), to_hex(sender_));
        return receipt;
    }

    U256 base_fee()
    {
        const auto block = client_->call_or_throw("eth_getBlockByNumber", {"latest", false});
        return parse_u256(block.at("baseFeePerGas").get<std::string>());
    }

    std::unique_ptr<Devnet> devnet_;
    std::unique_ptr<rpc::Client> client_;
    Address sender_{};
    uint64_t chain_id_ = 0;
    uint64_t nonce_ = 0;
};

/// Address of a CREATE: keccak256(rlp([sender, nonce]))[12:].
Address create_address(const Address& sender, uint64_t nonce)
{
    Bytes out;
    rlp::encode_list_header(out, rlp::length(ByteView(sender)) + rlp::length(nonce));
    rlp::encode(out, ByteView(sender));
    rlp::encode(out, nonce);
    const Hash h = keccak256(out);
    Address a;
    std::copy(h.begin() + 12, h.end(), a.begin());
    return a;
}

}  // namespace

TEST_F(SendTxn, legacy_eip155_transfer_is_included)
{
    const Address to = parse_address("0x3535353535353535353535353535353535353535");
    LegacyTxn txn{.nonce = nonce_,
                  .gas_price = base_fee() * 2,
                  .gas_limit = 21000,
                  .to = to,
                  .value = U256(123456789),
                  .data = {},
                  .chain_id = chain_id_};
    send_and_wait(sign(txn, kDevKey));
    EXPECT_EQ(client_->get_balance(to, "latest"), U256(123456789));
}

TEST_F(SendTxn, eip1559_transfers_with_consecutive_nonces_are_included)
{
    const Address to = parse_address("0x4242424242424242424242424242424242424242");
    std::vector<SignedTxn> sent;
    for (uint64_t i = 0; i < 5; ++i)
    {
        Eip1559Txn txn{.chain_id = chain_id_,
                       .nonce = nonce_ + i,
                       .max_priority_fee_per_gas = 1,
                       .max_fee_per_gas = base_fee() * 2 + 1,
                       .gas_limit = 21000,
                       .to = to,
                       .value = U256(1000 + i),
                       .data = {},
                       .access_list = {}};
        sent.push_back(sign(txn, kDevKey));
    }
    for (const auto& s : sent)
        send_and_wait(s);
    EXPECT_EQ(client_->get_balance(to, "latest"), U256(1000 + 1001 + 1002 + 1003 + 1004));
    EXPECT_EQ(client_->get_transaction_count(sender_, "latest"), nonce_ + 5);
}

TEST_F(SendTxn, eip1559_contract_creation_deploys_the_runtime)
{
    Eip1559Txn txn{.chain_id = chain_id_,
                   .nonce = nonce_,
                   .max_priority_fee_per_gas = 1,
                   .max_fee_per_gas = base_fee() * 2 + 1,
                   .gas_limit = 100000,
                   .to = std::nullopt,
                   .value = 0,
                   .data = kInitCode,
                   .access_list = {}};
    const auto receipt = send_and_wait(sign(txn, kDevKey));
    const Address expected = create_address(sender_, nonce_);
    EXPECT_EQ(receipt.at("contractAddress"), to_hex(expected));
    EXPECT_EQ(client_->call_or_throw("eth_getCode", {to_hex(expected), "latest"}), to_hex(kRuntime));
    const auto word = client_->call_or_throw("eth_call", {{{"to", to_hex(expected)}}, "latest"});
    EXPECT_EQ(word, to_hex(to_be_bytes32(U256(42))));
}

TEST_F(SendTxn, legacy_contract_creation_and_access_list_transfer)
{
    LegacyTxn create{.nonce = nonce_,
                     .gas_price = base_fee() * 2,
                     .gas_limit = 100000,
                     .to = std::nullopt,
                     .value = 0,
                     .data = kInitCode,
                     .chain_id = chain_id_};
    const auto receipt = send_and_wait(sign(create, kDevKey));
    const Address contract = create_address(sender_, nonce_);
    EXPECT_EQ(receipt.at("contractAddress"), to_hex(contract));

    Eip1559Txn call{.chain_id = chain_id_,
                    .nonce = nonce_ + 1,
                    .max_priority_fee_per_gas = 1,
                    .max_fee_per_gas = base_fee() * 2 + 1,
                    .gas_limit = 60000,
                    .to = contract,
                    .value = 0,
                    .data = {},
                    .access_list = {{.address = contract, .storage_keys = {Hash{}}}}};
    const auto call_receipt = send_and_wait(sign(call, kDevKey));
    EXPECT_EQ(call_receipt.at("type"), "0x2");
}
