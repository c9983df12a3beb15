// SPDX-License-Identifier: Apache-2.0
#include "loopback_listener.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace zkload::null_node {
namespace {

[[noreturn]] void throw_errno(const std::string& what)
{
    throw std::system_error(errno, std::generic_category(), what);
}

}  // namespace

LoopbackListener::LoopbackListener(const std::string& host, uint16_t port)
{
    const std::string address = host == "localhost" ? "127.0.0.1" : host;
    sockaddr_storage storage{};
    socklen_t length = 0;
    auto* v4 = reinterpret_cast<sockaddr_in*>(&storage);
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&storage);
    if (::inet_pton(AF_INET, address.c_str(), &v4->sin_addr) == 1)
    {
        if ((ntohl(v4->sin_addr.s_addr) >> 24) != 127)
            throw NotLoopbackError("--host " + host + " is not a loopback address: the null node "
                                   "only listens on 127.0.0.0/8 or ::1");
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        length = sizeof(sockaddr_in);
    }
    else if (::inet_pton(AF_INET6, address.c_str(), &v6->sin6_addr) == 1)
    {
        if (!IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr))
            throw NotLoopbackError("--host " + host + " is not a loopback address: the null node "
                                   "only listens on 127.0.0.0/8 or ::1");
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        length = sizeof(sockaddr_in6);
    }
    else
        throw NotLoopbackError("--host " + host + " is not an IP address or localhost");

    fd_ = ::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd_ < 0)
        throw_errno("socket");
    const int on = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&storage), length) != 0 ||
        ::listen(fd_, SOMAXCONN) != 0)
    {
        const int error = errno;
        ::close(fd_);
        throw std::system_error(error, std::generic_category(),
                                "cannot listen on " + host + " port " + std::to_string(port));
    }
    if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&storage), &length) != 0)
    {
        const int error = errno;
        ::close(fd_);
        throw std::system_error(error, std::generic_category(), "getsockname");
    }
    port_ = ntohs(storage.ss_family == AF_INET ? v4->sin_port : v6->sin6_port);
    url_ = storage.ss_family == AF_INET ? "http://" + address + ":" + std::to_string(port_)
                                        : "http://[" + address + "]:" + std::to_string(port_);
}

LoopbackListener::~LoopbackListener()
{
    ::close(fd_);
}

}  // namespace zkload::null_node
