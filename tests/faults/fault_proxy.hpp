// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <curl/curl.h>

namespace zkload::test {

/// What the proxy does to the requests it receives, until told otherwise.
enum class Fault
{
    none,              ///< forward to the node and pass its reply back unchanged
    http_500_html,     ///< 500 with an HTML error page, as a crashed backend behind nginx
    http_503_html,     ///< 503 with an HTML page, as a load balancer without healthy backends
    truncated_json,    ///< the node's reply cut in half, with a matching Content-Length
    cut_connection,    ///< the full Content-Length announced, half the body sent, then close
    wrong_id,          ///< the node's reply with another id
    huge_body,         ///< 200 with 64 MiB of HTML
    late_reply,        ///< the node's reply, sent only after the client's timeout
    connection_reset,  ///< the request read, then the connection reset (RST)
    slow_trickle,      ///< the node's reply, a few bytes every few milliseconds, within the timeout
    endless_trickle,   ///< a reply that trickles for longer than the client's timeout
};

/// Test double between a client and a real node (anvil) on 127.0.0.1: forwards each request
/// and injects the fault it is set to. Connection threads read Content-Length bodies; every loop
/// is bounded in count and time, and the destructor stops it within a fraction of a second.
class FaultProxy
{
public:
    /// `upstream`: the node's URL; `client_timeout`: how long the client waits, which the
    /// late and endless faults outlast.
    FaultProxy(std::string upstream, std::chrono::milliseconds client_timeout)
        : upstream_(std::move(upstream)), client_timeout_(client_timeout)
    {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        if (listen_fd_ < 0 ||
            ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
            ::listen(listen_fd_, 128) != 0 ||
            ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            throw std::runtime_error("fault proxy: cannot listen on 127.0.0.1");
        port_ = ntohs(address.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    ~FaultProxy()
    {
        stop_ = true;
        acceptor_.join();
        std::scoped_lock lock(mutex_);
        for (std::thread& worker : workers_)
            worker.join();
        ::close(listen_fd_);
    }

    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    void set_fault(Fault fault) { fault_ = fault; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    /// Requests answered with a fault, and requests passed through untouched.
    size_t faults_injected() const { return faults_; }
    size_t forwarded() const { return forwarded_; }

    /// Size of the huge_body fault's page.
    static constexpr size_t kHugeBodyBytes = 64 * 1024 * 1024;

private:
    static constexpr int kPollMs = 20;
    static constexpr size_t kMaxConnections = 512;
    static constexpr size_t kMaxRequestsPerConnection = 10'000;
    static constexpr size_t kMaxRequestBytes = 1024 * 1024;
    static constexpr auto kIdleLimit = std::chrono::seconds(20);

    struct Upstream
    {
        int status = 502;
        std::string body;
    };

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
            workers_.emplace_back([this, fd] { serve(fd); });
        }
    }

    /// Reads requests off one connection and answers each; closes the socket when done.
    void serve(int fd)
    {
        std::string buffer;
        auto last_activity = std::chrono::steady_clock::now();
        bool open = true;
        for (size_t served = 0; open && !stop_ && served < kMaxRequestsPerConnection;)
        {
            const size_t header_end = buffer.find("\r\n\r\n");
            if (header_end != std::string::npos)
            {
                const size_t length = content_length(buffer.substr(0, header_end));
                if (buffer.size() >= header_end + 4 + length)
                {
                    const std::string body = buffer.substr(header_end + 4, length);
                    buffer.erase(0, header_end + 4 + length);
                    ++served;
                    open = answer(fd, body);
                    last_activity = std::chrono::steady_clock::now();
                    continue;
                }
            }
            if (buffer.size() > kMaxRequestBytes ||
                std::chrono::steady_clock::now() - last_activity > kIdleLimit)
                break;
            pollfd ready{fd, POLLIN, 0};
            if (::poll(&ready, 1, kPollMs) <= 0)
                continue;
            char chunk[16384];
            const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
            if (n <= 0)
                break;
            buffer.append(chunk, static_cast<size_t>(n));
            last_activity = std::chrono::steady_clock::now();
        }
        ::close(fd);
    }

    /// Answers one request as the current fault says; false when the connection must close.
    bool answer(int fd, const std::string& request)
    {
        const Fault fault = fault_;
        if (fault == Fault::none)
        {
            ++forwarded_;
            const Upstream reply = forward(request);
            return send_all(fd,
                            head(reply.status, "application/json", reply.body.size()) + reply.body);
        }
        ++faults_;
        switch (fault)
        {
            case Fault::http_500_html:
                return send_page(fd, 500,
                                 "<html><body><h1>500 Internal Server Error</h1></body></html>");
            case Fault::http_503_html:
                return send_page(fd, 503,
                                 "<html><head><title>503 Service Temporarily Unavailable</title>"
                                 "</head><body><center><h1>503 Service Temporarily Unavailable"
                                 "</h1></center><hr><center>nginx</center></body></html>");
            case Fault::huge_body:
                return send_page(fd, 200, "<html>" + std::string(kHugeBodyBytes, 'x') + "</html>");
            case Fault::connection_reset:
            {
                const linger reset{1, 0};
                ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
                return false;
            }
            default:
                break;
        }
        Upstream reply = forward(request);
        switch (fault)
        {
            case Fault::truncated_json:
                reply.body.resize(reply.body.size() / 2);
                return send_all(fd, head(200, "application/json", reply.body.size()) + reply.body);
            case Fault::cut_connection:
                send_all(fd, head(200, "application/json", reply.body.size()) +
                                 reply.body.substr(0, reply.body.size() / 2));
                return false;
            case Fault::wrong_id:
            {
                const size_t at = reply.body.find("\"id\":");
                if (at != std::string::npos)
                    reply.body.insert(at + 5, "1000");
                return send_all(fd, head(200, "application/json", reply.body.size()) + reply.body);
            }
            case Fault::late_reply:
                sleep_unless_stopped(client_timeout_ * 2);
                send_all(fd, head(200, "application/json", reply.body.size()) + reply.body);
                return false;
            case Fault::slow_trickle:
                return trickle(fd, head(200, "application/json", reply.body.size()) + reply.body,
                               client_timeout_ / 4);
            case Fault::endless_trickle:
            {
                const std::string padded = reply.body + std::string(4096, ' ');
                trickle(fd, head(200, "application/json", padded.size()) + padded,
                        client_timeout_ * 3);
                return false;
            }
            default:
                return false;
        }
    }

    /// The node's reply to `request` (a fresh connection each time; the proxy is no load path).
    Upstream forward(const std::string& request) const
    {
        Upstream out;
        CURL* easy = curl_easy_init();
        if (easy == nullptr)
            return out;
        curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
        curl_easy_setopt(easy, CURLOPT_URL, upstream_.c_str());
        curl_easy_setopt(easy, CURLOPT_PROXY, "");
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.data());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.size()));
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 10'000L);
        curl_easy_setopt(easy, CURLOPT_WRITEDATA, &out.body);
        curl_easy_setopt(
            easy, CURLOPT_WRITEFUNCTION, +[](char* data, size_t size, size_t count, void* user) {
                static_cast<std::string*>(user)->append(data, size * count);
                return size * count;
            });
        long status = 502;
        if (curl_easy_perform(easy) == CURLE_OK)
            curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        out.status = static_cast<int>(status);
        curl_slist_free_all(headers);
        curl_easy_cleanup(easy);
        return out;
    }

