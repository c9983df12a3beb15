// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "chain_of_hashes.hpp"
#include "rpc_methods.hpp"
#include "send_fast_path.hpp"

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace zkload::null_node {

/// Turns one HTTP body (a JSON-RPC 2.0 request or a batch of them) into the reply body. One per
/// serving thread: it keeps scratch buffers between requests; the chain it shares is thread-safe.
class RpcDispatcher
{
public:
    /// `batches_last_first`: a batch's requests are handled from the last to the first, as a
    /// server that runs a batch's calls concurrently may handle them; replies keep the request order.
    RpcDispatcher(ChainOfHashes& chain,
                  NodeIdentity identity,
                  Admission* admission = nullptr,
                  bool batches_last_first = false);

    /// Clears `reply` and writes the answer into it: an object for a request, an array for a
    /// batch, nothing when every request was a notification. Malformed JSON gives -32700, an
    /// empty batch or a request without a method -32600, an unknown method -32601 and bad
    /// params -32602, each with the request's id (null where it could not be read).
    void answer(std::string_view body, std::string& reply);

private:
    /// The send recognised without a parser (send_fast_path.hpp), answered as the general path
    /// would.
    void answer_send(const SendRequest& send, std::string& reply);

    /// Appends the response object: the error, or result_ as the result.
    void append_answer(std::string& reply, const nlohmann::json* id,
                       const std::optional<RpcError>& error) const;

    /// Appends one response object to `reply`; false (nothing appended) for a notification.
    bool answer_request(const nlohmann::json& request, std::string& reply);

    /// The batch's answers in request order, handled last to first.
    void answer_batch_last_first(const nlohmann::json& batch, std::string& reply);

    NodeIdentity identity_;
    bool batches_last_first_;
    MethodContext context_;
    std::string result_;
};

}  // namespace zkload::null_node
