// SPDX-License-Identifier: Apache-2.0
#include "zksync/eravm_artifact.hpp"

#include "zksync/bytecode_hash.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>

namespace zkload::zksync {
namespace {

using nlohmann::json;

constexpr size_t kWord = 32;

/// The contract object the bytecode was found in, and its name when the shape gives one.
struct Located
{
    const json* contract = nullptr;
    std::string bytecode_hex;
    std::string name;
};

[[noreturn]] void fail(std::string_view origin, const std::string& cause)
{
    throw ArtifactError("zksolc artifact " + std::string(origin) + ": " + cause);
}

std::string keys_of(const json& object)
{
    std::string keys;
    for (const auto& [key, _] : object.items())
        keys += (keys.empty() ? "" : ", ") + key;
    return keys.empty() ? "none" : keys;
}

/// "bytecode": "0x…" (hardhat-zksync) or "bytecode": {"object": "…"} (foundry-zksync).
std::optional<std::string> bytecode_field(const json& contract)
{
    const auto it = contract.find("bytecode");
    if (it == contract.end())
        return std::nullopt;
    if (it->is_string())
        return it->get<std::string>();
    if (it->is_object() && it->contains("object") && (*it)["object"].is_string())
        return (*it)["object"].get<std::string>();
    return std::nullopt;
}

/// zksolc standard-JSON output: contracts.<file>.<name>.evm.bytecode.object, exactly one.
Located from_standard_json(const json& root, std::string_view origin)
{
    std::vector<Located> found;
    for (const auto& [file, contracts] : root["contracts"].items())
        for (const auto& [name, contract] : contracts.items())
        {
            const json* code = contract.contains("evm") ? &contract["evm"] : nullptr;
            const auto object = code ? bytecode_field(*code) : std::nullopt;
            if (object && !object->empty())
                found.push_back({&contract, *object, file + ":" + name});
        }
    if (found.size() == 1)
        return found.front();
    if (found.empty())
        fail(origin, "zksolc standard-JSON output with no contract bytecode (evm.bytecode.object)");
    std::string names;
    for (const Located& l : found)
        names += (names.empty() ? "" : ", ") + l.name;
    fail(origin, "zksolc standard-JSON output with " + std::to_string(found.size()) +
                     " contracts (" + names + "); point to a single contract's artifact");
}

Located locate(const json& root, std::string_view origin)
{
    if (!root.is_object())
        fail(origin, std::string("expected a JSON object, found a JSON ") + root.type_name());
    if (root.value("_format", "") == "hh-sol-artifact-1")
        fail(origin,
             "a hardhat solc (EVM) artifact; expected hardhat-zksync's (hh-zksolc-artifact-1)");
    if (auto hex = bytecode_field(root))
        return {&root, *hex, root.value("contractName", "")};
    if (root.contains("contracts") && root["contracts"].is_object())
        return from_standard_json(root, origin);
    fail(origin,
         "no bytecode: expected \"bytecode\" (hardhat-zksync, foundry-zksync) or \"contracts\" "
         "(zksolc standard JSON); found keys " +
             keys_of(root));
}

void check_deployable_alone(const json& contract, std::string_view origin)
{
    for (const char* key : {"factoryDeps", "factoryDependencies"})
        if (contract.contains(key) && contract[key].is_object() && !contract[key].empty())
            fail(origin, "the contract deploys other contracts (" + std::string(key) + ": " +
                             keys_of(contract[key]) + "); point to one that creates none");
    if (!contract.contains("abi") || !contract["abi"].is_array())
        return;
    for (const json& entry : contract["abi"])
        if (entry.is_object() && entry.value("type", "") == "constructor" &&
            entry.contains("inputs") && !entry["inputs"].empty())
            fail(origin,
                 "the constructor takes arguments; the deploy rows send an empty constructor "
                 "input, so point to a contract whose constructor takes none");
}

}  // namespace

std::optional<std::string> eravm_bytecode_problem(ByteView bytecode)
{
    const size_t n = bytecode.size();
    const bool solc_prologue = n >= 5 && bytecode[0] == 0x60 && bytecode[1] == 0x80 &&
                               bytecode[2] == 0x60 && bytecode[3] == 0x40 && bytecode[4] == 0x52;
    const std::string hint = solc_prologue
                                 ? "; it starts with 6080604052, solc's EVM prologue: compile with "
                                   "zksolc (foundry-zksync writes EraVM artifacts to zkout/)"
                                 : "";
    const std::string found = "found " + std::to_string(n) + " bytes";
    if (n == 0)
        return "empty bytecode (an interface or abstract contract?)";
    if (n % kWord != 0)
        return "expected EraVM bytecode, a whole number of 32-byte words; " + found + hint;
    const size_t words = n / kWord;
    if (words % 2 == 0)
        return "expected EraVM bytecode, an odd number of 32-byte words; " + found + " (" +
               std::to_string(words) + " words)" + hint;
    if (words > kMaxEraVmBytecodeWords)
        return "expected EraVM bytecode below 65536 words; " + found + " (" +
               std::to_string(words) + " words)";
    return std::nullopt;
}

EraVmArtifact parse_eravm_artifact(std::string_view json_text, std::string_view origin)
{
    const json root = json::parse(json_text, nullptr, false);
    if (root.is_discarded())
        fail(origin,
             "not JSON: expected a hardhat-zksync or foundry-zksync artifact, or zksolc's "
             "standard-JSON output");
    const Located at = locate(root, origin);
    check_deployable_alone(*at.contract, origin);
    const std::optional<Bytes> bytecode = from_hex(at.bytecode_hex);
    if (!bytecode)
        fail(origin,
             "the bytecode is not hex (unlinked library placeholders such as __$…$__ must be "
             "linked first); it starts with \"" +
                 at.bytecode_hex.substr(0, 24) + "\"");
    if (auto problem = eravm_bytecode_problem(*bytecode))
        fail(origin, *problem);
    return {.origin = std::string(origin),
            .contract_name = at.name,
            .bytecode = *bytecode,
            .bytecode_hash = eravm_bytecode_hash(*bytecode)};
}

EraVmArtifact load_eravm_artifact(const std::filesystem::path& file)
{
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error))
        fail(file.string(),
             std::filesystem::exists(file, error) ? "not a regular file" : "no such file");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        fail(file.string(), "cannot be opened for reading");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return parse_eravm_artifact(text, file.string());
}

}  // namespace zkload::zksync
