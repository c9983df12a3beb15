// SPDX-License-Identifier: Apache-2.0
// The 0x71 transactions a row sends on a zkSync chain, built through the engine's operations (the
// code path of every row) and compared byte for byte with what zksync-ethers builds and signs from
// the same inputs (tools/oracle/zksync_row_vectors.mjs): ETH and ERC20 transfers, and either one
// paid by a paymaster through the general or the approval-based flow.
#include "engine/operation.hpp"
#include "vectors.hpp"
#include "zksync/paymaster.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace zkload;
using nlohmann::json;

namespace {

U256 u256_of(const json& j)
{
    return parse_u256(j.get<std::string>());
}

Address address_at(const json& v, const char* field)
{
    return parse_address(v[field].get<std::string>());
}

/// What the row reads from the node once, as the engine takes it.
engine::TxnParams params_of(const json& v)
{
    const json& row = v["row"];
    engine::TxnParams params{.chain_id = to_uint64(u256_of(row["chain_id"])),
                             .max_priority_fee_per_gas = u256_of(row["max_priority_fee_per_gas"]),
                             .max_fee_per_gas = u256_of(row["max_fee_per_gas"]),
                             .gas_limit = to_uint64(u256_of(row["gas_limit"])),
                             .type = engine::TxType::eip712,
                             .gas_per_pubdata = u256_of(row["gas_per_pubdata"])};
    const std::string kind = v["kind"];
    if (kind == "paymaster_general")
        params.paymaster = engine::Paymaster{.address = address_at(v, "paymaster")};
    else if (kind == "paymaster_approval")
        params.paymaster = engine::Paymaster{.address = address_at(v, "paymaster"), .token = address_at(v, "token")};
    return params;
}

std::string lower(std::string s)
{
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

TEST(zksync_row_oracle, row_transactions_match_zksync_ethers_byte_for_byte)
{
    const json file = test::load_vectors("zksync_rows");
    std::map<std::string, size_t> checked;
    for (const json& v : file["vectors"])
    {
        SCOPED_TRACE("vector " + std::to_string(v["index"].get<int>()) + " (" + v["kind"].get<std::string>() + ")");
        const engine::TxnParams params = params_of(v);
        const auto operation = v["kind"] == "erc20_transfer"
                                   ? engine::erc20_transfer(params, address_at(v, "token"))
                                   : engine::eth_transfer(params);
        const PrivateKey key = parse_hash(v["key"].get<std::string>());
        const pool::Wallet wallet{.key = key, .address = address_of(key)};
        ASSERT_EQ(to_hex(wallet.address), lower(v["from"].get<std::string>()));
        SignedTxn out;
        operation->sign(wallet, address_at(v, "peer"), to_uint64(u256_of(v["row"]["nonce"])), out);
        EXPECT_EQ(to_hex(out.raw), lower(v["raw"].get<std::string>()));
        EXPECT_EQ(to_hex(out.hash), lower(v["hash"].get<std::string>()));
        EXPECT_EQ(to_hex(out.signature.to_rsv()), lower(v["signature"].get<std::string>()));
        ++checked[v["kind"]];
    }
    // Every kind, many times: a set that shrank to nothing cannot pass.
    for (const char* kind : {"eth_transfer", "erc20_transfer", "paymaster_general", "paymaster_approval"})
        EXPECT_GE(checked[kind], 40u) << kind;
}

TEST(zksync_row_oracle, paymaster_flow_inputs_match_zksync_ethers)
{
    const json file = test::load_vectors("zksync_rows");
    ASSERT_GE(file["flow_inputs"].size(), 40u);
    for (const json& f : file["flow_inputs"])
    {
        const Bytes inner = parse_hex(f["inner_input"].get<std::string>());
        const PaymasterParams params =
            f["approval"].get<bool>()
                ? zksync::approval_paymaster(address_at(f, "paymaster"), address_at(f, "token"),
                                             u256_of(f["min_allowance"]), inner)
                : zksync::general_paymaster(address_at(f, "paymaster"), inner);
        EXPECT_EQ(params.paymaster, address_at(f, "paymaster"));
        EXPECT_EQ(to_hex(params.input), lower(f["input"].get<std::string>()));
    }
}

TEST(zksync_row_oracle, a_0x71_row_refuses_what_it_cannot_carry)
{
    engine::TxnParams params{.chain_id = 324, .gas_limit = 100'000, .type = engine::TxType::eip712};
    EXPECT_THROW(engine::contract_deploy(params, parse_hex("0x6080")), std::invalid_argument);
    params.type = engine::TxType::eip1559;
    params.paymaster = engine::Paymaster{};
    EXPECT_THROW(engine::eth_transfer(params), std::invalid_argument);
}

}  // namespace
