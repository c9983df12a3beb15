// SPDX-License-Identifier: Apache-2.0
// simdjson is included here only: its header is 1.3 MB, and no other file needs it.
#include "rpc/reply_scan.hpp"

#include "rpc/errors.hpp"

#include <simdjson.h>

#include <array>

namespace zkload::rpc {
namespace {

namespace od = simdjson::ondemand;

/// One parser and one padded copy of the body per thread: simdjson reads up to 64 bytes past
/// the end of its input, and reusing both keeps a reply free of heap allocations.
struct Scanner
{
    od::parser parser;
    std::string padded;

    simdjson::simdjson_result<od::document> iterate(std::string_view body)
    {
        padded.reserve(body.size() + simdjson::SIMDJSON_PADDING);
        padded.assign(body);
        return parser.iterate(simdjson::padded_string_view(padded.data(), padded.size(), padded.capacity()));
    }
};

Scanner& scanner()
{
    thread_local Scanner instance;
    return instance;
}

/// True when the document's one value was read to its end and nothing follows it.
bool consumed_all(od::document& doc)
{
    const char* where = nullptr;
    return doc.current_location().get(where) == simdjson::OUT_OF_BOUNDS;
}

/// Letters and digits only: a hash or a quantity, which reads the same however it is escaped
/// and whichever parser reads it.
constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c)
        table[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return table;
}();

bool plain(std::string_view text)
{
    bool all = true;
    for (char c : text)
        all &= kPlain[static_cast<unsigned char>(c)];  // no early exit: the common case is all plain
    return all;
}

/// A scalar value as written, without the whitespace after it, and whether it ends its field:
/// followed by what JSON allows after an object's field (',' or '}'). On-demand skips a value
/// left unread without looking at what follows it, so `"result":"0x1":1}}` would otherwise pass
/// for a reply. The raw token runs up to the next token, and the padding makes the byte after the
/// body readable.
struct Scalar
{
    std::string_view text;
    bool ends_field = false;
};

Scalar scalar(od::value value)
{
    std::string_view text = value.raw_json_token();
    const char next = text.data()[text.size()];
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' || text.back() == '\t'))
        text.remove_suffix(1);
    return {text, next == ',' || next == '}'};
}

/// The value as written, without the whitespace after it.
std::string_view token(od::value value) { return scalar(value).text; }

/// A string of letters and digits written without escapes, or null: read from the raw bytes,
/// no copy, no unescaping. Anything else (an escape, a number, an object) is not plain.
bool plain_result(od::value value)
{
    const auto [text, ends_field] = scalar(value);
    if (!ends_field)
        return false;
    if (text == "null")
        return true;
    return text.size() >= 2 && text.front() == '"' && text.back() == '"' && plain(text.substr(1, text.size() - 2));
}

/// The keys a plain success may have, each once.
struct Envelope
{
    bool version = false;
    std::optional<uint64_t> id;
    bool result = false;

    bool complete() const { return version && id && result; }
};

/// Reads a `jsonrpc` or `id` field into `envelope`; false when the key is neither (keys are
/// compared as written: an escaped key is not plain) or the value is not a plain one.
bool read_envelope_field(od::raw_json_string key, od::value value, Envelope& envelope)
{
    if (key.unsafe_is_equal("jsonrpc"))
    {
        const Scalar version = scalar(value);
        if (envelope.version || version.text != "\"2.0\"" || !version.ends_field)
            return false;
        envelope.version = true;
        return true;
    }
    if (key.unsafe_is_equal("id"))
    {
        uint64_t id = 0;
        if (envelope.id || value.get_uint64().get(id) != simdjson::SUCCESS)
            return false;
        envelope.id = id;
        return true;
    }
    return false;
}

/// Walks a reply object's fields: `jsonrpc` and `id` into the envelope, the value of `result`
/// to `read_result` (false: not plain); nullopt for any other key, a repeated one, a value that
/// is not plain, or a key missing.
template <typename ReadResult>
std::optional<Envelope> read_envelope(od::object object, ReadResult&& read_result)
{
    Envelope envelope;
    for (auto field : object)
    {
        od::raw_json_string key;
        od::value value;
        if (field.key().get(key) != simdjson::SUCCESS || field.value().get(value) != simdjson::SUCCESS)
            return std::nullopt;
        if (key.unsafe_is_equal("result"))
        {
            if (envelope.result || !read_result(value))
                return std::nullopt;
            envelope.result = true;
        }
        else if (!read_envelope_field(key, value, envelope))
            return std::nullopt;
    }
    if (!envelope.complete())
        return std::nullopt;
    return envelope;
}

/// The id of `{"jsonrpc":"2.0","id":<n>,"result":<null or plain string>}`, keys in any order;
/// nullopt for anything else.
std::optional<uint64_t> plain_success_id(od::object object)
{
    const std::optional<Envelope> envelope = read_envelope(object, plain_result);
    return envelope ? envelope->id : std::nullopt;
}

/// Characters a block's hash list takes per transaction at the least: a quoted 0x-hash and a comma.
constexpr size_t kListedHashChars = 69;

/// The hashes of a block object's `transactions` list, other fields skipped; nullopt when the
/// list is missing, repeated, or holds anything but "0x" + 64 hex digits. `body_size`, the whole
/// reply's, bounds the list's length, so it is reserved at once.
std::optional<std::vector<Hash>> hashes_of_block(od::object block, size_t body_size)
{
    std::optional<std::vector<Hash>> hashes;
    for (auto field : block)
    {
        od::raw_json_string key;
        if (field.key().get(key) != simdjson::SUCCESS)
            return std::nullopt;
        if (!key.unsafe_is_equal("transactions"))
            continue;  // on-demand: an unread value is skipped, not parsed
        od::array list;
        if (hashes || field.value().get_array().get(list) != simdjson::SUCCESS)
            return std::nullopt;
        hashes.emplace();
        hashes->reserve(body_size / kListedHashChars + 1);
        for (auto element : list)
        {
            od::value value;
            if (element.get(value) != simdjson::SUCCESS)
                return std::nullopt;
            const std::string_view text = token(value);  // as written: an escape is no hex digit
            if (text.size() < 2 || text.front() != '"' || text.back() != '"')
                return std::nullopt;
            std::optional<Hash> hash = hash_from_hex(text.substr(1, text.size() - 2));
            if (!hash)
                return std::nullopt;
            hashes->push_back(*hash);
        }
    }
    return hashes;
}

Reply with_null_result(Reply reply)
{
    reply.result = nullptr;
    return reply;
}

}  // namespace

