// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "process/devnet.hpp"
#include "pool/funder_key.hpp"
#include "rpc/client.hpp"
#include "test_env.hpp"
#include "txn/txn.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace zkload::pool::itest {

/// An anvil of the test's own, and a client on it; cancun unless the arguments name a hardfork.
struct PoolAnvil
{
    std::unique_ptr<Devnet> devnet;
    std::unique_ptr<rpc::Client> client;
};

inline PoolAnvil start_pool_anvil(std::vector<std::string> extra_args = {})
{
    std::vector<std::string> args = std::move(extra_args);
    if (std::find(args.begin(), args.end(), "--hardfork") == args.end())
        args.insert(args.end(), {"--hardfork", "cancun"});
    PoolAnvil anvil;
    anvil.devnet = std::make_unique<Devnet>(
        Devnet::start({.anvil_path = zkload::test::anvil_path(), .args = args}));
    anvil.client = std::make_unique<rpc::Client>(rpc::ClientOptions{.url = anvil.devnet->url()});
    return anvil;
}

/// Deploys `init_code` from anvil's first dev account with a transaction signed here (type 2)
/// and returns the new contract's address from the receipt.
inline Address deploy(rpc::Client& client, const Bytes& init_code)
{
    const PrivateKey key = parse_fixed_hex<32>(kDevnetFunderKeyHex);
    const auto block =
        client.call_or_throw("eth_getBlockByNumber", nlohmann::json::array({"latest", false}));
    const U256 base_fee = parse_u256(block.at("baseFeePerGas").get<std::string>());
    Eip1559Txn txn{.chain_id = client.chain_id(),
                   .nonce = client.get_transaction_count(address_of(key), "pending"),
                   .max_priority_fee_per_gas = 1,
                   .max_fee_per_gas = base_fee * 2 + 1,
                   .gas_limit = 200'000,
                   .to = std::nullopt,
                   .value = 0,
                   .data = init_code,
                   .access_list = {}};
    const SignedTxn signed_txn = sign(txn, key);
    client.send_raw_transaction(signed_txn.raw);
    const auto receipt = client.wait_for_receipt(signed_txn.hash, std::chrono::seconds(20));
    if (receipt.at("status") != "0x1")
        throw std::runtime_error("deployment failed: " + receipt.dump());
    return parse_address(receipt.at("contractAddress").get<std::string>());
}

/// Runtime returning the word 42 (the deployment of send_txn_test.cpp): code, not a token.
inline const Bytes kAnswerInitCode = parse_hex("0x69602a60005260206000f3600052600a6016f3");

/// A stand-in token whose balanceOf(a) returns a as a number. Runtime (11 bytes): PUSH1 4
/// CALLDATALOAD PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN; init: PUSH11 <runtime> PUSH1 0 MSTORE
/// PUSH1 11 PUSH1 21 RETURN.
inline const Bytes kEchoTokenInitCode = parse_hex("0x6a60043560005260206000f3600052600b6015f3");

/// A contract that reverts every call. Runtime (5 bytes): PUSH1 0 PUSH1 0 REVERT; init: PUSH5
/// <runtime> PUSH1 0 MSTORE PUSH1 5 PUSH1 27 RETURN.
inline const Bytes kRevertingInitCode = parse_hex("0x6460006000fd6000526005601bf3");

}  // namespace zkload::pool::itest
