// SPDX-License-Identifier: Apache-2.0
#include "zksync/bytecode_hash.hpp"
#include "txn/txn.hpp"
#include "vectors.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <string>

using namespace zkload;
using nlohmann::json;

namespace {

/// Integers come as decimal strings: JSON numbers cannot hold 2^64 - 1 or a U256.
U256 u256_of(const json& j)
{
    return parse_u256(j.get<std::string>());
}
uint64_t u64_of(const json& j)
{
    return to_uint64(u256_of(j));
}
Bytes bytes_of(const json& j)
{
    return parse_hex(j.get<std::string>());
}

std::optional<Address> maybe_address(const json& j)
{
    return j.is_null() ? std::nullopt : std::optional(parse_address(j.get<std::string>()));
}

LegacyTxn legacy_of(const json& f)
{
    LegacyTxn t;
    t.nonce = u64_of(f["nonce"]);
    t.gas_price = u256_of(f["gas_price"]);
    t.gas_limit = u64_of(f["gas_limit"]);
    t.to = maybe_address(f["to"]);
    t.value = u256_of(f["value"]);
    t.data = bytes_of(f["data"]);
    if (!f["chain_id"].is_null())
        t.chain_id = u64_of(f["chain_id"]);
    return t;
}

Eip1559Txn eip1559_of(const json& f)
{
    Eip1559Txn t;
    t.chain_id = u64_of(f["chain_id"]);
    t.nonce = u64_of(f["nonce"]);
    t.max_priority_fee_per_gas = u256_of(f["max_priority_fee_per_gas"]);
    t.max_fee_per_gas = u256_of(f["max_fee_per_gas"]);
    t.gas_limit = u64_of(f["gas_limit"]);
    t.to = maybe_address(f["to"]);
    t.value = u256_of(f["value"]);
    t.data = bytes_of(f["data"]);
    for (const auto& e : f["access_list"])
    {
        AccessListEntry entry{parse_address(e["address"].get<std::string>()), {}};
        for (const auto& k : e["storage_keys"])
            entry.storage_keys.push_back(parse_hash(k.get<std::string>()));
        t.access_list.push_back(std::move(entry));
    }
    return t;
}

Eip712Txn eip712_of(const json& f)
{
    Eip712Txn t;
    t.chain_id = u64_of(f["chain_id"]);
    t.nonce = u64_of(f["nonce"]);
    t.max_priority_fee_per_gas = u256_of(f["max_priority_fee_per_gas"]);
    t.max_fee_per_gas = u256_of(f["max_fee_per_gas"]);
    t.gas_limit = u64_of(f["gas_limit"]);
    t.to = parse_address(f["to"].get<std::string>());
    t.from = parse_address(f["from"].get<std::string>());
    t.value = u256_of(f["value"]);
    t.data = bytes_of(f["data"]);
    t.gas_per_pubdata = u256_of(f["gas_per_pubdata"]);
    for (const auto& dep : f["factory_deps"])
        t.factory_deps.push_back(bytes_of(dep));
    if (!f["paymaster"].is_null())
        t.paymaster = PaymasterParams{parse_address(f["paymaster"]["paymaster"].get<std::string>()),
                                      bytes_of(f["paymaster"]["input"])};
    return t;
}

std::string lower(std::string s)
{
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// Signs with our code and compares every product with the oracle's, byte for byte.
template <typename Txn>
void check(const json& v, const Txn& txn)
{
    const std::string where = "vector " + std::to_string(v["index"].get<int>()) + " (" +
                              v["type"].get<std::string>() + ")";
    const auto key = parse_fixed_hex<32>(v["key"].get<std::string>());
    const Hash digest = signing_hash(txn);
    EXPECT_EQ(to_hex(digest), v["digest"]) << where << ": signing hash";
    const SignedTxn signed_txn = sign(txn, key);
    EXPECT_EQ(to_hex(signed_txn.signature.r), v["signature"]["r"]) << where << ": r";
    EXPECT_EQ(to_hex(signed_txn.signature.s), v["signature"]["s"]) << where << ": s";
    EXPECT_EQ(signed_txn.signature.y_parity, v["signature"]["y_parity"].get<int>())
        << where << ": y parity";
    EXPECT_EQ(to_hex(signed_txn.raw), v["raw"]) << where << ": raw";
    EXPECT_EQ(to_hex(signed_txn.hash), v["hash"]) << where << ": hash";
    EXPECT_EQ(to_hex(txn_hash(txn, signed_txn.signature)), v["hash"]) << where << ": txn_hash";
    EXPECT_EQ(encode_signed(txn, signed_txn.signature), signed_txn.raw) << where;
    const auto signer = recover_signer(digest, signed_txn.signature);
    ASSERT_TRUE(signer.has_value()) << where << ": no signer recovered";
    EXPECT_EQ(to_hex(*signer), lower(v["address"].get<std::string>())) << where << ": signer";
}

}  // namespace

TEST(txn_oracle, every_vector_matches_ethers_and_zksync_ethers)
{
    const json vectors = test::load_vectors("txn");
    const json& list = vectors["vectors"];
    ASSERT_GE(list.size(), 300u) << "too few vectors to trust";
    std::map<std::string, size_t> seen;
    std::map<std::string, size_t> short_scalars;
    size_t pre_eip155 = 0, creations = 0, paymasters = 0, with_deps = 0;
    for (const json& v : list)
    {
        const std::string type = v["type"];
        const json& f = v["fields"];
        ++seen[type];
        const std::string r = v["signature"]["r"], s = v["signature"]["s"];
        short_scalars[type] += r.starts_with("0x00") || s.starts_with("0x00");
        if (type == "legacy")
        {
            pre_eip155 += f["chain_id"].is_null();
            creations += f["to"].is_null();
            check(v, legacy_of(f));
        }
        else if (type == "eip1559")
        {
            creations += f["to"].is_null();
            check(v, eip1559_of(f));
        }
        else if (type == "eip712")
        {
            paymasters += !f["paymaster"].is_null();
            with_deps += !f["factory_deps"].empty();
            check(v, eip712_of(f));
        }
        else
            ADD_FAILURE() << "vector " << v["index"] << ": unknown type " << type;
    }
    for (const char* type : {"legacy", "eip1559", "eip712"})
    {
        EXPECT_GE(seen[type], 50u) << "too few " << type << " vectors";
        EXPECT_GT(short_scalars[type], 0u) << "no " << type << " vector with a 31-byte r or s";
    }
    EXPECT_GT(pre_eip155, 0u);
    EXPECT_GT(creations, 0u);
    EXPECT_GT(paymasters, 0u);
    EXPECT_GT(with_deps, 0u);
}

TEST(txn_oracle, bytecode_hashes_match_zksync_ethers)
{
    const json vectors = test::load_vectors("txn");
    const json& list = vectors["bytecode_hashes"];
    ASSERT_GE(list.size(), 20u);
    size_t rejected = 0;
    for (size_t i = 0; i < list.size(); ++i)
    {
        const Bytes bytecode = bytes_of(list[i]["bytecode"]);
        const std::string where =
            "bytecode " + std::to_string(i) + " of " + std::to_string(bytecode.size()) + " bytes";
        if (list[i].contains("error"))
        {
            ++rejected;
            EXPECT_THROW(eravm_bytecode_hash(bytecode), std::invalid_argument) << where;
        }
        else
            EXPECT_EQ(to_hex(eravm_bytecode_hash(bytecode)), list[i]["hash"]) << where;
    }
    EXPECT_GT(rejected, 0u);
}
