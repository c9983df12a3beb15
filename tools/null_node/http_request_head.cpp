// SPDX-License-Identifier: Apache-2.0
#include "http_request_head.hpp"

#include <charconv>
#include <optional>

namespace zkload::null_node {
namespace {

constexpr std::string_view kHeadEnd = "\r\n\r\n";

bool equals_ignoring_case(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
    {
        const char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
        if (x != b[i])
            return false;
    }
    return true;
}

/// `b` is lower case; true when it appears in `a` in any case (header values like "Keep-Alive").
bool contains_ignoring_case(std::string_view a, std::string_view b)
{
    for (size_t at = 0; at + b.size() <= a.size(); ++at)
        if (equals_ignoring_case(a.substr(at, b.size()), b))
            return true;
    return false;
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

HeadParse rejected(int status, std::string_view reason)
{
    return HeadParse{HeadStatus::rejected, {}, status, reason};
}

std::optional<size_t> parse_length(std::string_view text)
{
    size_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

}  // namespace

HeadParse parse_request_head(std::string_view buffered)
{
    const size_t end = buffered.find(kHeadEnd);
    if (end == std::string_view::npos)
        return buffered.size() > kMaxHeadBytes ? rejected(431, "Request Header Fields Too Large")
                                               : HeadParse{};
    if (end + kHeadEnd.size() > kMaxHeadBytes)
        return rejected(431, "Request Header Fields Too Large");
    std::string_view lines = buffered.substr(0, end + 2);
    const size_t line_end = lines.find("\r\n");
    const std::string_view request_line = lines.substr(0, line_end);
    lines.remove_prefix(line_end + 2);

    const size_t method_end = request_line.find(' ');
    const size_t version_start = request_line.rfind(' ');
    if (method_end == std::string_view::npos || version_start == method_end)
        return rejected(400, "Bad Request");
    const std::string_view version = request_line.substr(version_start + 1);
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return rejected(505, "HTTP Version Not Supported");
    if (request_line.substr(0, method_end) != "POST")
        return rejected(405, "Method Not Allowed");

    HeadParse parse{HeadStatus::complete};
    parse.head.head_bytes = end + kHeadEnd.size();
    parse.head.keep_alive = version == "HTTP/1.1";
    bool has_length = false;
    while (!lines.empty())
    {
        const size_t next = lines.find("\r\n");
        const std::string_view line = lines.substr(0, next);
        lines.remove_prefix(next + 2);
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            return rejected(400, "Bad Request");
        const std::string_view name = line.substr(0, colon);
        const std::string_view value = trimmed(line.substr(colon + 1));
        if (equals_ignoring_case(name, "content-length"))
        {
            const auto length = parse_length(value);
            if (!length || (has_length && *length != parse.head.content_length))
                return rejected(400, "Bad Request");
            if (*length > kMaxBodyBytes)
                return rejected(413, "Content Too Large");
            parse.head.content_length = *length;
            has_length = true;
        }
        else if (equals_ignoring_case(name, "transfer-encoding"))
            return rejected(411, "Length Required");
        else if (equals_ignoring_case(name, "connection"))
        {
            if (contains_ignoring_case(value, "close"))
                parse.head.keep_alive = false;
            else if (contains_ignoring_case(value, "keep-alive"))
                parse.head.keep_alive = true;
        }
        else if (equals_ignoring_case(name, "expect"))
            parse.head.expects_continue = contains_ignoring_case(value, "100-continue");
    }
    if (!has_length)
        return rejected(411, "Length Required");
    return parse;
}

}  // namespace zkload::null_node
