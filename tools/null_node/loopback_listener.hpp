// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace zkload::null_node {

/// The host given is not a loopback address: the null node never listens beyond this machine.
class NotLoopbackError : public std::invalid_argument
{
public:
    using std::invalid_argument::invalid_argument;
};

/// A non-blocking TCP socket listening on a loopback address; closed when this goes away.
class LoopbackListener
{
public:
    /// Binds `host` (127.0.0.0/8, ::1 or "localhost") and `port` (0: the kernel picks a free
    /// one). Throws NotLoopbackError for any other host, std::system_error when binding fails.
    LoopbackListener(const std::string& host, uint16_t port);
    ~LoopbackListener();
    LoopbackListener(const LoopbackListener&) = delete;
    LoopbackListener& operator=(const LoopbackListener&) = delete;

    int fd() const noexcept { return fd_; }
    uint16_t port() const noexcept { return port_; }

    /// `http://127.0.0.1:<port>` (or `http://[::1]:<port>`): what clients connect to.
    const std::string& url() const noexcept { return url_; }

private:
    int fd_ = -1;
    uint16_t port_ = 0;
    std::string url_;
};

}  // namespace zkload::null_node
