// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string_view>

namespace zkload::null_node {

/// Largest request head (request line and headers) and body the null node reads.
inline constexpr size_t kMaxHeadBytes = 16 * 1024;
inline constexpr size_t kMaxBodyBytes = 32 * 1024 * 1024;

/// What the server needs from a request head to frame the body and the next request.
struct RequestHead
{
    size_t head_bytes = 0;
    size_t content_length = 0;
    bool keep_alive = true;
    bool expects_continue = false;
};

enum class HeadStatus
{
    incomplete,
    complete,
    rejected,
};

/// The outcome of reading the start of a buffer: wait for more, a framed request, or an HTTP
/// error to answer before closing (a body framing we cannot follow leaves the stream unusable).
struct HeadParse
{
    HeadStatus status = HeadStatus::incomplete;
    RequestHead head{};
    int reject_status = 0;
    std::string_view reject_reason{};
};

/// Reads an HTTP/1.x request head at the start of `buffered`. Only POST with a Content-Length
/// body is served: other methods get 405, a chunked or unframed body 411, a bad length 400, a
/// too large body 413, a head over kMaxHeadBytes 431. HTTP/1.1 keeps the connection alive unless
/// `Connection: close`; HTTP/1.0 closes unless `Connection: keep-alive`.
HeadParse parse_request_head(std::string_view buffered);

}  // namespace zkload::null_node
