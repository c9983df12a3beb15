// SPDX-License-Identifier: Apache-2.0
#include "http_connection.hpp"

#include "http_request_head.hpp"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

namespace zkload::null_node {
namespace {

/// A fresh connection's input buffer; it grows only for a request larger than this.
constexpr size_t kInitialInputBytes = 8 * 1024;

/// Above this much unsent output the connection stops reading until the peer catches up.
constexpr size_t kMaxOutputBacklog = 8 * 1024 * 1024;

/// Buffers that grew past this for one large request or response are released once empty, so
/// thousands of idle connections do not each keep a block's worth of receipts.
constexpr size_t kMaxIdleBufferBytes = 1024 * 1024;

}  // namespace

HttpConnection::HttpConnection(int fd) : fd_(fd), in_(kInitialInputBytes) {}

HttpConnection::~HttpConnection()
{
    ::close(fd_);
}

bool HttpConnection::on_readable(const BodyAnswerer& answerer)
{
    make_room_for_input();
    ssize_t got = 0;
    do
        got = ::read(fd_, in_.data() + in_end_, in_.size() - in_end_);
    while (got < 0 && errno == EINTR);
    if (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
        return false;
    if (got > 0)
        in_end_ += static_cast<size_t>(got);
    answer_buffered(answerer);
    if (got == 0)
        closing_ = true;
    return flush() && !done();
}

bool HttpConnection::on_writable()
{
    return flush() && !done();
}

uint32_t HttpConnection::wanted_events() const noexcept
{
    const size_t unsent = out_.size() - out_sent_;
    uint32_t events = 0;
    if (!closing_ && unsent < kMaxOutputBacklog)
        events |= EPOLLIN;
    if (unsent > 0)
        events |= EPOLLOUT;
    return events;
}

bool HttpConnection::done() const noexcept
{
    return closing_ && out_sent_ == out_.size();
}

void HttpConnection::make_room_for_input()
{
    if (in_begin_ == in_end_)
    {
        in_begin_ = in_end_ = 0;
        if (in_.size() > kMaxIdleBufferBytes)
            in_ = std::vector<char>(kInitialInputBytes);
    }
    else if (in_begin_ > 0 && in_end_ == in_.size())
    {
        std::memmove(in_.data(), in_.data() + in_begin_, in_end_ - in_begin_);
        in_end_ -= in_begin_;
        in_begin_ = 0;
    }
    if (in_end_ == in_.size())
        in_.resize(in_.size() * 2);
}

void HttpConnection::answer_buffered(const BodyAnswerer& answerer)
{
    while (!closing_ && in_begin_ < in_end_)
    {
        const std::string_view buffered(in_.data() + in_begin_, in_end_ - in_begin_);
        const HeadParse parse = parse_request_head(buffered);
        if (parse.status == HeadStatus::incomplete)
            return;
        if (parse.status == HeadStatus::rejected)
        {
            append_response(parse.reject_status, parse.reject_reason,
                            "the null node serves JSON-RPC as POST with a Content-Length body\n",
                            false);
            closing_ = true;
            return;
        }
        const size_t total = parse.head.head_bytes + parse.head.content_length;
        if (buffered.size() < total)
        {
            if (parse.head.expects_continue && !continue_sent_)
                out_ += "HTTP/1.1 100 Continue\r\n\r\n";
            continue_sent_ = true;
            return;
        }
        const std::string_view reply =
            answerer(buffered.substr(parse.head.head_bytes, parse.head.content_length));
        append_response(200, "OK", reply, parse.head.keep_alive);
        in_begin_ += total;
        continue_sent_ = false;
        closing_ = !parse.head.keep_alive;
    }
}

void HttpConnection::append_response(int status, std::string_view reason, std::string_view body,
                                     bool keep_alive)
{
    char digits[24];
    out_ += "HTTP/1.1 ";
    out_.append(digits, std::to_chars(digits, digits + sizeof(digits), status).ptr);
    out_ += ' ';
    out_ += reason;
    out_ += status == 200 ? "\r\nContent-Type: application/json" : "\r\nContent-Type: text/plain";
    if (status == 405)
        out_ += "\r\nAllow: POST";
    out_ += "\r\nContent-Length: ";
    out_.append(digits, std::to_chars(digits, digits + sizeof(digits), body.size()).ptr);
    out_ += keep_alive ? "\r\nConnection: keep-alive\r\n\r\n" : "\r\nConnection: close\r\n\r\n";
    out_ += body;
}

bool HttpConnection::flush()
{
    while (out_sent_ < out_.size())
    {
        const ssize_t sent =
            ::send(fd_, out_.data() + out_sent_, out_.size() - out_sent_, MSG_NOSIGNAL);
        if (sent > 0)
            out_sent_ += static_cast<size_t>(sent);
        else if (sent < 0 && errno == EINTR)
            continue;
        else if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        else
            return false;
    }
    if (out_.capacity() > kMaxIdleBufferBytes)
        out_ = std::string();
    out_.clear();
    out_sent_ = 0;
    return true;
}

}  // namespace zkload::null_node
