// SPDX-License-Identifier: Apache-2.0
// EraVM deploys against zksync-ethers 6.21.1 (tools/oracle/eravm_deploy_vectors.mjs): the
// ContractDeployer calldata of ContractFactory 'create', the signed 0x71 bytes and hash, and
// utils.createAddress — byte for byte.
#include "zksync/bytecode_hash.hpp"
#include "vectors.hpp"
#include "zksync/eravm_deploy.hpp"

#include <gtest/gtest.h>

namespace zkload::zksync {
namespace {

using nlohmann::json;

const json& vectors()
{
    static const json loaded = test::load_vectors("eravm_deploy");
    return loaded;
}

uint64_t u64(const json& v)
{
    return to_uint64(parse_u256(v.get<std::string>()));
}

engine::TxnParams params_of(const json& v)
{
    return {
        .chain_id = u64(v["chain_id"]),
        .max_priority_fee_per_gas = parse_u256(v["max_priority_fee_per_gas"].get<std::string>()),
        .max_fee_per_gas = parse_u256(v["max_fee_per_gas"].get<std::string>()),
        .gas_limit = u64(v["gas_limit"])};
}

EraVmDeploySpec spec_of(const json& v)
{
    return {.bytecode = parse_hex(v["bytecode"].get<std::string>()),
            .constructor_input = parse_hex(v["constructor_input"].get<std::string>()),
            .gas_per_pubdata = u64(v["gas_per_pubdata"])};
}

pool::Wallet wallet_of(const json& v)
{
    const PrivateKey key = parse_fixed_hex<32>(v["key"].get<std::string>());
    return {.key = key, .address = address_of(key)};
}

TEST(EraVmDeployOracle, DeployerAddressAndSelector)
{
    EXPECT_EQ(to_hex(kContractDeployer),
              to_hex(parse_address(vectors()["contract_deployer"].get<std::string>())));
    const Bytes calldata = contract_deployer_create_calldata(Hash{}, Hash{}, {});
    EXPECT_EQ(to_hex(ByteView(calldata).first(4)), vectors()["create_selector"].get<std::string>());
}

TEST(EraVmDeployOracle, CalldataSaltAndHashMatchContractFactory)
{
    ASSERT_GE(vectors()["vectors"].size(), 4u);
    for (const json& v : vectors()["vectors"])
    {
        SCOPED_TRACE("vector " + v["index"].dump());
        const pool::Wallet wallet = wallet_of(v);
        ASSERT_EQ(to_hex(wallet.address), to_hex(parse_address(v["from"].get<std::string>())));
        const Hash salt = eravm_deploy_salt(wallet.address, u64(v["nonce"]));
        EXPECT_EQ(to_hex(salt), v["salt"].get<std::string>());
        const EraVmDeploySpec spec = spec_of(v);
        const Hash bytecode_hash = eravm_bytecode_hash(spec.bytecode);
        EXPECT_EQ(to_hex(bytecode_hash), v["bytecode_hash"].get<std::string>());
        EXPECT_EQ(
            to_hex(contract_deployer_create_calldata(salt, bytecode_hash, spec.constructor_input)),
            v["calldata"].get<std::string>());
        ASSERT_EQ(v["factory_deps"].size(), 1u);
        EXPECT_EQ(v["factory_deps"][0].get<std::string>(), v["bytecode"].get<std::string>());
    }
}

TEST(EraVmDeployOracle, SignedTransactionsMatchZksyncEthers)
{
    for (const json& v : vectors()["vectors"])
    {
        SCOPED_TRACE("vector " + v["index"].dump());
        const auto operation = eravm_deploy(params_of(v), spec_of(v));
        ASSERT_TRUE(operation->is_write());
        SignedTxn signed_txn;
        operation->sign(wallet_of(v), Address{}, u64(v["nonce"]), signed_txn);
        EXPECT_EQ(to_hex(signed_txn.raw), v["raw"].get<std::string>());
        EXPECT_EQ(to_hex(signed_txn.hash), v["hash"].get<std::string>());
    }
}

TEST(EraVmDeployOracle, OperationsSharingAThreadDoNotMixTemplates)
{
    const json& list = vectors()["vectors"];
    const auto first = eravm_deploy(params_of(list[0]), spec_of(list[0]));
    const auto second = eravm_deploy(params_of(list[1]), spec_of(list[1]));
    SignedTxn out;
    for (int round = 0; round < 2; ++round)
        for (const auto& [operation, v] :
             {std::pair{first.get(), &list[0]}, std::pair{second.get(), &list[1]}})
        {
            operation->sign(wallet_of(*v), Address{}, u64((*v)["nonce"]), out);
            EXPECT_EQ(to_hex(out.raw), (*v)["raw"].get<std::string>()) << "round " << round;
        }
}

TEST(EraVmDeployOracle, CreateAddressMatchesUtilsCreateAddress)
{
    ASSERT_GE(vectors()["create_addresses"].size(), 7u);
    for (const json& c : vectors()["create_addresses"])
    {
        const Address sender = parse_address(c["sender"].get<std::string>());
        const U256 nonce = parse_u256(c["nonce"].get<std::string>());
        EXPECT_EQ(to_hex(eravm_create_address(sender, nonce)),
                  to_hex(parse_address(c["address"].get<std::string>())))
            << c.dump();
    }
}

TEST(EraVmDeploy, RefusesInvalidBytecodeAndZeroGasPerPubdata)
{
    const engine::TxnParams params{.chain_id = 260, .gas_limit = 1};
    EXPECT_THROW(eravm_deploy(params, {.bytecode = Bytes(64, 1)}), std::invalid_argument);
    EXPECT_THROW(eravm_deploy(params, {.bytecode = Bytes(32, 1), .gas_per_pubdata = 0}),
                 std::invalid_argument);
}

}  // namespace
}  // namespace zkload::zksync
