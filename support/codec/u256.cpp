// SPDX-License-Identifier: Apache-2.0
#include "codec/u256.hpp"

#include <stdexcept>

namespace zkload {

U256 parse_u256(std::string_view text)
{
    const bool is_hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    const std::string_view digits = is_hex ? text.substr(2) : text;
    const auto fail = [&] {
        return std::invalid_argument("not a 256-bit unsigned number: \"" +
                                     std::string(text.substr(0, 80)) + "\"");
    };
    if (digits.empty())
        throw fail();
    U256 value = 0;
    for (char c : digits)
    {
        unsigned d = 0;
        if (c >= '0' && c <= '9')
            d = static_cast<unsigned>(c - '0');
        else if (is_hex && c >= 'a' && c <= 'f')
            d = static_cast<unsigned>(c - 'a' + 10);
        else if (is_hex && c >= 'A' && c <= 'F')
            d = static_cast<unsigned>(c - 'A' + 10);
        else
            throw fail();
        try
        {
            value = value * (is_hex ? 16u : 10u) + d;
        }
        catch (const std::overflow_error&)
        {
            throw fail();
        }
    }
    return value;
}

std::string to_quantity(const U256& value)
{
    const Bytes bytes = to_be_bytes_trimmed(value);
    if (bytes.empty())
        return "0x0";
    std::string hex = to_hex(bytes, false);
    const size_t first = hex.find_first_not_of('0');
    return "0x" + hex.substr(first);
}

std::string to_decimal(const U256& value) { return value.str(); }

/// No heap: the EIP-712 struct hash writes a dozen words per 0x71 transaction.
Hash to_be_bytes32(const U256& value)
{
    Hash out{};
    if (value == 0)
        return out;
    const size_t size = (boost::multiprecision::msb(value) + 8) / 8;
    boost::multiprecision::export_bits(value, out.end() - static_cast<ptrdiff_t>(size), 8, true);
    return out;
}

Bytes to_be_bytes_trimmed(const U256& value)
{
    Bytes out;
    if (value == 0)
        return out;
    out.reserve(32);
    boost::multiprecision::export_bits(value, std::back_inserter(out), 8, true);
    return out;
}

U256 from_be_bytes(ByteView bytes)
{
    if (bytes.size() > 32)
        throw std::invalid_argument("more than 32 bytes for a 256-bit value: " +
                                    std::to_string(bytes.size()));
    U256 value = 0;
    for (uint8_t b : bytes)
        value = (value << 8) | b;
    return value;
}

uint64_t to_uint64(const U256& value)
{
    if (value > std::numeric_limits<uint64_t>::max())
        throw std::overflow_error("value does not fit in 64 bits: " + value.str());
    return value.convert_to<uint64_t>();
}

}  // namespace zkload
