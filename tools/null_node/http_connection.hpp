// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace zkload::null_node {

/// Answers one request body; the view stays valid until the next call (the answerer owns it).
using BodyAnswerer = std::function<std::string_view(std::string_view body)>;

/// One accepted, non-blocking HTTP/1.1 connection: reads requests (pipelined ones too), answers
/// each in order, and writes the responses back. Buffers are kept between requests, so a
/// kept-alive connection stops allocating once warm. Owns and closes its socket.
class HttpConnection
{
public:
    explicit HttpConnection(int fd);
    ~HttpConnection();
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    int fd() const noexcept { return fd_; }

    /// One read, then every complete request answered and as much as possible sent. False when
    /// the connection is done: the peer left, a socket error, or its last response went out.
    bool on_readable(const BodyAnswerer& answerer);

    /// Sends what is still buffered; false when the connection is done.
    bool on_writable();

    /// The epoll events it waits for now: input unless closing or too far behind on output,
    /// output while responses are waiting.
    uint32_t wanted_events() const noexcept;

private:
    void answer_buffered(const BodyAnswerer& answerer);
    void append_response(int status, std::string_view reason, std::string_view body,
                         bool keep_alive);
    void make_room_for_input();
    bool flush();
    bool done() const noexcept;

    int fd_;
    std::vector<char> in_;
    size_t in_begin_ = 0;
    size_t in_end_ = 0;
    std::string out_;
    size_t out_sent_ = 0;
    bool closing_ = false;
    bool continue_sent_ = false;
};

}  // namespace zkload::null_node
