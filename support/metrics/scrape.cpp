// SPDX-License-Identifier: Apache-2.0
#include "metrics/scrape.hpp"

#include "rpc/exchange.hpp"

#include <curl/curl.h>

#include <memory>

namespace zkload::metrics {
namespace {

/// Past this the endpoint is not a metrics page (a zkSync server's is a few hundred kB).
constexpr size_t kMaxBody = 64 * 1024 * 1024;

struct Body
{
    std::string text;
    bool too_large = false;
};

size_t append_body(char* data, size_t size, size_t count, void* user)
{
    auto* body = static_cast<Body*>(user);
    if (body->text.size() + size * count > kMaxBody)
    {
        body->too_large = true;
        return 0;  // aborts the transfer
    }
    body->text.append(data, size * count);
    return size * count;
}

}  // namespace

std::string fetch_metrics_text(const std::string& url, std::chrono::milliseconds timeout)
{
    rpc::detail::init_curl();
    const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> easy(curl_easy_init(),
                                                                   &curl_easy_cleanup);
    if (!easy)
        throw ScrapeError("curl_easy_init failed");
    Body body;
    char error[CURL_ERROR_SIZE] = {};
    CURL* handle = easy.get();
    const long timeout_ms = static_cast<long>(timeout.count());
    if (curl_easy_setopt(handle, CURLOPT_URL, url.c_str()) != CURLE_OK ||
        curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L) != CURLE_OK ||
        curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
        curl_easy_setopt(handle, CURLOPT_PROXY, "") != CURLE_OK ||
        curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms) != CURLE_OK ||
        curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms) != CURLE_OK ||
        curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "") != CURLE_OK ||
        curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &append_body) != CURLE_OK ||
        curl_easy_setopt(handle, CURLOPT_WRITEDATA, &body) != CURLE_OK ||
        curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error) != CURLE_OK)
        throw ScrapeError("cannot configure a libcurl handle for " + url);
    const CURLcode code = curl_easy_perform(handle);
    if (body.too_large)
        throw ScrapeError("metrics endpoint " + url +
                          " sent more than 64 MiB: not a metrics page?");
    if (code != CURLE_OK)
        throw ScrapeError("cannot scrape metrics from " + url + ": " +
                          (error[0] != '\0' ? std::string(error) : curl_easy_strerror(code)) +
                          " (is --metrics-url the node's Prometheus port, e.g. 3312 or 3314?)");
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200)
        throw ScrapeError("metrics endpoint " + url + " answered HTTP " + std::to_string(status));
    return std::move(body.text);
}

}  // namespace zkload::metrics
