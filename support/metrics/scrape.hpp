// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>

namespace zkload::metrics {

/// A metrics endpoint that did not answer with 200 and a body; the message names the URL and
/// the cause (connection refused, timeout, HTTP status).
class ScrapeError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// One HTTP GET of a Prometheus text endpoint (e.g. a zkSync server's
/// `http://127.0.0.1:3312/metrics`) with libcurl's easy interface, bounded by `timeout`; returns
/// the body.
std::string fetch_metrics_text(const std::string& url,
                               std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

}  // namespace zkload::metrics
