// SPDX-License-Identifier: Apache-2.0
#include "bytes.hpp"

#include <stdexcept>

namespace zkload {
namespace {

constexpr std::string_view kDigits = "0123456789abcdef";

std::string_view strip_prefix(std::string_view hex)
{
    if (hex.size() >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X'))
        hex.remove_prefix(2);
    return hex;
}

}  // namespace

int hex_digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::string to_hex(ByteView bytes, bool prefix)
{
    std::string out;
    out.reserve(bytes.size() * 2 + 2);
    if (prefix)
        out += "0x";
    for (uint8_t b : bytes)
    {
        out += kDigits[b >> 4];
        out += kDigits[b & 0xf];
    }
    return out;
}

std::optional<Bytes> from_hex(std::string_view hex)
{
    hex = strip_prefix(hex);
    if (hex.size() % 2 != 0)
        return std::nullopt;
    Bytes out(hex.size() / 2);
    for (size_t i = 0; i < out.size(); ++i)
    {
        const int hi = hex_digit_value(hex[2 * i]);
        const int lo = hex_digit_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out[i] = static_cast<uint8_t>(hi << 4 | lo);
    }
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
std::array<uint8_t, N> parse_fixed_hex(std::string_view hex)
{
    const Bytes bytes = parse_hex(hex);
    if (bytes.size() != N)
        throw std::invalid_argument("expected " + std::to_string(N) + " bytes of hex, got " +
                                    std::to_string(bytes.size()) + ": \"" +
                                    std::string(hex.substr(0, 80)) + "\"");
    std::array<uint8_t, N> out{};
    std::copy(bytes.begin(), bytes.end(), out.begin());
    return out;
}

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
