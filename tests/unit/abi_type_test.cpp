// SPDX-License-Identifier: Apache-2.0
#include "abi/abi.hpp"

#include <gtest/gtest.h>

/// Inside namespace zkload so that abi:: means zkload::abi: <cxxabi.h>, which GoogleTest
/// includes, declares a global namespace alias `abi` that a using-directive would clash with.
namespace zkload {

TEST(abi, parses_types_to_canonical_form)
{
    EXPECT_EQ(abi::parse_type("uint").canonical(), "uint256");
    EXPECT_EQ(abi::parse_type("int").canonical(), "int256");
    EXPECT_EQ(abi::parse_type("( address , uint [ 3 ] ) [ ]").canonical(),
              "(address,uint256[3])[]");
    EXPECT_EQ(abi::parse_type("bytes32[2][]").canonical(), "bytes32[2][]");
    const abi::Type nested = abi::parse_type("uint8[3][]");
    EXPECT_EQ(nested.kind(), abi::Kind::Array);
    EXPECT_EQ(nested.element().kind(), abi::Kind::FixedArray);
    EXPECT_EQ(nested.element().size(), 3u);
    EXPECT_EQ(nested.element().head_size(), 96u);
    EXPECT_TRUE(abi::parse_type("(uint256,string)[2]").is_dynamic());
    EXPECT_EQ(abi::parse_type("(uint256,bytes4[2])").head_size(), 96u);
    EXPECT_EQ(abi::parse_signature("f((uint256,bool)[],bytes)").canonical(),
              "f((uint256,bool)[],bytes)");
}

TEST(abi, rejects_bad_type_strings)
{
    for (std::string_view bad : {"uint7",
                                 "uint264",
                                 "uint08",
                                 "int0",
                                 "bytes0",
                                 "bytes33",
                                 "uint256[0]",
                                 "uint256[01]",
                                 "()",
                                 "(uint256",
                                 "uint256[",
                                 "uint256]",
                                 "foo",
                                 "Uint256",
                                 "address1",
                                 "(uint256,)",
                                 "uint256[99999999999999]",
                                 "",
                                 "uint 256",
                                 "string[2**3]"})
        EXPECT_THROW(abi::parse_type(bad), std::invalid_argument) << bad;
    std::string deep_tuple(40, '(');
    deep_tuple += "uint256" + std::string(40, ')');
    EXPECT_THROW(abi::parse_type(deep_tuple), std::invalid_argument);
    std::string deep_array = "uint256";
    for (int i = 0; i < 40; ++i)
        deep_array += "[]";
    EXPECT_THROW(abi::parse_type(deep_array), std::invalid_argument);
    EXPECT_THROW(abi::parse_type("uint256[4294967296]"), std::invalid_argument);
    EXPECT_THROW(abi::parse_signature("f(uint256"), std::invalid_argument);
    EXPECT_THROW(abi::parse_signature("2f()"), std::invalid_argument);
    EXPECT_THROW(abi::selector("transfer(address,uint256);"), std::invalid_argument);
}

}  // namespace zkload
