// SPDX-License-Identifier: Apache-2.0
// Revert reasons: known selectors of the bridge contracts (published in era-contracts next to
// each error), Error(string), Panic, unknown custom errors, and the data nodes attach.
#include "abi/abi.hpp"
#include "zksync/revert_reason.hpp"

#include <gtest/gtest.h>

namespace zkload::zksync {
namespace {

TEST(RevertReason, KnownSelectorsMatchThePublishedOnes)
{
    EXPECT_EQ(known_error_signature(parse_hex("0xb385a3da")), "MsgValueTooLow(uint256,uint256)");
    EXPECT_EQ(known_error_signature(parse_hex("0x4a094431")), "MsgValueMismatch(uint256,uint256)");
    EXPECT_EQ(known_error_signature(parse_hex("0xecb34449")), "NotL1(uint256,uint256)");
    EXPECT_EQ(known_error_signature(parse_hex("0x79274f04")), "UnsupportedProofMetadataVersion(uint256)");
    EXPECT_EQ(known_error_signature(parse_hex("0xae899454")), "WithdrawalAlreadyFinalized()");
    EXPECT_EQ(known_error_signature(parse_hex("0xdeadbeef")), std::nullopt);
}

TEST(RevertReason, DecodesCustomErrorArguments)
{
    const Bytes data = parse_hex(
        "0xb385a3da"
        "0000000000000000000000000000000000000000000000000000000000000064"
        "0000000000000000000000000000000000000000000000000000000000000063");
    EXPECT_EQ(describe_revert(data), "MsgValueTooLow(100, 99) [0xb385a3da]");
}

TEST(RevertReason, ErrorStringPanicAndUnknown)
{
    const Bytes error = abi::encode_call("Error(string)", {abi::string("not enough")});
    EXPECT_EQ(describe_revert(error), "Error(string): \"not enough\"");
    const Bytes panic = abi::encode_call("Panic(uint256)", {abi::uint(17)});
    EXPECT_EQ(describe_revert(panic), "Panic(17)");
    EXPECT_EQ(describe_revert(parse_hex("0xdeadbeef01")),
              "custom error 0xdeadbeef (not a known bridge error), arguments 01");
    EXPECT_EQ(describe_revert({}), "no revert data");
}

TEST(RevertReason, ReadsDataFromNodeErrors)
{
    rpc::Error flat = rpc::make_rpc_error(3, "execution reverted", nlohmann::json("0xae899454"));
    EXPECT_EQ(to_hex(*revert_data(flat)), "0xae899454");
    rpc::Error nested = rpc::make_rpc_error(-32000, "reverted", nlohmann::json{{"data", "0xae899454"}});
    EXPECT_NE(describe_with_reason(nested).find("WithdrawalAlreadyFinalized() [0xae899454]"),
              std::string::npos);
    EXPECT_EQ(revert_data(rpc::make_rpc_error(-32000, "nonce too low")), std::nullopt);
}

}  // namespace
}  // namespace zkload::zksync
