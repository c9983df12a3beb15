// SPDX-License-Identifier: Apache-2.0
#include "rpc/json_rpc.hpp"

#include <charconv>
#include <stdexcept>

namespace zkload::rpc {
namespace {

constexpr std::string_view kRequestPrefix = R"({"jsonrpc":"2.0","id":)";

bool needs_escaping(std::string_view text)
{
    for (char c : text)
    {
        if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20)
            return true;
    }
    return false;
}

Reply failed(Error error)
{
    Reply reply;
    reply.error = std::move(error);
    return reply;
}

/// Parses a body, turning a syntax error (HTML, a cut-off body) into a described bad_response.
std::optional<nlohmann::json> parse_body(std::string_view body, Error& error)
{
    try
    {
        return nlohmann::json::parse(body);
    }
    catch (const nlohmann::json::exception& e)  // parse_error, and out_of_range for 1e999
    {
        error = make_bad_response("reply is not JSON (" + excerpt(e.what(), 160) + ")", body);
        return std::nullopt;
    }
}

/// The node's error object, classified, or a bad_response if it is not a JSON-RPC error object.
Error error_from_object(const nlohmann::json& object, std::string_view body)
{
    const auto code = object.find("code");
    const auto message = object.find("message");
    if (!object.is_object() || code == object.end() || !code->is_number_integer() ||
        message == object.end() || !message->is_string())
        return make_bad_response("malformed JSON-RPC error object", body);
    std::optional<nlohmann::json> data;
    if (const auto found = object.find("data"); found != object.end())
        data = *found;
    return make_rpc_error(code->get<int64_t>(), message->get<std::string>(), std::move(data));
}

/// Checks the envelope and id of one reply object and takes its result or error.
Reply reply_from_object(nlohmann::json& object, uint64_t expected_id, std::string_view body)
{
    const auto version = object.find("jsonrpc");
    if (version == object.end() || *version != "2.0")
        return failed(make_bad_response("reply is not JSON-RPC 2.0", body));
    const auto result = object.find("result");
    const auto error = object.find("error");
    if ((result == object.end()) == (error == object.end()))
        return failed(make_bad_response("reply needs exactly one of result and error", body));
    const auto id = object.find("id");
    const bool null_id = id == object.end() || id->is_null();
    if (error != object.end() && null_id)
        return failed(error_from_object(*error, body));
    if (null_id || !id->is_number_unsigned() || id->get<uint64_t>() != expected_id)
        return failed(make_bad_response(
            "reply id does not match request id " + std::to_string(expected_id), body));
    if (error != object.end())
        return failed(error_from_object(*error, body));
    return Reply{std::move(*result), std::nullopt};
}

/// The result of `{"jsonrpc":"2.0","id":<expected_id>,"result":<value>}` exactly as geth and
/// anvil write a success, without building the envelope object (about 1 us of a load
/// generator's per-request budget). Anything else, including an invalid value, takes the
/// checked path.
std::optional<nlohmann::json> fast_result(std::string_view body, uint64_t expected_id)
{
    constexpr std::string_view kResultKey = R"(,"result":)";
    if (!body.starts_with(kRequestPrefix))
        return std::nullopt;
    body.remove_prefix(kRequestPrefix.size());
    uint64_t id = 0;
    const auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), id);
    if (ec != std::errc() || id != expected_id || (body[0] == '0' && end - body.data() > 1))
        return std::nullopt;
    body.remove_prefix(static_cast<size_t>(end - body.data()));
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r' || body.back() == ' '))
        body.remove_suffix(1);
    if (!body.starts_with(kResultKey) || !body.ends_with('}'))
        return std::nullopt;
    body = body.substr(kResultKey.size(), body.size() - kResultKey.size() - 1);
    nlohmann::json result = nlohmann::json::parse(body, nullptr, false);
    if (result.is_discarded())
        return std::nullopt;
    return result;
}

std::string too_deep()
{
    return "reply nests arrays or objects deeper than " + std::to_string(kMaxJsonDepth) + " levels";
}

std::vector<Reply> all_failed(size_t count, const Error& error)
{
    std::vector<Reply> replies(count);
    for (Reply& reply : replies)
        reply.error = error;
    return replies;
}

}  // namespace

