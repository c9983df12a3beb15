// SPDX-License-Identifier: Apache-2.0
#include "codec/keccak.hpp"
#include "pool/state_file.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <string_view>

#include <nlohmann/json.hpp>

namespace zkload::pool {
namespace {

using nlohmann::json;

constexpr std::string_view kChecksumField = "checksum";

/// Every field a file of this version has, checksum aside; any other field is an error.
constexpr std::array<std::string_view, 9> kFields = {
    "format_version", "chain_id",         "genesis_hash", "seed_name", "pool_size",
    "contracts",      "eth_per_wallet",   "token_per_wallet", "updated_at"};

/// Version 1 had a fixed field per contract where version 2 has the map.
constexpr int kV1Format = 1;
constexpr int kMapFormatVersion = 2;
constexpr std::array<std::string_view, 10> kV1Fields = {
    "format_version", "chain_id",  "genesis_hash",   "seed_name",        "pool_size",
    "token",          "multisend", "eth_per_wallet", "token_per_wallet", "updated_at"};
constexpr std::array<std::string_view, 2> kV1Contracts = {"token", "multisend"};
static_assert(kStateFormatVersion == kMapFormatVersion, "a new format needs its migration here");

[[noreturn]] void untrusted(const std::filesystem::path& path, const std::string& problem)
{
    throw StateFileError(path, problem + "; the file will not be trusted");
}

template <typename T>
json optional_json(const std::optional<T>& value, std::string (*format)(const T&))
{
    return value ? json(format(*value)) : json(nullptr);
}

std::string address_text(const Address& a)
{
    return to_hex(a);
}

/// keccak256 of the compact dump (keys sorted, as nlohmann::json keeps them, no whitespace) of
/// every field but the checksum: independent of the indentation the file is written with.
std::string checksum_of(const json& content)
{
    return to_hex(keccak256(as_view(content.dump())));
}

json content_json(const PoolState& s)
{
    json j = json::object();
    j["format_version"] = s.format_version;
    j["chain_id"] = s.chain_id;
    j["genesis_hash"] = to_hex(s.genesis_hash);
    j["seed_name"] = s.seed_name;
    j["pool_size"] = s.pool_size;
    j["contracts"] = json::object();
    for (const auto& [name, address] : s.contracts)
    {
        if (name.empty())
            throw std::invalid_argument("pool state: a contract without a name");
        j["contracts"][name] = address_text(address);
    }
    j["eth_per_wallet"] = optional_json<U256>(s.eth_per_wallet, &to_decimal);
    j["token_per_wallet"] = optional_json<U256>(s.token_per_wallet, &to_decimal);
    j["updated_at"] = s.updated_at;
    return j;
}

/// A string value turned into T by `parse` (which throws std::invalid_argument when it does not
/// fit); nullopt for anything else.
template <typename T, typename Parse>
std::optional<T> parsed(const json& value, Parse parse)
{
    try
    {
        if (value.is_string())
            return parse(value.get<std::string>());
    }
    catch (const std::exception&)
    {}
    return std::nullopt;
}

/// Reads one nullable field with its type checked.
template <typename T, typename Parse>
std::optional<T> read_optional(const json& j,
                               std::string_view field,
                               Parse parse,
                               const std::filesystem::path& path,
                               const char* expected)
{
    const json& value = j.at(std::string(field));
    if (value.is_null())
        return std::nullopt;
    if (std::optional<T> read = parsed<T>(value, parse))
        return read;
    untrusted(path, "field " + std::string(field) + " must be " + expected);
}

uint64_t read_unsigned(const json& j, std::string_view field, const std::filesystem::path& path)
{
    const json& value = j.at(std::string(field));
    if (!value.is_number_unsigned())
        untrusted(path, "field " + std::string(field) + " must be an unsigned integer");
    return value.get<uint64_t>();
}

std::string read_string(const json& j, std::string_view field, const std::filesystem::path& path)
{
    const json& value = j.at(std::string(field));
    if (!value.is_string())
        untrusted(path, "field " + std::string(field) + " must be a string");
    return value.get<std::string>();
}

/// Version 2: "contracts" is an object of name → address.
std::map<std::string, Address, std::less<>> read_contracts(const json& j,
                                                          const std::filesystem::path& path)
{
    const json& map = j.at("contracts");
    if (!map.is_object())
        untrusted(path, "field contracts must be an object of name to address");
    std::map<std::string, Address, std::less<>> contracts;
    for (const auto& [name, value] : map.items())
    {
        if (name.empty())
            untrusted(path, "a contract name in field contracts is empty");
        const std::optional<Address> address = parsed<Address>(value, parse_address);
        if (!address)
            untrusted(path, "contract " + name + " must be a 20-byte hex address");
        contracts.emplace(name, *address);
    }
    return contracts;
}

/// Version 1: one nullable field per contract, moved into the map as it is read.
std::map<std::string, Address, std::less<>> read_v1_contracts(const json& j,
                                                             const std::filesystem::path& path)
{
    std::map<std::string, Address, std::less<>> contracts;
    for (const auto name : kV1Contracts)
    {
        if (const auto address = read_optional<Address>(j, name, parse_address, path,
                                                        "null or a 20-byte hex address"))
            contracts.emplace(std::string(name), *address);
    }
    return contracts;
}

}  // namespace

std::optional<Address> PoolState::contract(std::string_view name) const
{
    const auto found = contracts.find(name);
    if (found == contracts.end())
        return std::nullopt;
    return found->second;
}

std::string serialize_state(const PoolState& state)
{
    json j = content_json(state);
    try
    {
        j[std::string(kChecksumField)] = checksum_of(j);
        return j.dump(2) + "\n";
    }
    catch (const json::exception& e)
    {
        throw std::invalid_argument(std::string("pool state cannot be written as JSON: ") +
                                    e.what());
    }
}

PoolState parse_state(std::string_view text, const std::filesystem::path& path)
{
    json j;
    try
    {
        j = json::parse(text);
    }
    catch (const json::exception& e)  // parse_error, and out_of_range for a number like 1e999
    {
        untrusted(path, std::string("it is not JSON (") + e.what() + ")");
    }
    if (!j.is_object())
        untrusted(path, "it is not a JSON object");
    const auto version = j.find("format_version");
    if (version == j.end() || !version->is_number_integer())
        untrusted(path, "format_version is missing or not an integer");
    const int64_t format = version->get<int64_t>();
    if (format != kStateFormatVersion && format != kV1Format)
        untrusted(path, "it has format version " + version->dump() + ", this zkload reads " +
                            std::to_string(kV1Format) + " and " +
                            std::to_string(kStateFormatVersion));
    const auto checksum = j.find(std::string(kChecksumField));
    if (checksum == j.end() || !checksum->is_string())
        untrusted(path, "the checksum is missing");
    const std::string recorded = checksum->get<std::string>();
    j.erase(std::string(kChecksumField));
    if (recorded != checksum_of(j))
        untrusted(path, "checksum mismatch: the content changed after zkload wrote it");
    const std::span<const std::string_view> fields =
        format == kV1Format ? std::span<const std::string_view>(kV1Fields) : std::span<const std::string_view>(kFields);
    for (const auto& [key, value] : j.items())
    {
        if (std::find(fields.begin(), fields.end(), key) == fields.end())
            untrusted(path, "unknown field " + key);
    }
    for (const auto field : fields)
    {
        if (!j.contains(std::string(field)))
            untrusted(path, "field " + std::string(field) + " is missing");
    }
    PoolState s;
    s.format_version = kStateFormatVersion;
    s.chain_id = read_unsigned(j, "chain_id", path);
    const auto genesis =
        read_optional<Hash>(j, "genesis_hash", parse_hash, path, "a 32-byte hex hash");
    if (!genesis)
        untrusted(path, "field genesis_hash must be a 32-byte hex hash");
    s.genesis_hash = *genesis;
    s.seed_name = read_string(j, "seed_name", path);
    s.pool_size = read_unsigned(j, "pool_size", path);
    s.contracts = format == kV1Format ? read_v1_contracts(j, path) : read_contracts(j, path);
    const auto amount = [](const std::string& t) { return parse_u256(t); };
    s.eth_per_wallet =
        read_optional<U256>(j, "eth_per_wallet", amount, path, "null or a decimal string");
    s.token_per_wallet =
        read_optional<U256>(j, "token_per_wallet", amount, path, "null or a decimal string");
    s.updated_at = read_string(j, "updated_at", path);
    return s;
}

}  // namespace zkload::pool
