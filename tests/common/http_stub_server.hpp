// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace zkload::test {

/// What the stub answers to one request.
struct StubReply
{
    int status = 200;
    std::string body{};
    std::string content_type = "application/json";
    std::chrono::milliseconds delay{0};
    /// Announce the whole body's Content-Length, send half of it, then close.
    bool cut_off = false;
    /// Close the connection without answering.
    bool hang_up = false;
};

/// Test double, not a server: a tiny HTTP/1.1 responder on 127.0.0.1 (only) that answers every
/// request with whatever its handler returns, so tests can provoke the HTTP statuses, delays
/// and broken bodies a real node will not produce on demand. It reads Content-Length bodies
/// only. Every loop is bounded in count and in time, and the destructor stops it within ~20 ms.
class HttpStubServer
{
public:
    /// Runs on the stub's connection threads, possibly several at once.
    using Handler = std::function<StubReply(const std::string& request_body)>;

    explicit HttpStubServer(StubReply fixed)
        : HttpStubServer([fixed](const std::string&) { return fixed; })
    {
    }

    explicit HttpStubServer(Handler handler) : handler_(std::move(handler))
    {
        listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        if (listen_fd_ < 0 ||
            ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
            ::listen(listen_fd_, 512) != 0 ||
            ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            throw std::runtime_error("stub server: cannot listen on 127.0.0.1");
        port_ = ntohs(address.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    ~HttpStubServer()
    {
        stop_ = true;
        acceptor_.join();
        std::scoped_lock lock(mutex_);
        for (std::thread& worker : workers_)
            worker.join();
        ::close(listen_fd_);
    }

    HttpStubServer(const HttpStubServer&) = delete;
    HttpStubServer& operator=(const HttpStubServer&) = delete;

    uint16_t port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    size_t requests() const { return requests_; }
    size_t connections() const { return connections_; }

private:
    static constexpr int kPollMs = 20;
    static constexpr size_t kMaxConnections = 1024;
    static constexpr size_t kMaxRequestsPerConnection = 100'000;
    static constexpr size_t kMaxRequestBytes = 4 * 1024 * 1024;
    static constexpr auto kIdleLimit = std::chrono::seconds(20);

    void accept_loop()
    {
        while (!stop_ && connections_ < kMaxConnections)
        {
            pollfd ready{listen_fd_, POLLIN, 0};
            if (::poll(&ready, 1, kPollMs) <= 0)
                continue;
            const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0)
                continue;
            ++connections_;
            std::scoped_lock lock(mutex_);
            workers_.emplace_back(
                [this, fd]
                {
                    serve(fd);
                    ::close(fd);
                });
        }
    }

    void serve(int fd)
    {
        std::string buffer;
        auto last_activity = std::chrono::steady_clock::now();
        for (size_t served = 0; !stop_ && served < kMaxRequestsPerConnection;)
        {
            const size_t header_end = buffer.find("\r\n\r\n");
            if (header_end != std::string::npos)
            {
                const size_t length = content_length(buffer.substr(0, header_end));
                if (buffer.size() >= header_end + 4 + length)
                {
                    const std::string body = buffer.substr(header_end + 4, length);
                    buffer.erase(0, header_end + 4 + length);
                    ++requests_;
                    ++served;
                    if (!respond(fd, handler_(body)))
                        return;
                    continue;
                }
            }
            if (buffer.size() > kMaxRequestBytes ||
                std::chrono::steady_clock::now() - last_activity > kIdleLimit)
                return;
            pollfd ready{fd, POLLIN, 0};
            if (::poll(&ready, 1, kPollMs) <= 0)
                continue;
            char chunk[16384];
            const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
            if (n <= 0)
                return;
            buffer.append(chunk, static_cast<size_t>(n));
            last_activity = std::chrono::steady_clock::now();
        }
    }

    static size_t content_length(std::string headers)
    {
        for (char& c : headers)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const size_t at = headers.find("content-length:");
        if (at == std::string::npos)
            return 0;
        const size_t digits = headers.find_first_of("0123456789", at);
        size_t length = 0;
        while (digits != std::string::npos && digits + length < headers.size() &&
               std::isdigit(static_cast<unsigned char>(headers[digits + length])) && length < 12)
            ++length;
        return length == 0 ? 0 : std::stoul(headers.substr(digits, length));
    }

    /// False when the connection must close.
    bool respond(int fd, const StubReply& reply)
    {
        const auto until = std::chrono::steady_clock::now() + reply.delay;
        while (!stop_ && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        if (reply.hang_up || stop_)
            return false;
        std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " " + reason(reply.status) +
                          "\r\nContent-Type: " + reply.content_type +
                          "\r\nContent-Length: " + std::to_string(reply.body.size()) +
                          "\r\nConnection: keep-alive\r\n\r\n";
        out += reply.cut_off ? reply.body.substr(0, reply.body.size() / 2) : reply.body;
        return send_all(fd, out) && !reply.cut_off;
    }

    bool send_all(int fd, const std::string& data)
    {
        size_t sent = 0;
        for (int stalls = 0; sent < data.size() && !stop_ && stalls < 500;)
        {
            const ssize_t n =
                ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0)
            {
                sent += static_cast<size_t>(n);
                stalls = 0;
                continue;
            }
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
                return false;
            pollfd ready{fd, POLLOUT, 0};
            ::poll(&ready, 1, kPollMs);
            ++stalls;
        }
        return sent == data.size();
    }

    static std::string reason(int status)
    {
        switch (status)
        {
            case 200:
                return "OK";
            case 429:
                return "Too Many Requests";
            case 500:
                return "Internal Server Error";
            case 502:
                return "Bad Gateway";
            case 503:
                return "Service Unavailable";
            default:
                return "Status";
        }
    }

    Handler handler_;
    int listen_fd_ = -1;
    uint16_t port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<size_t> requests_{0};
    std::atomic<size_t> connections_{0};
    std::mutex mutex_;
    std::vector<std::thread> workers_;
    std::thread acceptor_;
};

}  // namespace zkload::test
