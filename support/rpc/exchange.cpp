// SPDX-License-Identifier: Apache-2.0
#include "rpc/exchange.hpp"

#include <stdexcept>
#include <string>

#include <curl/curl.h>

namespace zkload::rpc {
namespace {

/// curl_global_init exactly once per process (a function-local static is initialised once even
/// with threads), plus the header list every handle shares read-only and that must outlive them.
const curl_slist* json_headers()
{
    static const curl_slist* const headers = []
    {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw std::runtime_error("curl_global_init failed");
        curl_slist* list = curl_slist_append(nullptr, "Content-Type: application/json");
        list = curl_slist_append(list, "Expect:");
        if (list == nullptr)
            throw std::runtime_error("curl_slist_append failed");
        return list;
    }();
    return headers;
}

void check(CURLcode code, const char* what)
{
    if (code != CURLE_OK)
        throw std::runtime_error(std::string("curl_easy_setopt ") + what + ": " +
                                 curl_easy_strerror(code));
}

}  // namespace

namespace detail {

void init_curl()
{
    json_headers();
}

Exchange::Exchange(const ClientOptions& options, size_t kept_buffer) : url_(options.url), kept_buffer_(kept_buffer)
{
    static_assert(CURL_ERROR_SIZE <= sizeof(error_buffer_));
    const curl_slist* headers = json_headers();
    CURL* easy = curl_easy_init();
    if (easy == nullptr)
        throw std::runtime_error("curl_easy_init failed");
    handle_ = easy;
    check(curl_easy_setopt(easy, CURLOPT_URL, url_.c_str()), "URL");
    check(curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers), "HTTPHEADER");
    check(curl_easy_setopt(easy, CURLOPT_POST, 1L), "POST");
    check(curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L), "NOSIGNAL");
    check(curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1), "HTTP_VERSION");
    check(curl_easy_setopt(easy, CURLOPT_PROXY, ""), "PROXY");
    check(curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count())),
          "TIMEOUT_MS");
    check(curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                           static_cast<long>(options.connect_timeout.count())),
          "CONNECTTIMEOUT_MS");
    // Appends a piece of the reply, or aborts the transfer (a short count) past kMaxReplyBytes.
    const auto append_body = +[](char* data, size_t size, size_t count, void* user) -> size_t
    {
        auto* self = static_cast<Exchange*>(user);
        if (self->response_.size() + size * count > kMaxReplyBytes)
        {
            self->reply_too_large_ = true;
            return 0;
        }
        self->response_.append(data, size * count);
        return size * count;
    };
    check(curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, append_body), "WRITEFUNCTION");
    check(curl_easy_setopt(easy, CURLOPT_WRITEDATA, this), "WRITEDATA");
    check(curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer_), "ERRORBUFFER");
}

Exchange::~Exchange()
{
    curl_easy_cleanup(handle_);
}

void Exchange::prepare()
{
    if (response_.capacity() > kept_buffer_)
        std::string().swap(response_);
    response_.clear();
    reply_too_large_ = false;
    error_buffer_[0] = '\0';
    curl_easy_setopt(handle_, CURLOPT_POSTFIELDS, request_.data());
    curl_easy_setopt(handle_, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request_.size()));
}

std::optional<Error> Exchange::finish(int curl_code)
{
    new_connections_ = 0;
    curl_easy_getinfo(handle_, CURLINFO_NUM_CONNECTS, &new_connections_);
    if (reply_too_large_)
        return make_bad_response("the reply is larger than the " + std::to_string(kMaxReplyBytes >> 20) +
                                     " MiB cap (kMaxReplyBytes); transfer aborted",
                                 "");
    if (curl_code != CURLE_OK)
        return make_transport_error(curl_code, error_buffer_, url_);
    long status = 0;
    curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status > 299)
        return make_http_error(static_cast<int>(status), response_);
    return std::nullopt;
}

}  // namespace detail

}  // namespace zkload::rpc
