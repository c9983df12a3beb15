// SPDX-License-Identifier: Apache-2.0
#include "abi/abi.hpp"

#include <gtest/gtest.h>

/// Inside namespace zkload so that abi:: means zkload::abi: <cxxabi.h>, which GoogleTest
/// includes, declares a global namespace alias `abi` that a using-directive would clash with.
namespace zkload {
namespace {

/// One 32-byte word, right-aligned: how the spec's worked examples write numbers.
std::string w(uint64_t value)
{
    std::string hex = to_hex(to_be_bytes32(U256(value)), false);
    return hex;
}

/// One 32-byte word holding text left-aligned and zero-padded (bytes<N> and payloads).
std::string text_word(std::string_view text)
{
    std::string hex = to_hex(as_view(text), false);
    return hex + std::string(64 - hex.size(), '0');
}

std::vector<abi::Type> types(std::initializer_list<std::string_view> names)
{
    std::vector<abi::Type> out;
    for (auto name : names)
        out.push_back(abi::parse_type(name));
    return out;
}

std::vector<abi::Value> uints(std::initializer_list<uint64_t> values)
{
    std::vector<abi::Value> out;
    for (uint64_t v : values)
        out.push_back(abi::uint(v));
    return out;
}

/// Expects decode to throw abi::DecodeError whose message contains `needle`.
void expect_decode_error(std::initializer_list<std::string_view> type_names,
                         const std::string& hex,
                         std::string_view needle)
{
    try
    {
        abi::decode(types(type_names), parse_hex(hex));
        ADD_FAILURE() << "accepted " << hex;
    }
    catch (const abi::DecodeError& e)
    {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
}

void expect_encode_error(std::string_view type, const abi::Value& value, std::string_view needle)
{
    try
    {
        abi::encode(types({"bool", type}), {abi::boolean(true), value});
        ADD_FAILURE() << type << " accepted " << abi::to_string(value);
    }
    catch (const abi::EncodeError& e)
    {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("[1]"), std::string::npos) << e.what();
    }
}

}  // namespace

TEST(abi, erc20_selectors_and_transfer_topic)
{
    EXPECT_EQ(to_hex(abi::selector("transfer(address,uint256)")), "0xa9059cbb");
    EXPECT_EQ(to_hex(abi::selector("balanceOf(address)")), "0x70a08231");
    EXPECT_EQ(to_hex(abi::selector("approve(address,uint256)")), "0x095ea7b3");
    EXPECT_EQ(to_hex(abi::selector("transferFrom(address,address,uint256)")), "0x23b872dd");
    EXPECT_EQ(to_hex(abi::selector("totalSupply()")), "0x18160ddd");
    EXPECT_EQ(to_hex(abi::selector("transfer(address, uint)")), "0xa9059cbb");
    EXPECT_EQ(to_hex(abi::event_topic("Transfer(address,address,uint256)")),
              "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
}

TEST(abi, encodes_an_erc20_transfer)
{
    const Address to = parse_address("0x95222290dd7278aa3ddd389cc1e1d165cc4bafe5");
    const Bytes call = abi::encode_call("transfer(address,uint256)",
                                        {abi::address(to), abi::uint(1000000000000000000u)});
    EXPECT_EQ(to_hex(call), "0xa9059cbb" + std::string(24, '0') +
                                "95222290dd7278aa3ddd389cc1e1d165cc4bafe5" +
                                w(1000000000000000000u));
    const abi::Function transfer = abi::parse_function("transfer(address,uint256)");
    EXPECT_EQ(abi::encode_call(transfer, {abi::address(to), abi::uint(1000000000000000000u)}),
              call);
}

TEST(abi, spec_example_baz_and_bar)
{
    EXPECT_EQ(to_hex(abi::encode_call("baz(uint32,bool)", {abi::uint(69), abi::boolean(true)})),
              "0xcdcd77c0" + w(0x45) + w(1));
    const abi::Value pair =
        abi::array({abi::fixed_bytes(as_view("abc")), abi::fixed_bytes(as_view("def"))});
    EXPECT_EQ(to_hex(abi::encode_call("bar(bytes3[2])", {pair})),
              "0xfce353f6" + text_word("abc") + text_word("def"));
}

TEST(abi, spec_example_sam)
{
    const std::vector<abi::Value> args{abi::bytes(Bytes{'d', 'a', 'v', 'e'}), abi::boolean(true),
                                       abi::array(uints({1, 2, 3}))};
    const std::string expected = "0xa5643bf2" + w(0x60) + w(1) + w(0xa0) + w(4) +
                                 text_word("dave") + w(3) + w(1) + w(2) + w(3);
    EXPECT_EQ(to_hex(abi::encode_call("sam(bytes,bool,uint256[])", args)), expected);
    EXPECT_EQ(abi::decode(types({"bytes", "bool", "uint256[]"}), parse_hex(expected.substr(10))),
              args);
}

TEST(abi, spec_example_f)
{
    const std::vector<abi::Value> args{
        abi::uint(0x123), abi::array(uints({0x456, 0x789})),
        abi::fixed_bytes(as_view("1234567890")),
        abi::bytes(Bytes{'H', 'e', 'l', 'l', 'o', ',', ' ', 'w', 'o', 'r', 'l', 'd', '!'})};
    const std::string expected = "0x8be65246" + w(0x123) + w(0x80) + text_word("1234567890") +
                                 w(0xe0) + w(2) + w(0x456) + w(0x789) + w(0xd) +
                                 text_word("Hello, world!");
    EXPECT_EQ(to_hex(abi::encode_call("f(uint256,uint32[],bytes10,bytes)", args)), expected);
}

TEST(abi, spec_example_g_nested_dynamic_arrays)
{
    const std::vector<abi::Value> args{
        abi::array({abi::array(uints({1, 2})), abi::array(uints({3}))}),
        abi::array({abi::string("one"), abi::string("two"), abi::string("three")})};
    const std::string expected = "0x2289b18c" + w(0x40) + w(0x140) + w(2) + w(0x40) + w(0xa0) +
                                 w(2) + w(1) + w(2) + w(1) + w(3) + w(3) + w(0x60) + w(0xa0) +
                                 w(0xe0) + w(3) + text_word("one") + w(3) + text_word("two") +
                                 w(5) + text_word("three");
    EXPECT_EQ(to_hex(abi::encode_call("g(uint256[][],string[])", args)), expected);
    EXPECT_EQ(abi::decode(types({"uint256[][]", "string[]"}), parse_hex(expected.substr(10))),
              args);
}

TEST(abi, signed_integers_are_twos_complement)
{
    const auto one = [](std::string_view type, const abi::I256& v) {
        return to_hex(abi::encode(types({type}), {abi::signed_int(v)}), false);
    };
    EXPECT_EQ(one("int8", -1), std::string(64, 'f'));
    EXPECT_EQ(one("int16", -300), std::string(60, 'f') + "fed4");
    EXPECT_EQ(one("int8", 127), w(127));
    const abi::I256 min256 = -(abi::I256(1) << 255);
    EXPECT_EQ(one("int256", min256), "8" + std::string(63, '0'));
    for (const abi::I256& v :
         {abi::I256(-128), abi::I256(-1), abi::I256(0), min256, abi::I256(-(abi::I256(1) << 100))})
    {
        const auto t = types({v == min256 ? "int256" : "int128"});
        EXPECT_EQ(abi::decode(t, abi::encode(t, {abi::signed_int(v)}))[0], abi::signed_int(v));
    }
}

TEST(abi, round_trips_a_bridgehub_request)
{
    const auto t =
        types({"(uint256,uint256,address,uint256,bytes,uint256,uint256,bytes[],address)"});
    const Address a = parse_address("0x36615cf349d7f6344891b1e7ca7c72883f5dc049");
    const std::vector<abi::Value> v{abi::tuple(
        {abi::uint(270), abi::uint(parse_u256("0xffffffffffffffffffff")), abi::address(a),
         abi::uint(0), abi::bytes(Bytes(70, 0xab)), abi::uint(300000), abi::uint(800),
         abi::array({abi::bytes({}), abi::bytes(Bytes(33, 1))}), abi::address(a)})};
    const Bytes encoded = abi::encode(t, v);
    EXPECT_EQ(encoded.size() % 32, 0u);
    EXPECT_EQ(to_hex(ByteView(encoded).first(32), false), w(0x20));
    EXPECT_EQ(abi::decode(t, encoded), v);
    const Bytes call = abi::encode_call(
        "requestL2TransactionDirect((uint256,uint256,address,uint256,bytes,uint256,uint256,bytes[],"
        "address))",
        v);
    ASSERT_EQ(call.size(), encoded.size() + 4);
    EXPECT_TRUE(std::equal(encoded.begin(), encoded.end(), call.begin() + 4));
}

TEST(abi, rejects_values_that_do_not_fit)
{
    expect_encode_error("uint8", abi::uint(256), "fits");
    expect_encode_error("uint256", abi::signed_int(-1), "fits");
    expect_encode_error("int8", abi::signed_int(128), "fits");
    expect_encode_error("int8", abi::signed_int(-129), "fits");
    expect_encode_error("int256", abi::uint(~U256(0)), "fits");
    expect_encode_error("bytes3", abi::fixed_bytes(as_view("abcd")), "4 bytes");
    expect_encode_error("uint8[2]", abi::array(uints({1, 2, 3})), "expected 2 items");
    expect_encode_error("(uint8,bool)", abi::tuple(uints({1})), "expected 2 items");
    expect_encode_error("address", abi::uint(1), "expected an address");
    expect_encode_error("string", abi::string("\xc0\xaf"), "UTF-8");
    expect_encode_error("uint8[]", abi::array({abi::uint(1), abi::uint(300)}), "[1][1]");
    EXPECT_THROW(abi::encode(types({"uint8"}), {}), abi::EncodeError);
    EXPECT_EQ(abi::encode(types({"int8", "uint256"}), {abi::uint(127), abi::signed_int(5)}),
              parse_hex(w(127) + w(5)));
}

TEST(abi, rejects_truncated_and_out_of_range_inputs)
{
    expect_decode_error({"uint256"}, std::string(62, '0'), "runs past the end");
    expect_decode_error({"bytes"}, w(0x1000), "larger than the input");
    expect_decode_error({"bytes"}, w(0x40) + w(0x40), "word runs past the end");
    expect_decode_error({"bytes"}, w(0x20) + w(33) + text_word("x"), "runs past the end");
    expect_decode_error({"bytes"}, w(0x20) + w(1), "runs past the end");
    expect_decode_error({"uint8[]"}, w(0x20) + "8" + std::string(63, '0'), "larger than the input");
    expect_decode_error({"uint8[]"}, w(0x20) + w(3) + w(1), "runs past the end");
    expect_decode_error({"string"}, w(0), "outside the tail");
    expect_decode_error({"uint256", "bytes"}, w(1) + w(0x20) + w(0), "outside the tail");
    expect_decode_error({"bool"}, "", "runs past the end");
    EXPECT_TRUE(abi::decode({}, {}).empty());
}

TEST(abi, rejects_dirty_values)
{
    expect_decode_error({"uint8"}, w(256), "wider than its type");
    expect_decode_error({"bool"}, w(2), "neither 0 nor 1");
    expect_decode_error({"address"}, "01" + std::string(62, '0'), "high bytes");
    expect_decode_error({"bytes2"}, text_word("abc"), "padding");
    expect_decode_error({"int8"}, w(0x80), "sign-extended");
    expect_decode_error({"int8"}, std::string(60, 'f') + "ff7f", "sign-extended");
    expect_decode_error({"bytes"}, w(0x20) + w(1) + "61" + std::string(60, '0') + "01", "padding");
    expect_decode_error({"string"}, w(0x20) + w(2) + text_word("\xc0\xaf"), "UTF-8");
}

TEST(abi, rejects_overlapping_offsets)
{
    std::string bomb = w(0x20) + w(64);
    for (int i = 0; i < 64; ++i)
        bomb += w(64 * 32);
    bomb += w(64) + std::string(128 * 2, 'a');
    expect_decode_error({"bytes[]"}, bomb, "overlapping offsets");
    std::string shared = w(0x40) + w(0x40) + w(3) + text_word("abc");
    expect_decode_error({"string", "string"}, shared, "overlapping offsets");
}

}  // namespace zkload
