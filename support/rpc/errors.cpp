// SPDX-License-Identifier: Apache-2.0
#include "rpc/errors.hpp"

#include <array>
#include <cctype>
#include <utility>

#include <curl/curl.h>

namespace zkload::rpc {
namespace {

struct Wording
{
    std::string_view needle;
    ErrorClass error_class;
};

/// Lower-case needles, `_` written as a space. Checked in order: a revert can quote any text, a
/// replacement is also "underpriced", so the specific classes come before the generic ones.
constexpr std::array kWordings{
    Wording{"execution reverted", ErrorClass::execution_reverted},
    Wording{"reverted with reason", ErrorClass::execution_reverted},
    Wording{"reverted with custom error", ErrorClass::execution_reverted},
    Wording{"reverted with panic code", ErrorClass::execution_reverted},
    Wording{"vm exception while processing transaction: revert", ErrorClass::execution_reverted},
    Wording{"rate limit", ErrorClass::rate_limited},
    Wording{"ratelimit", ErrorClass::rate_limited},
    Wording{"too many requests", ErrorClass::rate_limited},
    Wording{"request limit reached", ErrorClass::rate_limited},
    Wording{"compute units per second", ErrorClass::rate_limited},
    Wording{"replacement transaction underpriced", ErrorClass::replacement_underpriced},
    Wording{"replacement tx underpriced", ErrorClass::replacement_underpriced},
    Wording{"replacement underpriced", ErrorClass::replacement_underpriced},
    Wording{"insufficient gas price to replace", ErrorClass::replacement_underpriced},
    Wording{"replacementnotallowed", ErrorClass::replacement_underpriced},
    Wording{"another transaction with the same nonce", ErrorClass::replacement_underpriced},
    Wording{"already known", ErrorClass::already_known},
    Wording{"already imported", ErrorClass::already_known},
    Wording{"alreadyknown", ErrorClass::already_known},
    Wording{"known transaction", ErrorClass::already_known},
    Wording{"already exists", ErrorClass::already_known},
    Wording{"nonce too low", ErrorClass::nonce_too_low},
    Wording{"nonce is too low", ErrorClass::nonce_too_low},
    Wording{"oldnonce", ErrorClass::nonce_too_low},
    Wording{"nonce too high", ErrorClass::nonce_too_high},
    Wording{"nonce is too high", ErrorClass::nonce_too_high},
    Wording{"nonce too far in future", ErrorClass::nonce_too_high},
    // A full pool, or an account over its slots (geth and reth "txpool is full", reth "exceeded
    // its capacity"): the adaptive pending cap shrinks on these.
    Wording{"txpool is full", ErrorClass::pool_full},
    Wording{"transaction pool is full", ErrorClass::pool_full},
    Wording{"exceeded its capacity", ErrorClass::pool_full},
    Wording{"account limit", ErrorClass::pool_full},
    Wording{"insufficient funds", ErrorClass::insufficient_funds},
    Wording{"insufficientfunds", ErrorClass::insufficient_funds},
    Wording{"not enough balance", ErrorClass::insufficient_funds},
    Wording{"upfront cost exceeds", ErrorClass::insufficient_funds},
    Wording{"less than block base fee", ErrorClass::fee_too_low},
    Wording{"fee cap too low", ErrorClass::fee_too_low},
    Wording{"fee too low", ErrorClass::fee_too_low},
    Wording{"feetoolow", ErrorClass::fee_too_low},
    Wording{"underpriced", ErrorClass::fee_too_low},
    Wording{"gas price too low", ErrorClass::fee_too_low},
    Wording{"gas price below minimum", ErrorClass::fee_too_low},
};

/// Our own messages (transport, bad_response) are composed of already capped parts; this only
/// guards against a mistake. Node texts are capped at kMaxQuotedChars.
constexpr size_t kMaxComposedChars = 3 * kMaxQuotedChars;

constexpr int64_t kRevertCode = 3;
constexpr int64_t kLimitExceededCode = -32005;
constexpr int kTooManyRequests = 429;

char fold(char c)
{
    if (c >= 'A' && c <= 'Z')
        return static_cast<char>(c - 'A' + 'a');
    return c == '_' ? ' ' : c;
}

bool is_word_char(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

/// Case-insensitive search for `needle` at the start of a word ("unknown transaction" is not
/// "known transaction"), without allocating: errors can arrive at load rate.
bool contains_folded(std::string_view haystack, std::string_view needle)
{
    if (needle.size() > haystack.size())
        return false;
    for (size_t start = 0; start + needle.size() <= haystack.size(); ++start)
    {
        if (start > 0 && is_word_char(haystack[start - 1]))
            continue;
        size_t i = 0;
        while (i < needle.size() && fold(haystack[start + i]) == needle[i])
            ++i;
        if (i == needle.size())
            return true;
    }
    return false;
}

}  // namespace

bool json_depth_within(std::string_view text, size_t max_depth)
{
    if (text.size() <= max_depth)
        return true;
    size_t depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < text.size(); ++i)
    {
        const char c = text[i];
        if (in_string)
        {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        }
        else if (c == '"')
            in_string = true;
        else if ((c == '[' || c == '{') && ++depth > max_depth)
            return false;
        else if ((c == ']' || c == '}') && depth > 0)
            --depth;
    }
    return true;
}

std::string excerpt(std::string_view text, size_t max_chars)
{
    size_t cut = text.size();
    if (cut > max_chars)
    {
        cut = max_chars;
        while (cut > 0 && (static_cast<uint8_t>(text[cut]) & 0xC0) == 0x80)
            --cut;
    }
    std::string out;
    out.reserve(cut + 24);
    for (size_t i = 0; i < cut; ++i)
    {
        const auto c = static_cast<uint8_t>(text[i]);
        out += (c < 0x20 || c == 0x7f) ? ' ' : text[i];
    }
    if (cut < text.size())
        out += "... (" + std::to_string(text.size()) + " bytes)";
    return out;
}

std::string Error::describe() const
{
    std::string out(to_string(error_class));
    out += ": ";
    if (http_status != 0 && (http_status < 200 || http_status > 299))
        out += "HTTP " + std::to_string(http_status) + ": ";
    if (code)
        out += "JSON-RPC error " + std::to_string(*code) + ": ";
    out += excerpt(message, code ? kMaxQuotedChars : kMaxComposedChars);
    if (data && !data->is_null())
        out +=
            " (data: " + excerpt(data->is_string() ? data->get<std::string>() : data->dump()) + ")";
    return out;
}

ErrorClass classify_rpc_error(int64_t code, std::string_view message)
{
    if (code == kRevertCode)
        return ErrorClass::execution_reverted;
    for (const Wording& wording : kWordings)
    {
        if (contains_folded(message, wording.needle))
            return wording.error_class;
    }
    if (code == kLimitExceededCode && contains_folded(message, "limit"))
        return ErrorClass::rate_limited;
    return ErrorClass::rpc;
}

Error make_rpc_error(int64_t code, std::string message, std::optional<nlohmann::json> data)
{
    Error error;
    error.error_class = classify_rpc_error(code, message);
    error.code = code;
    error.message = std::move(message);
    error.data = std::move(data);
    return error;
}

Error make_bad_response(std::string_view what, std::string_view body)
{
    Error error;
    error.error_class = ErrorClass::bad_response;
    error.message = std::string(what) + ": " + (body.empty() ? "empty body" : excerpt(body));
    return error;
}

Error make_http_error(int status, std::string_view body)
{
    Error error;
    const nlohmann::json parsed =
        json_depth_within(body) ? nlohmann::json::parse(body, nullptr, false) : nlohmann::json();
    const auto object = parsed.is_object() ? parsed.find("error") : parsed.end();
    if (object != parsed.end() && object->is_object() && object->contains("code") &&
        (*object)["code"].is_number_integer() && object->contains("message") &&
        (*object)["message"].is_string())
    {
        std::optional<nlohmann::json> data;
        if (object->contains("data"))
            data = (*object)["data"];
        error = make_rpc_error((*object)["code"].get<int64_t>(),
                               (*object)["message"].get<std::string>(), std::move(data));
        if (error.error_class != ErrorClass::rate_limited)
            error.error_class = ErrorClass::http_status;
    }
    else
    {
        error.error_class = ErrorClass::http_status;
        error.message = body.empty() ? std::string("empty body") : excerpt(body);
    }
    error.http_status = status;
    if (status == kTooManyRequests)
        error.error_class = ErrorClass::rate_limited;
    return error;
}

std::string redacted_url(std::string_view url)
{
    const size_t scheme_end = url.find("://");
    const size_t host_begin = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
    const size_t path_begin = std::min(url.find_first_of("/?#", host_begin), url.size());
    std::string_view authority = url.substr(host_begin, path_begin - host_begin);
    const size_t at = authority.rfind('@');
    const bool had_userinfo = at != std::string_view::npos;
    if (had_userinfo)
        authority.remove_prefix(at + 1);
    return std::string(url.substr(0, host_begin)) + (had_userinfo ? "…@" : "") +
           std::string(authority) + (path_begin < url.size() ? "/…" : "");
}

Error make_transport_error(int curl_code, std::string_view detail, std::string_view url)
{
    Error error;
    const auto code = static_cast<CURLcode>(curl_code);
    if (code == CURLE_OPERATION_TIMEDOUT)
        error.error_class = ErrorClass::timeout;
    else if (code == CURLE_PARTIAL_FILE || code == CURLE_WEIRD_SERVER_REPLY)
        error.error_class = ErrorClass::bad_response;
    else
        error.error_class = ErrorClass::transport;
    error.message =
        "curl error " + std::to_string(curl_code) + " (" + curl_easy_strerror(code) + ")";
    if (!detail.empty())
        error.message += ": " + excerpt(detail);
    error.message += " [" + redacted_url(url) + "]";
    return error;
}

RpcException::RpcException(Error error)
    : std::runtime_error(error.describe()), error_(std::move(error))
{
}

}  // namespace zkload::rpc
