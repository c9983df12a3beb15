// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http_connection.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace zkload::null_node {

/// One serving thread: an epoll loop that accepts from the shared listening socket (with
/// EPOLLEXCLUSIVE, so several loops split the connections) and serves the connections it
/// accepted. Level-triggered, one read per readiness, responses sent at once and only left to
/// EPOLLOUT when the socket is full.
class ServingLoop
{
public:
    /// `stop_fd` is an eventfd that becomes readable (and stays so) when every loop must end.
    ServingLoop(int listen_fd, int stop_fd, BodyAnswerer answerer);
    ~ServingLoop();
    ServingLoop(const ServingLoop&) = delete;
    ServingLoop& operator=(const ServingLoop&) = delete;

    /// Serves until stop_fd is readable; then closes every connection it holds.
    void run();

private:
    struct Slot
    {
        std::unique_ptr<HttpConnection> connection;
        uint32_t events = 0;
    };

    void accept_waiting();
    void serve(int fd, uint32_t ready);
    void close_connection(int fd);

    int epoll_fd_ = -1;
    int listen_fd_;
    int stop_fd_;
    BodyAnswerer answerer_;
    std::vector<Slot> slots_;  // indexed by file descriptor
};

}  // namespace zkload::null_node
