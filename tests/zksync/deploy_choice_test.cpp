// SPDX-License-Identifier: Apache-2.0
// How the deploy rows choose on a zkSync chain, against a loopback stub answering
// eth_estimateGas: EraVM with an artifact, EVM where the emulator accepts a creation, and a
// readable refusal where it does not.
#include "zksync/deploy_choice.hpp"
#include "zksync/bytecode_hash.hpp"
#include "http_stub_server.hpp"
#include "zksync/eravm_artifact.hpp"
#include "zksync/eravm_deploy.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace zkload::zksync {
namespace {

using nlohmann::json;
using test::HttpStubServer;
using test::StubReply;

const Bytes kEvmCode = parse_hex("0x6080604052348015600e575f5ffd5b50603e80601a5f395ff3fe");

/// A node whose eth_estimateGas answers `reply` (a result or an error object); the last
/// request's params are kept for inspection.
class EstimatingNode
{
public:
    explicit EstimatingNode(json reply)
        : stub_([this, reply](const std::string& body) {
              const json request = json::parse(body);
              {
                  std::scoped_lock lock(mutex_);
                  last_params_ = request["params"];
              }
              json answer = {{"jsonrpc", "2.0"}, {"id", request["id"]}};
              answer[reply.is_object() ? "error" : "result"] = reply;
              return StubReply{200, answer.dump()};
          })
    {}

    rpc::Client client() { return rpc::Client({.url = stub_.url()}); }
    json last_params()
    {
        std::scoped_lock lock(mutex_);
        return last_params_;
    }

private:
    std::mutex mutex_;
    json last_params_;
    HttpStubServer stub_;
};

const pool::Wallet kWallet = [] {
    const PrivateKey key = parse_fixed_hex<32>("0x" + std::string(62, '0') + "2a");
    return pool::Wallet{.key = key, .address = address_of(key)};
}();

const engine::TxnParams kParams{.chain_id = 260,
                                .max_priority_fee_per_gas = U256(1),
                                .max_fee_per_gas = U256(250'000'000)};

TEST(ZksyncDeployChoice, WithoutEmulatorTheRowIsToldToPassAnArtifact)
{
    EstimatingNode node(
        json{{"code", -32000}, {"message", "Failed to serialize transaction: toAddressIsNull"}});
    rpc::Client client = node.client();
    try
    {
        zksync_deploy_operation(client, kWallet.address, kParams, "", kEvmCode);
        FAIL() << "a refused EVM creation must not give an operation";
    }
    catch (const std::runtime_error& e)
    {
        const std::string message = e.what();
        EXPECT_NE(
            message.find("this zkSync chain has no EVM emulator: pass --zksolc-artifact FILE"),
            std::string::npos)
            << message;
        EXPECT_NE(message.find("toAddressIsNull"), std::string::npos)
            << "the node's words: " << message;
    }
}

TEST(ZksyncDeployChoice, WithEmulatorEvmCreationsAreSent)
{
    EstimatingNode node(json("0x186a0"));  // 100,000
    rpc::Client client = node.client();
    const auto operation = zksync_deploy_operation(client, kWallet.address, kParams, "", kEvmCode);
    EXPECT_FALSE(node.last_params()[0].contains("to")) << "the probe is a creation";
    SignedTxn out;
    operation->sign(kWallet, Address{}, 3, out);
    ASSERT_FALSE(out.raw.empty());
    EXPECT_EQ(out.raw[0], 0x02) << "a type-2 creation";
}

TEST(ZksyncDeployChoice, WithAnArtifactEraVmDeploysAreEstimatedAndSigned)
{
    const Bytes bytecode(32 * 3, 0x5a);
    const auto path = std::filesystem::temp_directory_path() /
                      ("zkload-deploy-choice-" + std::to_string(::getpid()) + ".json");
    std::ofstream(path) << json({{"bytecode", to_hex(bytecode)}}).dump();
    EstimatingNode node(json("0x100000"));
    rpc::Client client = node.client();
    const auto operation =
        zksync_deploy_operation(client, kWallet.address, kParams, path.string(), kEvmCode);
    std::filesystem::remove(path);

    const json call = node.last_params()[0];
    EXPECT_EQ(call["to"], "0x0000000000000000000000000000000000008006");
    EXPECT_EQ(call["type"], "0x71");
    EXPECT_EQ(call["eip712Meta"]["gasPerPubdata"], "0xc350");
    ASSERT_EQ(call["eip712Meta"]["factoryDeps"].size(), 1u);
    EXPECT_EQ(call["eip712Meta"]["factoryDeps"][0],
              json(std::vector<int>(bytecode.begin(), bytecode.end())))
        << "factory deps go as arrays of byte values";

    engine::TxnParams expected_params = kParams;
    expected_params.gas_limit = 0x100000 + 0x100000 * 3 / 10;
    const Eip712Txn expected =
        eravm_deploy_txn(expected_params, {.bytecode = bytecode}, kWallet.address, 7);
    SignedTxn out;
    operation->sign(kWallet, Address{}, 7, out);
    EXPECT_EQ(to_hex(out.raw), to_hex(sign(expected, kWallet.key).raw));
}

TEST(ZksyncDeployChoice, ABadArtifactIsRefusedBeforeTheNodeIsAsked)
{
    EstimatingNode node(json("0x1"));
    rpc::Client client = node.client();
    EXPECT_THROW(
        zksync_deploy_operation(client, kWallet.address, kParams, "/nonexistent/a.json", kEvmCode),
        ArtifactError);
    EXPECT_TRUE(node.last_params().is_null());
}

}  // namespace
}  // namespace zkload::zksync
