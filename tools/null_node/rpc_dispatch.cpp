// SPDX-License-Identifier: Apache-2.0
#include "rpc_dispatch.hpp"

#include "json_text.hpp"
#include "send_fast_path.hpp"

#include <charconv>
#include <exception>
#include <vector>

namespace zkload::null_node {
namespace {

void append_id(std::string& out, const nlohmann::json* id)
{
    if (id == nullptr)
        out += "null";
    else if (id->is_number_unsigned())
    {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof(digits), id->get<uint64_t>()).ptr;
        out.append(digits, end);
    }
    else
        out += id->dump();
}

void append_error(std::string& out, const nlohmann::json* id, const RpcError& error)
{
    out += "{\"jsonrpc\":\"2.0\",\"id\":";
    append_id(out, id);
    out += ",\"error\":{\"code\":";
    out += std::to_string(error.code);
    out += ",\"message\":";
    append_json_string(out, error.message);
    out += "}}";
}

bool is_valid_id(const nlohmann::json& id)
{
    return id.is_string() || id.is_number() || id.is_null();
}

}  // namespace

RpcDispatcher::RpcDispatcher(ChainOfHashes& chain,
                             NodeIdentity identity,
                             Admission* admission,
                             bool batches_last_first)
    : identity_(std::move(identity)),
      batches_last_first_(batches_last_first),
      context_{chain, identity_, admission}
{
}

void RpcDispatcher::answer(std::string_view body, std::string& reply)
{
    reply.clear();
    if (const auto send = match_send_request(body))
    {
        answer_send(*send, reply);
        return;
    }
    const nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_discarded())
    {
        append_error(reply, nullptr, RpcError{kParseError, "parse error: the body is not JSON"});
        return;
    }
    if (!parsed.is_array())
    {
        answer_request(parsed, reply);
        return;
    }
    if (parsed.empty())
    {
        append_error(reply, nullptr, RpcError{kInvalidRequest, "empty batch"});
        return;
    }
    if (batches_last_first_)
    {
        answer_batch_last_first(parsed, reply);
        return;
    }
    reply += '[';
    bool first = true;
    for (const nlohmann::json& request : parsed)
    {
        if (!first)
            reply += ',';
        const bool answered = answer_request(request, reply);
        if (answered)
            first = false;
        else if (!first)
            reply.pop_back();
    }
    if (first)
        reply.clear();
    else
        reply += ']';
}

void RpcDispatcher::answer_batch_last_first(const nlohmann::json& batch, std::string& reply)
{
    std::vector<std::string> answers(batch.size());
    for (size_t i = batch.size(); i-- > 0;)
        answer_request(batch[i], answers[i]);
    for (const std::string& answer : answers)
    {
        if (answer.empty())
            continue;  // a notification
        reply += reply.empty() ? '[' : ',';
        reply += answer;
    }
    if (!reply.empty())
        reply += ']';
}

void RpcDispatcher::answer_send(const SendRequest& send, std::string& reply)
{
    const nlohmann::json id = send.id;
    std::optional<RpcError> error;
    result_.clear();
    try
    {
        error = send_raw_hex(context_.chain, send.raw_hex, result_, context_.admission);
    }
    catch (const std::exception& e)
    {
        error = RpcError{kInvalidParams, std::string("invalid params: ") + e.what()};
    }
    append_answer(reply, &id, error);
}

void RpcDispatcher::append_answer(std::string& reply, const nlohmann::json* id,
                                  const std::optional<RpcError>& error) const
{
    if (error)
    {
        append_error(reply, id, *error);
        return;
    }
    reply += "{\"jsonrpc\":\"2.0\",\"id\":";
    append_id(reply, id);
    reply += ",\"result\":";
    reply += result_;
    reply += '}';
}

bool RpcDispatcher::answer_request(const nlohmann::json& request, std::string& reply)
{
    if (!request.is_object())
    {
        append_error(reply, nullptr, RpcError{kInvalidRequest, "a request must be an object"});
        return true;
    }
    const auto id_field = request.find("id");
    const nlohmann::json* id = id_field == request.end() ? nullptr : &*id_field;
    if (id != nullptr && !is_valid_id(*id))
    {
        append_error(reply, nullptr, RpcError{kInvalidRequest, "id must be a string or number"});
        return true;
    }
    const auto method = request.find("method");
    if (method == request.end() || !method->is_string())
    {
        append_error(reply, id, RpcError{kInvalidRequest, "method must be a string"});
        return true;
    }
    const auto& name = method->get_ref<const std::string&>();
    const MethodHandler handler = find_method(name);
    std::optional<RpcError> error;
    result_.clear();
    if (handler == nullptr)
        error = RpcError{kMethodNotFound, "the method " + name + " does not exist/is not available"};
    else
    {
        static const nlohmann::json no_params = nlohmann::json::array();
        const auto params = request.find("params");
        try
        {
            error = handler(context_, params == request.end() ? no_params : *params, result_);
        }
        catch (const std::exception& e)
        {
            error = RpcError{kInvalidParams, std::string("invalid params: ") + e.what()};
        }
    }
    if (id == nullptr)
        return false;
    append_answer(reply, id, error);
    return true;
}

}  // namespace zkload::null_node
