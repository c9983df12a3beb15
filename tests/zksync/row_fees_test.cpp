// SPDX-License-Identifier: Apache-2.0
// The fees of a row's 0x71 transactions (zksync/row_fees.hpp) from the answers a zkSync node can
// give: scripted per method by a stub, since a real node's prices cannot be set on demand.
#include "http_stub_server.hpp"
#include "zksync/row_fees.hpp"

#include <gtest/gtest.h>

namespace zkload::test {
namespace {

using nlohmann::json;

/// Answers zks_estimateFee with `fee` and zks_gasPerPubdata with `price` (a result, or an error
/// object when it holds "code").
class FeeNode
{
public:
    FeeNode(json fee, json price)
        : server_([fee, price](const std::string& body) {
              const json request = json::parse(body);
              const json& answer = request["method"] == "zks_estimateFee" ? fee : price;
              json reply = {{"jsonrpc", "2.0"}, {"id", request["id"]}};
              if (answer.is_object() && answer.contains("code"))
                  reply["error"] = answer;
              else
                  reply["result"] = answer;
              return StubReply{.body = reply.dump()};
          })
    {
    }

    zksync::Eip712Fees fees()
    {
        rpc::Client client({.url = server_.url()});
        return zksync::eip712_fees(client, Address{}, {.to = Address{}, .value = U256(1)});
    }

private:
    HttpStubServer server_;
};

const json kFee = {{"gas_limit", "0x40000"},
                   {"gas_per_pubdata_limit", "0xc350"},
                   {"max_fee_per_gas", "0x564eba0"},
                   {"max_priority_fee_per_gas", "0x0"}};

TEST(RowFees, TakesTheEstimateAndRaisesItsLimitToThePrice)
{
    zksync::Eip712Fees fees = FeeNode(kFee, "0x320").fees();  // a price of 800, under the limit
    EXPECT_EQ(fees.max_fee_per_gas, U256(90'500'000));
    EXPECT_EQ(fees.max_priority_fee_per_gas, U256(0));
    EXPECT_EQ(fees.gas_per_pubdata, U256(50'000));
    fees = FeeNode(kFee, "0xea60").fees();  // 60,000: above it
    EXPECT_EQ(fees.gas_per_pubdata, U256(60'000));
    fees = FeeNode(kFee, {{"code", -32601}, {"message", "Method not found"}}).fees();
    EXPECT_EQ(fees.gas_per_pubdata, U256(50'000));
}

TEST(RowFees, RefusesAnswersItCannotSignWith)
{
    json no_limit = kFee;
    no_limit.erase("gas_per_pubdata_limit");
    try
    {
        FeeNode(no_limit, "0x320").fees();
        FAIL() << "an estimate without a gas per pubdata limit was taken";
    }
    catch (const std::runtime_error& e)
    {
        EXPECT_NE(std::string(e.what()).find("gas_per_pubdata_limit"), std::string::npos) << e.what();
    }
    json zero = kFee;
    zero["gas_per_pubdata_limit"] = "0x0";
    try
    {
        FeeNode(zero, {{"code", -32601}, {"message", "Method not found"}}).fees();
        FAIL() << "a zero gas per pubdata limit was taken";
    }
    catch (const std::runtime_error& e)
    {
        EXPECT_NE(std::string(e.what()).find("--tx-type 1559"), std::string::npos) << e.what();
    }
    EXPECT_THROW(FeeNode({{"code", -32000}, {"message", "estimation failed"}}, "0x320").fees(), std::runtime_error);
    EXPECT_THROW(FeeNode(kFee, {{"code", -32000}, {"message", "internal"}}).fees(), std::runtime_error);
    EXPECT_THROW(FeeNode(kFee, "not a quantity").fees(), std::runtime_error);
}

}  // namespace
}  // namespace zkload::test
