// SPDX-License-Identifier: Apache-2.0
// A fresh anvil per test, with helpers to deploy the checked-in contracts, send signed calls and
// read eth_call results and revert data.
#pragma once

#include "abi/abi.hpp"
#include "contracts/deploy.hpp"
#include "process/devnet.hpp"
#include "codec/keccak.hpp"
#include "rpc/client.hpp"
#include "test_env.hpp"
#include "txn/txn.hpp"

#include <algorithm>
#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace zkload::test {

/// anvil's first two dev accounts (well-known public test keys, funded with 10,000 ETH each).
inline const PrivateKey kOwnerKey =
    parse_fixed_hex<32>("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
inline const PrivateKey kOtherKey =
    parse_fixed_hex<32>("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

/// 10^18: one token (18 decimals) or one ether in wei.
inline const U256 kOne = U256(1'000'000'000'000'000'000ULL);

class ContractTest : public testing::Test
{
protected:
    void SetUp() override
    {
        devnet_ = std::make_unique<Devnet>(
            Devnet::start({.anvil_path = anvil_path(), .args = {"--hardfork", "cancun"}}));
        client_ = std::make_unique<rpc::Client>(rpc::ClientOptions{.url = devnet_->url()});
        chain_id_ = client_->chain_id();
        owner_ = address_of(kOwnerKey);
        other_ = address_of(kOtherKey);
    }

    /// Signs with `key` (nonce from the node, which automines), sends, and returns the receipt.
    /// A revert is not a failure here: callers check "status".
    nlohmann::json send(const PrivateKey& key,
                        std::optional<Address> to,
                        Bytes data,
                        uint64_t gas,
                        const U256& value = 0)
    {
        const auto block = client_->call_or_throw("eth_getBlockByNumber", {"latest", false});
        const U256 base_fee = parse_u256(block.at("baseFeePerGas").get<std::string>());
        const Eip1559Txn txn{.chain_id = chain_id_,
                             .nonce = client_->get_transaction_count(address_of(key), "pending"),
                             .max_priority_fee_per_gas = 1,
                             .max_fee_per_gas = base_fee * 2 + 1,
                             .gas_limit = gas,
                             .to = to,
                             .value = value,
                             .data = std::move(data)};
        const SignedTxn signed_txn = sign(txn, key);
        EXPECT_EQ(to_hex(client_->send_raw_transaction(signed_txn.raw)), to_hex(signed_txn.hash));
        return client_->wait_for_receipt(signed_txn.hash, std::chrono::seconds(20));
    }

    /// Like send() from the owner, but the transaction must succeed.
    nlohmann::json send_ok(std::optional<Address> to,
                           Bytes data,
                           uint64_t gas,
                           const U256& value = 0)
    {
        auto receipt = send(kOwnerKey, to, std::move(data), gas, value);
        EXPECT_EQ(receipt.at("status"), "0x1") << receipt.dump();
        return receipt;
    }

    /// Deploys creation code from the owner; checks the address is the predicted one.
    Address deploy(Bytes code)
    {
        const uint64_t nonce = client_->get_transaction_count(owner_, "pending");
        const auto receipt = send_ok(std::nullopt, std::move(code), 3'000'000);
        const Address expected = evm_create_address(owner_, nonce);
        EXPECT_EQ(receipt.at("contractAddress"), to_hex(expected));
        return expected;
    }

    rpc::Reply call(const Address& to, ByteView data, const Address& from, const U256& value = 0)
    {
        const nlohmann::json request = {{"from", to_hex(from)},
                                        {"to", to_hex(to)},
                                        {"data", to_hex(data)},
                                        {"value", to_quantity(value)}};
        return client_->call("eth_call", nlohmann::json::array({request, "latest"}));
    }

    /// eth_call's return data, which must exist.
    Bytes call_ok(const Address& to, ByteView data)
    {
        const rpc::Reply reply = call(to, data, owner_);
        if (!reply.ok())
            throw std::runtime_error("eth_call failed: " + reply.error->describe());
        return parse_hex(reply.result.get<std::string>());
    }

    /// The revert data of an eth_call that must revert.
    Bytes revert_data(const Address& to, ByteView data, const Address& from, const U256& value = 0)
    {
        const rpc::Reply reply = call(to, data, from, value);
        if (reply.ok())
            throw std::runtime_error("eth_call did not revert: " + reply.result.dump());
        EXPECT_EQ(reply.error->error_class, rpc::ErrorClass::execution_reverted)
            << reply.error->describe();
        if (!reply.error->data || !reply.error->data->is_string())
            throw std::runtime_error("revert without data: " + reply.error->describe());
        return parse_hex(reply.error->data->get<std::string>());
    }

    /// A single uint256 return value.
    U256 call_uint(const Address& to, ByteView data)
    {
        const auto values =
            zkload::abi::decode({zkload::abi::parse_type("uint256")}, call_ok(to, data));
        return std::get<U256>(values.at(0).data);
    }

    std::unique_ptr<Devnet> devnet_;
    std::unique_ptr<rpc::Client> client_;
    uint64_t chain_id_ = 0;
    Address owner_{};
    Address other_{};
};

/// Revert data of a custom error: its selector, then its ABI-encoded arguments.
inline Bytes custom_error(std::string_view signature, const std::vector<zkload::abi::Value>& args)
{
    return zkload::abi::encode_call(signature, args);
}

/// The ABI word of an address, as log topics and storage hold it.
inline std::string address_word(const Address& address)
{
    Hash word{};
    std::copy(address.begin(), address.end(), word.begin() + 12);
    return to_hex(word);
}

/// n addresses no one has used: keccak256(salt ‖ index)[12:].
inline std::vector<Address> fresh_addresses(size_t n, std::string_view salt)
{
    std::vector<Address> out(n);
    for (size_t i = 0; i < n; ++i)
    {
        const Hash h = keccak256(as_view(salt), to_be_bytes32(U256(i)));
        std::copy(h.end() - 20, h.end(), out[i].begin());
    }
    return out;
}

/// The receipt's gasUsed.
inline uint64_t gas_used(const nlohmann::json& receipt)
{
    return parse_quantity(receipt.at("gasUsed").get<std::string>()).value();
}

}  // namespace zkload::test