void append_request(std::string& out,
                    std::string_view method,
                    const nlohmann::json& params,
                    uint64_t id)
{
    if (!params.is_null() && !params.is_array() && !params.is_object())
        throw std::invalid_argument("JSON-RPC params must be an array or an object, got " +
                                    std::string(params.type_name()) + " for " +
                                    std::string(method));
    out += kRequestPrefix;
    out += std::to_string(id);
    out += R"(,"method":)";
    if (needs_escaping(method))
        out += nlohmann::json(std::string(method)).dump();
    else
        out.append("\"").append(method).append("\"");
    out += R"(,"params":)";
    if (params.is_null() || (params.is_array() && params.empty()))
        out += "[]";
    else
        out += params.dump();
    out += '}';
}

std::string make_request(std::string_view method, const nlohmann::json& params, uint64_t id)
{
    std::string out;
    out.reserve(kRequestPrefix.size() + method.size() + 48);
    append_request(out, method, params, id);
    return out;
}

std::string make_batch(const std::vector<Call>& calls, uint64_t first_id)
{
    std::string out = "[";
    for (size_t i = 0; i < calls.size(); ++i)
    {
        if (i != 0)
            out += ',';
        append_request(out, calls[i].first, calls[i].second, first_id + i);
    }
    out += ']';
    return out;
}

std::optional<uint64_t> request_id(std::string_view body)
{
    if (body.starts_with(kRequestPrefix))
    {
        const char* first = body.data() + kRequestPrefix.size();
        uint64_t id = 0;
        const auto [end, ec] = std::from_chars(first, body.data() + body.size(), id);
        if (ec == std::errc() && end != first && end < body.data() + body.size() && *end == ',')
            return id;
    }
    const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
    if (!doc.is_object())
        return std::nullopt;
    const auto id = doc.find("id");
    if (id == doc.end() || !id->is_number_unsigned())
        return std::nullopt;
    return id->get<uint64_t>();
}

Reply parse_reply(std::string_view body, uint64_t expected_id)
{
    if (!json_depth_within(body))
        return failed(make_bad_response(too_deep(), body));
    if (std::optional<nlohmann::json> result = fast_result(body, expected_id))
        return Reply{std::move(*result), std::nullopt};
    Error error;
    std::optional<nlohmann::json> doc = parse_body(body, error);
    if (!doc)
        return failed(std::move(error));
    if (!doc->is_object())
        return failed(make_bad_response("reply is not a JSON-RPC object", body));
    return reply_from_object(*doc, expected_id, body);
}

std::vector<Reply> parse_batch_reply(std::string_view body, uint64_t first_id, size_t count)
{
    if (!json_depth_within(body))
        return all_failed(count, make_bad_response(too_deep(), body));
    Error error;
    std::optional<nlohmann::json> doc = parse_body(body, error);
    if (!doc)
        return all_failed(count, error);
    if (doc->is_object())
    {
        const auto id = doc->find("id");
        if (doc->contains("error") && (id == doc->end() || id->is_null()))
            return all_failed(count, *reply_from_object(*doc, first_id, body).error);
        return all_failed(count, make_bad_response("single reply to a batch", body));
    }
    if (!doc->is_array())
        return all_failed(count, make_bad_response("batch reply is not an array", body));
    std::vector<std::optional<Reply>> slots(count);
    for (nlohmann::json& element : *doc)
    {
        const auto id = element.is_object() ? element.find("id") : element.end();
        if (!element.is_object() || id == element.end() || !id->is_number_unsigned() ||
            id->get<uint64_t>() < first_id || id->get<uint64_t>() - first_id >= count)
            return all_failed(count, make_bad_response("batch reply has an unknown id", body));
        const uint64_t slot = id->get<uint64_t>() - first_id;
        if (slots[slot])
            return all_failed(
                count, make_bad_response(
                           "batch reply repeats id " + std::to_string(slot + first_id), body));
        slots[slot] = reply_from_object(element, first_id + slot, body);
    }
    std::vector<Reply> replies;
    replies.reserve(count);
    for (size_t i = 0; i < count; ++i)
    {
        if (!slots[i])
            return all_failed(
                count,
                make_bad_response("batch reply lacks id " + std::to_string(first_id + i), body));
        replies.push_back(std::move(*slots[i]));
    }
    return replies;
}

}  // namespace zkload::rpc
