// SPDX-License-Identifier: Apache-2.0
#include "serving_loop.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <system_error>

namespace zkload::null_node {
namespace {

/// Events taken from one epoll_wait; connections accepted per wake-up (the rest wait for the
/// next one, or for another loop).
constexpr int kEventsPerWait = 256;
constexpr int kAcceptsPerWake = 64;

/// Out of descriptors, accept fails while the listening socket stays readable: said once, and
/// the loop keeps serving the connections it has until some close.
void warn_accept_failure(int error)
{
    static std::atomic<bool> warned{false};
    if (error != EAGAIN && error != EWOULDBLOCK && error != EINTR && !warned.exchange(true))
        std::cerr << "zkload-null-node: accept failed: " << std::strerror(error)
                  << (error == EMFILE || error == ENFILE ? " (raise ulimit -n)" : "") << '\n';
}

void add_watch(int epoll_fd, int fd, uint32_t events)
{
    epoll_event event{};
    event.events = events;
    event.data.fd = fd;
    if (::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &event) != 0)
        throw std::system_error(errno, std::generic_category(), "epoll_ctl add");
}

}  // namespace

ServingLoop::ServingLoop(int listen_fd, int stop_fd, BodyAnswerer answerer)
    : listen_fd_(listen_fd), stop_fd_(stop_fd), answerer_(std::move(answerer))
{
    epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
    if (epoll_fd_ < 0)
        throw std::system_error(errno, std::generic_category(), "epoll_create1");
    add_watch(epoll_fd_, listen_fd_, EPOLLIN | EPOLLEXCLUSIVE);
    add_watch(epoll_fd_, stop_fd_, EPOLLIN);
}

ServingLoop::~ServingLoop()
{
    slots_.clear();
    ::close(epoll_fd_);
}

void ServingLoop::run()
{
    std::array<epoll_event, kEventsPerWait> ready{};
    for (;;)
    {
        const int count = ::epoll_wait(epoll_fd_, ready.data(), kEventsPerWait, -1);
        if (count < 0 && errno == EINTR)
            continue;
        if (count < 0)
            throw std::system_error(errno, std::generic_category(), "epoll_wait");
        for (int i = 0; i < count; ++i)
        {
            const int fd = ready[i].data.fd;
            if (fd == stop_fd_)
            {
                slots_.clear();
                return;
            }
            if (fd == listen_fd_)
                accept_waiting();
            else
                serve(fd, ready[i].events);
        }
    }
}

void ServingLoop::accept_waiting()
{
    for (int i = 0; i < kAcceptsPerWake; ++i)
    {
        const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
        {
            warn_accept_failure(errno);
            return;  // EAGAIN: none left (or another loop took it)
        }
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
        if (static_cast<size_t>(fd) >= slots_.size())
            slots_.resize(static_cast<size_t>(fd) * 2 + 1);
        Slot& slot = slots_[static_cast<size_t>(fd)];
        slot.connection = std::make_unique<HttpConnection>(fd);
        slot.events = EPOLLIN;
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.fd = fd;
        if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event) != 0)
            close_connection(fd);  // cannot watch it (out of memory): drop it, keep serving
    }
}

void ServingLoop::serve(int fd, uint32_t ready)
{
    Slot& slot = slots_[static_cast<size_t>(fd)];
    if (!slot.connection)
        return;
    bool open = true;
    if (ready & (EPOLLIN | EPOLLHUP | EPOLLERR))
        open = slot.connection->on_readable(answerer_);
    else if (ready & EPOLLOUT)
        open = slot.connection->on_writable();
    if (!open)
    {
        close_connection(fd);
        return;
    }
    const uint32_t wanted = slot.connection->wanted_events();
    if (wanted != slot.events)
    {
        epoll_event event{};
        event.events = wanted;
        event.data.fd = fd;
        ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, fd, &event);
        slot.events = wanted;
    }
}

void ServingLoop::close_connection(int fd)
{
    slots_[static_cast<size_t>(fd)] = Slot{};
}

}  // namespace zkload::null_node
