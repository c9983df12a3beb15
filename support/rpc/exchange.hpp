// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/client.hpp"
#include "rpc/errors.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace zkload::rpc::detail {

/// A buffer that grew past this for one large reply (a block's receipts after a node stalled) is
/// given back before the next request, not kept per handle for the rest of a soak: a send's reply
/// is ~100 bytes, a batch of them a few KB, so only block-sized reads pay a fresh allocation.
inline constexpr size_t kMaxKeptBuffer = 64 * 1024;

/// What a synchronous Client keeps instead (there is one per thread that uses one): the block
/// follower reads a block's hash list, 69 bytes a transaction, at every block, ~700 KB at 10,000
/// transactions a block; growing a fresh buffer for each cost it page faults and copies.
inline constexpr size_t kMaxKeptClientBuffer = 2 * 1024 * 1024;

/// A reply larger than this is cut off and reported as bad_response: no JSON-RPC answer comes
/// near it, and a hostile or broken node must not make the generator buffer gigabytes.
inline constexpr size_t kMaxReplyBytes = 64 * 1024 * 1024;

/// curl_global_init exactly once per process; every handle constructor calls it first.
void init_curl();

/// One libcurl easy handle configured once (headers, timeouts, HTTP/1.1, no signals) with its
/// request and response buffers, so that a request only swaps the body. Shared by Client and
/// AsyncClient; never used by two threads at once.
class Exchange
{
public:
    /// `kept_buffer`: the largest response buffer kept for the next request (kMaxKeptBuffer).
    explicit Exchange(const ClientOptions& options, size_t kept_buffer = kMaxKeptBuffer);
    ~Exchange();
    Exchange(const Exchange&) = delete;
    Exchange& operator=(const Exchange&) = delete;

    /// The CURL* (libcurl declares CURL as void).
    void* handle() const noexcept { return handle_; }
    std::string& request() noexcept { return request_; }
    const std::string& response() const noexcept { return response_; }

    /// Points the handle at request() and empties the response; call before every transfer.
    void prepare();

    /// After a transfer ended with `curl_code`: the transport or HTTP error, if any. Also counts
    /// the connections the transfer had to open (0 when keep-alive reused one).
    std::optional<Error> finish(int curl_code);
    long new_connections() const noexcept { return new_connections_; }

private:
    void* handle_ = nullptr;
    std::string url_;
    std::string request_;
    std::string response_;
    size_t kept_buffer_;
    bool reply_too_large_ = false;
    long new_connections_ = 0;
    char error_buffer_[256] = {};
};

}  // namespace zkload::rpc::detail
