// SPDX-License-Identifier: Apache-2.0
#include "json_text.hpp"

#include <nlohmann/json.hpp>

namespace zkload::null_node {
namespace {

constexpr char kDigits[] = "0123456789abcdef";

}  // namespace

void append_quoted_hex(std::string& out, ByteView bytes)
{
    const size_t start = out.size();
    out.resize(start + 4 + 2 * bytes.size());
    char* at = out.data() + start;
    *at++ = '"';
    *at++ = '0';
    *at++ = 'x';
    for (const uint8_t byte : bytes)
    {
        *at++ = kDigits[byte >> 4];
        *at++ = kDigits[byte & 0x0f];
    }
    *at = '"';
}

void append_quoted_quantity(std::string& out, uint64_t value)
{
    char text[20];
    size_t length = 0;
    do
    {
        text[length++] = kDigits[value & 0x0f];
        value >>= 4;
    } while (value != 0);
    out += "\"0x";
    while (length > 0)
        out += text[--length];
    out += '"';
}

void append_json_string(std::string& out, std::string_view text)
{
    out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void append_quoted_zeros(std::string& out, size_t count)
{
    out += "\"0x";
    out.append(2 * count, '0');
    out += '"';
}

}  // namespace zkload::null_node
