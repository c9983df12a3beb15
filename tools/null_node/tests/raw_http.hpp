// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace zkload::test {

/// Sends `bytes` as they are to 127.0.0.1:`port` and returns everything the server writes until
/// it closes the connection (or `limit` passes): for requests no HTTP client would send, such as
/// malformed JSON, chunked bodies and pipelined requests. End the last request with
/// `Connection: close` so the server closes.
std::string raw_exchange(uint16_t port, std::string_view bytes,
                         std::chrono::milliseconds limit = std::chrono::seconds(5));

/// A POST request carrying `body` with a Content-Length, optionally asking to close afterwards.
std::string post_request(std::string_view body, bool close);

}  // namespace zkload::test
