// SPDX-License-Identifier: Apache-2.0
#include "codec/bytes.hpp"

#include <stdexcept>

namespace zkload {
namespace {

constexpr std::string_view kDigits = "0123456789abcdef";

/// Each character's value as a hex digit (either case), -1 where it is none.
constexpr std::array<int8_t, 256> kDigitValues = [] {
    std::array<int8_t, 256> values{};
    values.fill(-1);
    for (int i = 0; i < 10; ++i)
        values['0' + i] = static_cast<int8_t>(i);
    for (int i = 0; i < 6; ++i)
    {
        values['a' + i] = static_cast<int8_t>(10 + i);
        values['A' + i] = static_cast<int8_t>(10 + i);
    }
    return values;
}();

/// Decodes digits.size() / 2 bytes of `digits` (an even count, no prefix) into `out`; false at
/// the first character that is not a hex digit.
bool decode_hex(std::string_view digits, uint8_t* out)
{
    for (size_t i = 0; i < digits.size() / 2; ++i)
    {
        const int hi = hex_digit_value(digits[2 * i]);
        const int lo = hex_digit_value(digits[2 * i + 1]);
        if ((hi | lo) < 0)
            return false;
        out[i] = static_cast<uint8_t>(hi << 4 | lo);
    }
    return true;
}

std::string_view strip_prefix(std::string_view hex)
{
    if (hex.size() >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X'))
        hex.remove_prefix(2);
    return hex;
}

}  // namespace

int hex_digit_value(char c)
{
    return kDigitValues[static_cast<unsigned char>(c)];
}

void write_hex(ByteView bytes, std::span<char> out, bool prefix)
{
    if (out.size() != hex_size(bytes.size(), prefix))
        throw std::invalid_argument("write_hex: " + std::to_string(out.size()) + " characters for " +
                                    std::to_string(bytes.size()) + " bytes");
    char* p = out.data();
    if (prefix)
    {
        *p++ = '0';
        *p++ = 'x';
    }
    for (uint8_t b : bytes)
    {
        *p++ = kDigits[b >> 4];
        *p++ = kDigits[b & 0xf];
    }
}

std::string to_hex(ByteView bytes, bool prefix)
{
    std::string out(hex_size(bytes.size(), prefix), '\0');
    write_hex(bytes, out, prefix);
    return out;
}

std::optional<Bytes> from_hex(std::string_view hex)
{
    hex = strip_prefix(hex);
    if (hex.size() % 2 != 0)
        return std::nullopt;
    Bytes out(hex.size() / 2);
    if (!decode_hex(hex, out.data()))
        return std::nullopt;
    return out;
}

Bytes parse_hex(std::string_view hex)
{
    auto bytes = from_hex(hex);
    if (!bytes)
        throw std::invalid_argument("not valid hex: \"" + std::string(hex.substr(0, 80)) + "\"");
    return std::move(*bytes);
}

template <size_t N>
std::optional<std::array<uint8_t, N>> fixed_from_hex(std::string_view hex)
{
    hex = strip_prefix(hex);
    std::array<uint8_t, N> out{};
    if (hex.size() != 2 * N || !decode_hex(hex, out.data()))
        return std::nullopt;
    return out;
}

template <size_t N>
std::array<uint8_t, N> parse_fixed_hex(std::string_view hex)
{
    if (std::optional<std::array<uint8_t, N>> out = fixed_from_hex<N>(hex))
        return *out;
    const Bytes bytes = parse_hex(hex);  // throws for what is not hex at all
    throw std::invalid_argument("expected " + std::to_string(N) + " bytes of hex, got " +
                                std::to_string(bytes.size()) + ": \"" +
                                std::string(hex.substr(0, 80)) + "\"");
}

template std::optional<std::array<uint8_t, 20>> fixed_from_hex<20>(std::string_view);
template std::optional<std::array<uint8_t, 32>> fixed_from_hex<32>(std::string_view);
template std::array<uint8_t, 20> parse_fixed_hex<20>(std::string_view);
template std::array<uint8_t, 32> parse_fixed_hex<32>(std::string_view);

std::string to_quantity(uint64_t value)
{
    if (value == 0)
        return "0x0";
    std::string out = "0x";
    bool started = false;
    for (int shift = 60; shift >= 0; shift -= 4)
    {
        const unsigned digit = (value >> shift) & 0xf;
        if (digit != 0 || started)
        {
            out += kDigits[digit];
            started = true;
        }
    }
    return out;
}

std::optional<uint64_t> parse_quantity(std::string_view quantity)
{
    if (quantity.size() < 3 || quantity[0] != '0' || (quantity[1] != 'x' && quantity[1] != 'X'))
        return std::nullopt;
    quantity.remove_prefix(2);
    while (quantity.size() > 1 && quantity.front() == '0')
        quantity.remove_prefix(1);
    if (quantity.size() > 16)
        return std::nullopt;
    uint64_t value = 0;
    for (char c : quantity)
    {
        const int n = hex_digit_value(c);
        if (n < 0)
            return std::nullopt;
        value = value << 4 | static_cast<uint64_t>(n);
    }
    return value;
}

}  // namespace zkload
