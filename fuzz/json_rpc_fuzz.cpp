// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: what zkload does with a node's reply body. The body goes through the single
// and batch reply parsers, the HTTP error path and the classifier, and every outcome is copied,
// described and compared, as the clients and the load engine do. A reply is either a result or
// a typed error: nothing may crash, hang or throw. The tree-free readers the engine uses under
// load (rpc/reply_scan.hpp) must agree with the checked parsers on every body.
#include "rpc/errors.hpp"
#include "rpc/json_rpc.hpp"
#include "rpc/reply_scan.hpp"

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

/// Same status, same class and message: what the engine counts must not depend on the reader.
void same(const Reply& checked, const Reply& status)
{
    if (checked.ok() != status.ok() || !status.result.is_null())
        std::abort();
    if (checked.error && (checked.error->error_class != status.error->error_class ||
                          checked.error->message != status.error->message))
        std::abort();
}

/// parse_block_hashes throws only RpcException, and where the checked parser reads a block its
/// hashes are the same. (Where it does not, the fast path may still read them: it skips the
/// block's other fields unread, so a broken `logsBloom` does not stop the count.)
void block_hashes_agree(std::string_view body)
{
    std::optional<std::vector<zkload::Hash>> hashes;
    try
    {
        hashes = parse_block_hashes(body, kId);
    }
    catch (const RpcException&)
    {
        hashes.reset();
    }
    const Reply reply = parse_reply(body, kId);
    if (reply.error || !reply.result.is_object() || !reply.result.contains("transactions"))
        return;
    std::vector<zkload::Hash> expected;
    for (const auto& entry : reply.result.at("transactions"))
    {
        const auto hash = entry.is_string() ? zkload::hash_from_hex(entry.get<std::string>()) : std::nullopt;
        if (!hash)
            return;  // not a hash list: parse_block_hashes threw, checked above
        expected.push_back(*hash);
    }
    if (!reply.result.at("transactions").is_array())
        return;
    if (hashes != expected)
        std::abort();
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
    const std::vector<Reply> statuses = parse_batch_status(body, kId, kBatchSize);
    if (statuses.size() != kBatchSize)
        std::abort();
    for (size_t i = 0; i < kBatchSize; ++i)
        same(replies[i], statuses[i]);
    same(parse_reply(body, kId), parse_status(body, kId));
    block_hashes_agree(body);
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
