// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"
#include "process/devnet.hpp"
#include "http_stub_server.hpp"
#include "rpc/client.hpp"
#include "test_env.hpp"

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace zkload::test {

/// anvil's unlocked, funded dev accounts (the default mnemonic).
inline constexpr const char* kDevAccounts[] = {
    "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
    "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc", "0x90f79bf6eb2c4f870365e785982e1f101e93b906",
    "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65",
};

/// 2 gwei: above the base fee of a fresh anvil (1 gwei, falling while blocks are empty).
inline constexpr const char* kGasPrice = "0x77359400";

/// A devnet of its own for one test, and a client on it.
struct Anvil
{
    Devnet devnet;
    rpc::Client client;
};

inline Anvil start_anvil(std::vector<std::string> args = {})
{
    DevnetOptions options;
    options.anvil_path = anvil_path();
    options.args = std::move(args);
    Devnet devnet = Devnet::start(options);
    rpc::Client client({devnet.url()});
    return Anvil{std::move(devnet), std::move(client)};
}

/// A 1-wei legacy transfer to dev account 0 for eth_sendTransaction / eth_signTransaction,
/// which anvil signs with the unlocked key of `from` and puts through its pool's validation.
inline nlohmann::json transfer(const std::string& from,
                               uint64_t nonce,
                               const std::string& gas_price = kGasPrice,
                               uint64_t value = 1)
{
    return {{"from", from},
            {"to", kDevAccounts[0]},
            {"value", to_quantity(value)},
            {"nonce", to_quantity(nonce)},
            {"gas", "0x5208"},
            {"gasPrice", gas_price},
            {"chainId", "0x7a69"}};
}

/// Params are an array: `{txn}` alone would be a copy of txn (nlohmann's brace rule), so
/// these helpers always spell json::array.
/// A raw signed transaction, signed by anvil itself (no C++ signer is needed for these tests).
inline Bytes sign_with_anvil(rpc::Client& client, const nlohmann::json& txn)
{
    return parse_hex(client.call_or_throw("eth_signTransaction", nlohmann::json::array({txn}))
                         .get<std::string>());
}

/// A loopback port that was free a moment ago and has nothing listening on it.
inline uint16_t closed_port()
{
    HttpStubServer probe(StubReply{});
    return probe.port();
}

/// A stub handler answering every request with `result_json` under the request's own id.
inline HttpStubServer::Handler answer_with(std::string result_json)
{
    return [result_json](const std::string& request)
    {
        const nlohmann::json parsed = nlohmann::json::parse(request, nullptr, false);
        const uint64_t id = parsed.is_object() ? parsed.value("id", uint64_t{0}) : 0;
        return StubReply{200, R"({"jsonrpc":"2.0","id":)" + std::to_string(id) + R"(,"result":)" +
                                  result_json + "}"};
    };
}

}  // namespace zkload::test
