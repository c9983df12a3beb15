// SPDX-License-Identifier: Apache-2.0
#include "abi/abi.hpp"
#include "vectors.hpp"

#include <gtest/gtest.h>

/// Inside namespace zkload so that abi:: means zkload::abi: <cxxabi.h>, which GoogleTest
/// includes, declares a global namespace alias `abi` that a using-directive would clash with.
namespace zkload {
namespace {

using nlohmann::json;

constexpr size_t kMinVectors = 200;

/// Builds a Value from the generator's JSON form (tools/oracle/abi_vectors.mjs), led by the type.
abi::Value from_json(const abi::Type& type, const json& j)
{
    switch (type.kind())
    {
        case abi::Kind::Uint:
            return abi::uint(parse_u256(j.get<std::string>()));
        case abi::Kind::Int:
        {
            const auto text = j.get<std::string>();
            const bool negative = text.starts_with('-');
            const abi::I256 magnitude(parse_u256(negative ? text.substr(1) : text));
            return abi::signed_int(negative ? abi::I256(-magnitude) : magnitude);
        }
        case abi::Kind::Address:
            return abi::address(parse_address(j.get<std::string>()));
        case abi::Kind::Bool:
            return abi::boolean(j.get<bool>());
        case abi::Kind::FixedBytes:
        case abi::Kind::Bytes:
            return abi::bytes(parse_hex(j.get<std::string>()));
        case abi::Kind::String:
            return abi::string(j.get<std::string>());
        case abi::Kind::Array:
        case abi::Kind::FixedArray:
        case abi::Kind::Tuple:
        {
            std::vector<abi::Value> items;
            for (size_t i = 0; i < j.size(); ++i)
                items.push_back(from_json(
                    type.kind() == abi::Kind::Tuple ? type.components().at(i) : type.element(),
                    j.at(i)));
            return abi::array(std::move(items));
        }
    }
    throw std::invalid_argument("unknown abi kind");
}

std::string describe(size_t index, const json& vector)
{
    return "vector #" + std::to_string(index) + " types " + vector.at("types").dump();
}

}  // namespace

TEST(abi_oracle, matches_ethers_encoding_and_decodes_back)
{
    const json vectors = test::load_vectors("abi");
    EXPECT_NE(vectors.at("generator").get<std::string>().find("ethers 6."), std::string::npos);
    const json& list = vectors.at("vectors");
    ASSERT_GE(list.size(), kMinVectors);
    size_t checked = 0;
    for (size_t i = 0; i < list.size(); ++i)
    {
        const json& vector = list[i];
        SCOPED_TRACE(describe(i, vector));
        std::vector<abi::Type> types;
        std::vector<abi::Value> values;
        for (size_t k = 0; k < vector.at("types").size(); ++k)
        {
            types.push_back(abi::parse_type(vector["types"][k].get<std::string>()));
            values.push_back(from_json(types.back(), vector.at("values").at(k)));
        }
        const std::string expected = vector.at("encoded").get<std::string>();
        try
        {
            EXPECT_EQ(to_hex(abi::encode(types, values)), expected);
            EXPECT_EQ(abi::decode(types, parse_hex(expected)), values);
            ++checked;
        }
        catch (const std::exception& e)
        {
            ADD_FAILURE() << "threw: " << e.what();
        }
    }
    EXPECT_EQ(checked, list.size());
}

TEST(abi_oracle, selectors_and_topics_match_ethers)
{
    const json vectors = test::load_vectors("abi");
    const json& selectors = vectors.at("selectors");
    ASSERT_GE(selectors.size(), 40u);
    for (const json& s : selectors)
    {
        const auto signature = s.at("signature").get<std::string>();
        EXPECT_EQ(to_hex(abi::selector(signature)), s.at("selector").get<std::string>())
            << signature;
    }
    const json& events = vectors.at("events");
    ASSERT_GE(events.size(), 3u);
    for (const json& e : events)
    {
        const auto signature = e.at("signature").get<std::string>();
        EXPECT_EQ(to_hex(abi::event_topic(signature)), e.at("topic").get<std::string>())
            << signature;
    }
}

}  // namespace zkload
