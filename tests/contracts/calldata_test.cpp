// SPDX-License-Identifier: Apache-2.0
// Known answers (computed with npm ethers 6.15.0) for the calldata builders, the storage slots
// and the CREATE address; and a check that every function the builders call is one the
// checked-in bytecode dispatches, so that a renamed Solidity function cannot go unnoticed.
#include "abi/abi.hpp"
#include "contracts/contract_artifacts.hpp"
#include "contracts/deploy.hpp"
#include "contracts/erc20.hpp"
#include "contracts/multisend.hpp"
#include "contracts/registry.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace zkload {
namespace {

const Address kHolder = parse_address("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
const Address kSpender = parse_address("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");

std::string word(std::string_view hex_digits)
{
    return std::string(64 - hex_digits.size(), '0') + std::string(hex_digits);
}

TEST(calldata, erc20_builders_match_known_encodings)
{
    const std::string holder = word("f39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    const std::string spender = word("70997970c51812dc3a010c7d01b50e0d17dc79c8");
    EXPECT_EQ(to_hex(erc20_transfer_calldata(kHolder, 255)), "0xa9059cbb" + holder + word("ff"));
    EXPECT_EQ(to_hex(erc20_transfer_from_calldata(kHolder, kSpender, 16)),
              "0x23b872dd" + holder + spender + word("10"));
    EXPECT_EQ(to_hex(erc20_approve_calldata(kSpender, 1)), "0x095ea7b3" + spender + word("1"));
    EXPECT_EQ(to_hex(erc20_balance_of_calldata(kHolder)), "0x70a08231" + holder);
    EXPECT_EQ(to_hex(erc20_allowance_calldata(kHolder, kSpender)), "0xdd62ed3e" + holder + spender);
    EXPECT_EQ(to_hex(erc20_mint_calldata(kHolder, 2)), "0x40c10f19" + holder + word("2"));
}

TEST(calldata, storage_slots_follow_the_solidity_mapping_rule)
{
    EXPECT_EQ(to_hex(erc20_balance_slot(kHolder)),
              "0x723077b8a1b173adc35e5f0e7e3662fd1208212cb629f9c128551ea7168da722");
    EXPECT_EQ(to_hex(erc20_allowance_slot(kHolder, kSpender)),
              "0x7bb4c14a4642c37aac43229fec930a0666790858dbac8fc0f7b91e6a34742718");
}

TEST(calldata, multisend_ether_matches_a_known_encoding)
{
    const std::vector<Address> to = {kHolder, kSpender};
    const std::vector<U256> amounts = {1, 2};
    EXPECT_EQ(to_hex(multisend_ether_calldata(to, amounts)),
              "0xbcc91d61" + word("40") + word("a0") + word("2") +
                  word("f39fd6e51aad88f6f4ce6ab8827279cfffb92266") +
                  word("70997970c51812dc3a010c7d01b50e0d17dc79c8") + word("2") + word("1") +
                  word("2"));
    const Bytes token_call = multisend_token_calldata(kSpender, to, amounts);
    EXPECT_EQ(to_hex(ByteView(token_call).first(4)), "0x0a333a0f");
    EXPECT_EQ(multisend_total(amounts), U256(3));
    EXPECT_THROW(multisend_total(std::vector<U256>{U256(1) << 255, U256(1) << 255}),
                 std::overflow_error);
}

TEST(calldata, creation_code_is_the_artifact_then_the_constructor_argument)
{
    const Bytes code = token_creation_code(U256(0x1234));
    const Bytes artifact = artifacts::creation_code("ZkloadToken");
    ASSERT_EQ(code.size(), artifact.size() + 32);
    EXPECT_TRUE(std::equal(artifact.begin(), artifact.end(), code.begin()));
    EXPECT_EQ(to_hex(ByteView(code).last(32)), "0x" + word("1234"));
    EXPECT_EQ(multisend_creation_code(), artifacts::creation_code("Multisend"));
    EXPECT_TRUE(artifacts::kSolcVersion.starts_with("0.8.30+commit."));
    EXPECT_NE(artifacts::kSolcSettings.find(R"("evmVersion":"paris")"), std::string_view::npos);
}

/// The creation bytecode of a contract of contracts/*.sol, as the generated table holds it.
std::string_view compiled_hex(std::string_view contract)
{
    for (const artifacts::Artifact& artifact : artifacts::compiled_contracts())
    {
        if (artifact.contract == contract)
            return artifact.creation_code_hex;
    }
    ADD_FAILURE() << "no contract " << contract << " in the table";
    return {};
}

TEST(calldata, every_contract_file_is_in_the_table_by_its_name)
{
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(ZKLOAD_TEST_SOURCE_DIR) / "contracts"))
    {
        if (entry.path().extension() == ".sol")
            files.push_back(entry.path().stem().string());
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> table;
    for (const artifacts::Artifact& artifact : artifacts::compiled_contracts())
    {
        table.emplace_back(artifact.contract);
        EXPECT_EQ(artifacts::creation_code(artifact.contract), parse_hex(artifact.creation_code_hex));
    }
    EXPECT_EQ(table, files);
    EXPECT_GE(files.size(), 4u) << "ZkloadToken, Multisend, StorageFill, SwapPair at least";
    try
    {
        artifacts::creation_code("Counter");
        ADD_FAILURE() << "a contract with no file was found";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find("no contract Counter in contracts/*.sol (compiled: Multisend, "),
                  std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("add contracts/Counter.sol and run node tools/compile_contracts.mjs"),
                  std::string::npos)
            << e.what();
    }
}

TEST(calldata, evm_create_address_matches_known_deployments)
{
    EXPECT_EQ(to_hex(evm_create_address(kHolder, 0)), "0x5fbdb2315678afecb367f032d93f642f64180aa3");
    EXPECT_EQ(to_hex(evm_create_address(kHolder, 1)), "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");
    EXPECT_EQ(to_hex(evm_create_address(kHolder, 1000)),
              "0x132f7d9033b28b08cbc520e1cfd83c6da3abfa36");
}

/// The dispatcher compares the selector with PUSH4 <selector> (0x63 ...), at a byte boundary.
bool dispatches(std::string_view creation_hex, const Bytes& calldata)
{
    const std::string push4 = "63" + to_hex(ByteView(calldata).first(4), false);
    for (size_t at = creation_hex.find(push4); at != std::string_view::npos;
         at = creation_hex.find(push4, at + 1))
    {
        if (at % 2 == 0)
            return true;
    }
    return false;
}

TEST(calldata, the_bytecode_dispatches_every_built_selector)
{
    const std::string_view token = compiled_hex("ZkloadToken");
    EXPECT_TRUE(dispatches(token, erc20_transfer_calldata(kHolder, 0)));
    EXPECT_TRUE(dispatches(token, erc20_transfer_from_calldata(kHolder, kHolder, 0)));
    EXPECT_TRUE(dispatches(token, erc20_approve_calldata(kHolder, 0)));
    EXPECT_TRUE(dispatches(token, erc20_balance_of_calldata(kHolder)));
    EXPECT_TRUE(dispatches(token, erc20_allowance_calldata(kHolder, kHolder)));
    EXPECT_TRUE(dispatches(token, erc20_mint_calldata(kHolder, 0)));
    const std::string_view multisend = compiled_hex("Multisend");
    EXPECT_TRUE(dispatches(multisend, multisend_ether_calldata({}, {})));
    EXPECT_TRUE(dispatches(multisend, multisend_token_calldata(kHolder, {}, {})));
    EXPECT_FALSE(dispatches(multisend, erc20_transfer_calldata(kHolder, 0)));
    // The storage and swap operations build their calldata in their own files; their rows'
    // chain checks (tests/engine/check_{storage,swap}_on_chain.py) call every function they use.
}

TEST(contract_registry, names_the_pools_contracts_and_builds_their_creation_code)
{
    const auto names = registered_contracts();
    ASSERT_EQ(names.size(), 2u);
    EXPECT_EQ(names[0], kTokenContract) << "the token deploys first, at the funder's nonce before the multisend's";
    EXPECT_EQ(names[1], kMultisendContract);
    EXPECT_EQ(registered_creation_code(kTokenContract), token_creation_code(pool_token_supply()));
    EXPECT_EQ(registered_creation_code(kMultisendContract), multisend_creation_code());
    EXPECT_EQ(pool_token_supply(), parse_u256("1000000000000000000000000000"));
    try
    {
        registered_creation_code("swap_pair");
        ADD_FAILURE() << "an unregistered name was accepted";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find("\"swap_pair\" (registered: token, multisend)"), std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace zkload
