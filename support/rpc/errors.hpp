// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace zkload::rpc {

/// Why a JSON-RPC call failed, coarse enough to be a counter (`failed_<class>`) and fine enough
/// for a load engine to react (resync a nonce, back off, count a revert as a result).
enum class ErrorClass
{
    transport,
    timeout,
    http_status,
    bad_response,
    rpc,
    nonce_too_low,
    nonce_too_high,
    replacement_underpriced,
    already_known,
    insufficient_funds,
    fee_too_low,
    rate_limited,
    execution_reverted,
    pool_full,
};

/// Names in enum order; the load engine counts failures as `failed_<name>`.
inline constexpr std::string_view kErrorClassNames[] = {
    "transport",
    "timeout",
    "http_status",
    "bad_response",
    "rpc",
    "nonce_too_low",
    "nonce_too_high",
    "replacement_underpriced",
    "already_known",
    "insufficient_funds",
    "fee_too_low",
    "rate_limited",
    "execution_reverted",
    "pool_full",
};
static_assert(std::size(kErrorClassNames) == static_cast<size_t>(ErrorClass::pool_full) + 1);

/// Short snake_case name, e.g. "nonce_too_low".
inline std::string_view to_string(ErrorClass error_class)
{
    return kErrorClassNames[static_cast<size_t>(error_class)];
}

/// Longest node or body text quoted into a description: a revert or an HTML page can be megabytes.
inline constexpr size_t kMaxQuotedChars = 200;

/// At most `max_chars` of `text` on one line (control characters become spaces, a UTF-8
/// sequence is never split); a cut is marked with the full size.
std::string excerpt(std::string_view text, size_t max_chars = kMaxQuotedChars);

/// Deepest nesting of arrays and objects accepted in a node's reply. nlohmann::json copies,
/// compares and dumps recursively, so a hostile reply of a few hundred kilobytes of `[` would
/// otherwise overflow the stack; real replies nest a few levels (a call trace ~2 per frame).
/// 512 leaves room on a small thread stack even with sanitizers' larger frames.
inline constexpr size_t kMaxJsonDepth = 512;

/// True if the arrays and objects in `text` nest at most `max_depth` deep (brackets inside
/// strings do not count). One pass over the text, skipped for texts shorter than max_depth.
bool json_depth_within(std::string_view text, size_t max_depth = kMaxJsonDepth);

/// One failed call. `message` is the node's own text verbatim for node errors; for transport and
/// protocol failures it is our description (with any body quoted through `excerpt`).
struct Error
{
    ErrorClass error_class = ErrorClass::rpc;
    std::optional<int64_t> code{};
    int http_status = 0;
    std::string message{};
    std::optional<nlohmann::json> data{};

    /// One line for logs and exceptions, with node text capped at kMaxQuotedChars, e.g.
    /// `nonce_too_low: JSON-RPC error -32003: nonce too low`.
    std::string describe() const;
};

/// Classifies a JSON-RPC error object by its code (3 is a revert) and by its text: a
/// case-insensitive match at a word start, `_` read as a space so that `FEE_TOO_LOW` style
/// codes match too. Written against the wordings of geth, anvil and zkSync Era, plus the
/// compact forms some other clients use; anything unknown is `rpc`.
ErrorClass classify_rpc_error(int64_t code, std::string_view message);

/// A JSON-RPC error object from a node, classified.
Error make_rpc_error(int64_t code, std::string message, std::optional<nlohmann::json> data = {});

/// A reply that is not the JSON-RPC the request asked for; `body` is quoted through `excerpt`.
Error make_bad_response(std::string_view what, std::string_view body);

/// A non-2xx HTTP reply: 429 is `rate_limited`, so is a body whose JSON-RPC error says so;
/// anything else is `http_status`. A JSON-RPC error in the body keeps its code and text; any other
/// body is quoted through `excerpt`.
Error make_http_error(int status, std::string_view body);

/// A libcurl failure (a CURLcode as int, so that this header needs no curl.h): a timeout is
/// `timeout`, a cut-off or non-HTTP reply `bad_response`, anything else `transport`.
/// scheme://host:port of a URL: user, password, path and query are cut (providers put API
/// keys there), marked with "…", so messages can name the node without leaking its key.
std::string redacted_url(std::string_view url);

Error make_transport_error(int curl_code, std::string_view detail, std::string_view url);

/// Thrown by the `*_or_throw` and typed helpers; carries the whole Error.
class RpcException : public std::runtime_error
{
public:
    explicit RpcException(Error error);
    const Error& error() const noexcept { return error_; }
    ErrorClass error_class() const noexcept { return error_.error_class; }

private:
    Error error_;
};

}  // namespace zkload::rpc