    static std::string head(int status, const std::string& type, size_t length)
    {
        return "HTTP/1.1 " + std::to_string(status) + (status == 200 ? " OK" : " Error") +
               "\r\nContent-Type: " + type + "\r\nContent-Length: " + std::to_string(length) +
               "\r\nConnection: keep-alive\r\n\r\n";
    }

    bool send_page(int fd, int status, const std::string& html)
    {
        return send_all(fd, head(status, "text/html", html.size()) + html);
    }

    /// Sends `data` in pieces spread over `duration`; false if the client went away.
    bool trickle(int fd, const std::string& data, std::chrono::milliseconds duration)
    {
        constexpr size_t kPieces = 40;
        const size_t piece = (data.size() + kPieces - 1) / kPieces;
        for (size_t at = 0; at < data.size() && !stop_; at += piece)
        {
            if (!send_all(fd, data.substr(at, piece)))
                return false;
            sleep_unless_stopped(duration / kPieces);
        }
        return !stop_;
    }

    void sleep_unless_stopped(std::chrono::milliseconds duration) const
    {
        const auto until = std::chrono::steady_clock::now() + duration;
        while (!stop_ && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }

    bool send_all(int fd, const std::string& data) const
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

    static size_t content_length(std::string headers)
    {
        for (char& c : headers)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const size_t at = headers.find("content-length:");
        if (at == std::string::npos)
            return 0;
        const size_t digits = headers.find_first_of("0123456789", at);
        return digits == std::string::npos ? 0 : std::stoul(headers.substr(digits, 12));
    }

    std::string upstream_;
    std::chrono::milliseconds client_timeout_;
    std::atomic<Fault> fault_{Fault::none};
    int listen_fd_ = -1;
    uint16_t port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<size_t> connections_{0};
    std::atomic<size_t> faults_{0};
    std::atomic<size_t> forwarded_{0};
    std::mutex mutex_;
    std::vector<std::thread> workers_;
    std::thread acceptor_;
};

}  // namespace zkload::test
