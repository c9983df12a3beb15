// SPDX-License-Identifier: Apache-2.0
// The zksolc artifact loader: the shapes it accepts, and every refusal naming file and cause.
#include "zksync/eravm_artifact.hpp"
#include "zksync/bytecode_hash.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace zkload::zksync {
namespace {

using nlohmann::json;

/// `words` 32-byte words of a recognisable, non-EVM pattern.
Bytes words_of(size_t words)
{
    Bytes out(words * 32);
    for (size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<uint8_t>(0x11 + i * 7);
    return out;
}

/// A scratch folder for artifact files, removed after the test.
class ArtifactFiles : public ::testing::Test
{
protected:
    std::filesystem::path write(const std::string& name, const std::string& text)
    {
        const auto path = dir_ / name;
        std::ofstream(path) << text;
        return path;
    }

    std::string refusal(const std::filesystem::path& path)
    {
        try
        {
            load_eravm_artifact(path);
        }
        catch (const ArtifactError& e)
        {
            return e.what();
        }
        ADD_FAILURE() << path << " was accepted";
        return {};
    }

    void SetUp() override { std::filesystem::create_directories(dir_); }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::filesystem::path dir_ = std::filesystem::temp_directory_path() /
                                 ("zkload-artifact-test-" + std::to_string(::getpid()));
};

TEST_F(ArtifactFiles, ReadsHardhatZksyncArtifacts)
{
    const Bytes code = words_of(3);
    const json artifact = {{"_format", "hh-zksolc-artifact-1"}, {"contractName", "Tiny"},
                           {"sourceName", "Tiny.sol"},          {"abi", json::array()},
                           {"bytecode", to_hex(code)},          {"factoryDeps", json::object()}};
    const auto path = write("Tiny.json", artifact.dump());
    const EraVmArtifact loaded = load_eravm_artifact(path);
    EXPECT_EQ(loaded.bytecode, code);
    EXPECT_EQ(loaded.bytecode_hash, eravm_bytecode_hash(code));
    EXPECT_EQ(loaded.contract_name, "Tiny");
    EXPECT_EQ(loaded.origin, path.string());
}

TEST_F(ArtifactFiles, ReadsFoundryZksyncArtifactsWithOrWithoutPrefix)
{
    const Bytes code = words_of(5);
    for (const bool prefix : {true, false})
    {
        const json artifact = {
            {"abi", json::array({{{"type", "constructor"}, {"inputs", json::array()}}})},
            {"bytecode", {{"object", to_hex(code, prefix)}}}};
        EXPECT_EQ(load_eravm_artifact(write("Foundry.json", artifact.dump())).bytecode, code);
    }
}

TEST_F(ArtifactFiles, ReadsZksolcStandardJsonWithOneContract)
{
    const Bytes code = words_of(1);
    const json output = {
        {"contracts",
         {{"Tiny.sol",
           {{"Tiny",
             {{"abi", json::array()}, {"evm", {{"bytecode", {{"object", to_hex(code, false)}}}}}}},
            {"ITiny", {{"abi", json::array()}, {"evm", {{"bytecode", {{"object", ""}}}}}}}}}}}};
    const EraVmArtifact loaded = load_eravm_artifact(write("standard.json", output.dump()));
    EXPECT_EQ(loaded.bytecode, code);
    EXPECT_EQ(loaded.contract_name, "Tiny.sol:Tiny") << "interfaces without bytecode are skipped";
}

TEST_F(ArtifactFiles, RefusesSeveralContractsInStandardJson)
{
    const json one = {{"evm", {{"bytecode", {{"object", to_hex(words_of(1))}}}}}};
    const auto path =
        write("two.json", json({{"contracts", {{"A.sol", {{"A", one}, {"B", one}}}}}}).dump());
    EXPECT_NE(refusal(path).find("2 contracts (A.sol:A, A.sol:B)"), std::string::npos)
        << refusal(path);
}

TEST_F(ArtifactFiles, RefusesEvmBytecodeSayingWhatWasExpected)
{
    // solc's prologue, and a length that is no whole number of words.
    const std::string evm = "0x6080604052348015600e575f5ffd5b50603e80601a5f395ff3fe";
    const std::string message = refusal(write("Evm.json", json({{"bytecode", evm}}).dump()));
    EXPECT_NE(message.find("Evm.json"), std::string::npos) << message;
    EXPECT_NE(message.find("expected EraVM bytecode"), std::string::npos) << message;
    EXPECT_NE(message.find("found 26 bytes"), std::string::npos) << message;
    EXPECT_NE(message.find("solc's EVM prologue"), std::string::npos) << message;
}

TEST_F(ArtifactFiles, RefusesWrongLengths)
{
    const std::pair<size_t, const char*> cases[] = {{33, "whole number of 32-byte words"},
                                                    {64, "odd number of 32-byte words"},
                                                    {32 * 65537, "below 65536 words"},
                                                    {0, "empty bytecode"}};
    for (const auto& [length, expected] : cases)
    {
        Bytes code(length, 0x42);
        const std::string message =
            refusal(write("len.json", json({{"bytecode", to_hex(code)}}).dump()));
        EXPECT_NE(message.find(expected), std::string::npos) << length << ": " << message;
    }
}

TEST_F(ArtifactFiles, RefusesWhatIsNotAnArtifact)
{
    const std::pair<std::string, const char*> cases[] = {
        {"this is not JSON {", "not JSON"},
        {"", "not JSON"},
        {"[1, 2]", "found a JSON array"},
        {R"({"name": "x", "version": 1})", "found keys name, version"},
        {R"({"_format": "hh-sol-artifact-1", "bytecode": "0x00"})", "hardhat solc (EVM) artifact"},
        {R"({"bytecode": "0x__$1234567890$__00"})", "not hex"},
        {R"({"bytecode": 12})", "no bytecode"},
    };
    for (const auto& [text, expected] : cases)
    {
        const std::string message = refusal(write("bad.json", text));
        EXPECT_NE(message.find("zksolc artifact "), std::string::npos) << message;
        EXPECT_NE(message.find(expected), std::string::npos) << text << ": " << message;
    }
}

TEST_F(ArtifactFiles, RefusesConstructorArgumentsAndFactoryDependencies)
{
    const std::string code = to_hex(words_of(3));
    const json with_args = {
        {"bytecode", code},
        {"abi", json::array({{{"type", "constructor"},
                              {"inputs", json::array({{{"name", "x"}, {"type", "uint256"}}})}}})}};
    EXPECT_NE(refusal(write("args.json", with_args.dump())).find("constructor takes arguments"),
              std::string::npos);
    const json with_deps = {{"bytecode", code}, {"factoryDeps", {{"0x0100", "Child.sol:Child"}}}};
    EXPECT_NE(refusal(write("deps.json", with_deps.dump())).find("deploys other contracts"),
              std::string::npos);
}

TEST_F(ArtifactFiles, NamesAMissingFileAndAFolder)
{
    const auto missing = dir_ / "nowhere.json";
    const std::string message = refusal(missing);
    EXPECT_NE(message.find(missing.string()), std::string::npos) << message;
    EXPECT_NE(message.find("no such file"), std::string::npos) << message;
    EXPECT_NE(refusal(dir_).find("not a regular file"), std::string::npos);
}

}  // namespace
}  // namespace zkload::zksync