namespace detail {

std::optional<std::vector<Reply>> scan_plain_batch(std::string_view body, uint64_t first_id, size_t count)
{
    od::document doc;
    if (scanner().iterate(body).get(doc) != simdjson::SUCCESS)
        return std::nullopt;
    od::array array;
    if (doc.get_array().get(array) != simdjson::SUCCESS)
        return std::nullopt;
    std::vector<Reply> replies(count);
    std::vector<bool> seen(count, false);
    size_t answered = 0;
    for (auto element : array)
    {
        od::object object;
        if (element.get_object().get(object) != simdjson::SUCCESS)
            return std::nullopt;
        const std::optional<uint64_t> id = plain_success_id(object);
        if (!id || *id < first_id || *id - first_id >= count || seen[*id - first_id])
            return std::nullopt;
        seen[*id - first_id] = true;
        ++answered;
    }
    if (answered != count || !consumed_all(doc))
        return std::nullopt;
    return replies;
}

std::optional<std::vector<Hash>> scan_block_hashes(std::string_view body, uint64_t expected_id)
{
    od::document doc;
    od::object object;
    if (scanner().iterate(body).get(doc) != simdjson::SUCCESS || doc.get_object().get(object) != simdjson::SUCCESS)
        return std::nullopt;
    std::optional<std::vector<Hash>> hashes;
    const std::optional<Envelope> envelope = read_envelope(object, [&hashes, &body](od::value value) {
        od::object block;
        if (value.get_object().get(block) != simdjson::SUCCESS)
            return false;
        hashes = hashes_of_block(block, body.size());
        return hashes.has_value();
    });
    if (!envelope || *envelope->id != expected_id || !consumed_all(doc))
        return std::nullopt;
    return hashes;
}

}  // namespace detail

std::vector<Reply> parse_batch_status(std::string_view body, uint64_t first_id, size_t count)
{
    if (std::optional<std::vector<Reply>> replies = detail::scan_plain_batch(body, first_id, count))
        return std::move(*replies);
    std::vector<Reply> replies = parse_batch_reply(body, first_id, count);
    for (Reply& reply : replies)
        reply.result = nullptr;
    return replies;
}

Reply parse_status(std::string_view body, uint64_t expected_id)
{
    od::document doc;
    od::object object;
    if (scanner().iterate(body).get(doc) == simdjson::SUCCESS && doc.get_object().get(object) == simdjson::SUCCESS)
    {
        const std::optional<uint64_t> id = plain_success_id(object);
        if (id && *id == expected_id && consumed_all(doc))
            return Reply{};
    }
    return with_null_result(parse_reply(body, expected_id));
}

std::optional<std::vector<Hash>> parse_block_hashes(std::string_view body, uint64_t expected_id)
{
    if (std::optional<std::vector<Hash>> hashes = detail::scan_block_hashes(body, expected_id))
        return hashes;
    Reply reply = parse_reply(body, expected_id);
    if (reply.error)
        throw RpcException(std::move(*reply.error));
    if (reply.result.is_null())
        return std::nullopt;
    const auto list = reply.result.is_object() ? reply.result.find("transactions") : reply.result.end();
    if (!reply.result.is_object() || list == reply.result.end() || !list->is_array())
        throw RpcException(make_bad_response("eth_getBlockByNumber: the result is not a block with a transactions list", body));
    std::vector<Hash> hashes;
    hashes.reserve(list->size());
    for (const nlohmann::json& element : *list)
    {
        std::optional<Hash> hash = element.is_string() ? hash_from_hex(element.get_ref<const std::string&>()) : std::nullopt;
        if (!hash)
            throw RpcException(make_bad_response(
                "eth_getBlockByNumber: a transactions entry is not a 32-byte hash (a block read with full bodies?)", body));
        hashes.push_back(*hash);
    }
    return hashes;
}

}  // namespace zkload::rpc
