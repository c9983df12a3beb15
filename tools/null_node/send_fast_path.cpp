// SPDX-License-Identifier: Apache-2.0
#include "send_fast_path.hpp"

#include <charconv>

namespace zkload::null_node {
namespace {

constexpr std::string_view kPrefix = R"({"jsonrpc":"2.0","id":)";
constexpr std::string_view kMiddle = R"(,"method":"eth_sendRawTransaction","params":[")";
constexpr std::string_view kSuffix = R"("]})";

}  // namespace

std::optional<SendRequest> match_send_request(std::string_view body)
{
    if (!body.starts_with(kPrefix) || !body.ends_with(kSuffix))
        return std::nullopt;
    body.remove_prefix(kPrefix.size());
    body.remove_suffix(kSuffix.size());
    SendRequest request;
    const auto [end, error] = std::from_chars(body.data(), body.data() + body.size(), request.id);
    if (error != std::errc() || end == body.data())
        return std::nullopt;
    body.remove_prefix(static_cast<size_t>(end - body.data()));
    if (!body.starts_with(kMiddle))
        return std::nullopt;
    request.raw_hex = body.substr(kMiddle.size());
    if (request.raw_hex.find_first_of("\"\\") != std::string_view::npos)
        return std::nullopt;
    return request;
}

}  // namespace zkload::null_node
