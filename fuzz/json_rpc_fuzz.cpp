// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: what zkload does with a node's reply body. The body goes through the single
// and batch reply parsers, the HTTP error path and the classifier, and every outcome is copied,
// described and compared, as the clients and the load engine do. A reply is either a result or
// a typed error: nothing may crash, hang or throw.
#include "rpc/errors.hpp"
#include "rpc/json_rpc.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

using namespace zkload::rpc;

/// The ids the parsers expect; the corpus replies use them.
constexpr uint64_t kId = 1;
constexpr size_t kBatchSize = 3;

void check(const Reply& reply)
{
    const Reply copy = reply;
    if (copy.ok() != reply.ok())
        std::abort();
    if (reply.error)
    {
        const std::string line = reply.error->describe();
        if (line.find(to_string(reply.error->error_class)) != 0)
            std::abort();
    }
    else
    {
        (void)reply.result.dump();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    check(parse_reply(body, kId));
    const std::vector<Reply> replies = parse_batch_reply(body, kId, kBatchSize);
    if (replies.size() != kBatchSize)
        std::abort();
    for (const Reply& reply : replies)
        check(reply);
    const Error http = make_http_error(503, body);
    if (http.error_class != ErrorClass::http_status && http.error_class != ErrorClass::rate_limited)
        std::abort();
    (void)http.describe();
    (void)classify_rpc_error(-32000, body);
    (void)excerpt(body, size % 300);
    (void)redacted_url(body);
    (void)request_id(body);
    return 0;
}
