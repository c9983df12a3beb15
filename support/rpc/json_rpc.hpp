// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/errors.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace zkload::rpc {

/// The outcome of one call: a result (which may be JSON null, e.g. a receipt not yet mined) or
/// an error. Exactly one of them is meaningful.
struct Reply
{
    nlohmann::json result{};
    std::optional<Error> error{};

    bool ok() const { return !error.has_value(); }
};

/// One call of a batch: method and params.
using Call = std::pair<std::string, nlohmann::json>;

/// Appends `{"jsonrpc":"2.0","id":<id>,"method":"<method>","params":<params>}` to `out`, so a
/// caller can reuse one buffer. Null params are sent as `[]`; params other than an array, an
/// object or null throw std::invalid_argument (JSON-RPC 2.0 allows nothing else).
void append_request(std::string& out,
                    std::string_view method,
                    const nlohmann::json& params,
                    uint64_t id);

/// One request body, as append_request writes it.
std::string make_request(std::string_view method, const nlohmann::json& params, uint64_t id);

/// A batch body whose calls get the ids first_id, first_id + 1, ... in order.
std::string make_batch(const std::vector<Call>& calls, uint64_t first_id);

/// The id of a pre-built single request body: read straight from the prefix make_request writes,
/// otherwise by parsing the body. Nullopt when the body has no unsigned integer id.
std::optional<uint64_t> request_id(std::string_view body);

/// Parses the reply to a single request. Not JSON (HTML, truncated), not a JSON-RPC 2.0 object,
/// a batch array, or an id other than `expected_id` give a `bad_response` error; a node error is
/// classified. An error reply with a null id (the node rejected the request itself, e.g.
/// -32600) is reported as that node error.
Reply parse_reply(std::string_view body, uint64_t expected_id);

/// Parses the reply to a batch sent with ids first_id .. first_id + count - 1 and returns the
/// replies in request order; the node may answer out of order. A missing, duplicate or unknown
/// id makes every reply a `bad_response`: the batch cannot be trusted. A single error object
/// with a null id (the node rejected the whole batch) becomes every reply's error.
std::vector<Reply> parse_batch_reply(std::string_view body, uint64_t first_id, size_t count);

}  // namespace zkload::rpc
