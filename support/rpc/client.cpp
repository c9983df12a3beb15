// SPDX-License-Identifier: Apache-2.0
#include "rpc/client.hpp"

#include "rpc/exchange.hpp"
#include "rpc/reply_scan.hpp"

#include <stdexcept>
#include <thread>

#include <curl/curl.h>

namespace zkload::rpc {
namespace {

Reply failed(Error error)
{
    Reply reply;
    reply.error = std::move(error);
    return reply;
}

[[noreturn]] void throw_bad_result(std::string_view method, const nlohmann::json& result)
{
    throw RpcException(
        make_bad_response(std::string(method) + " result has the wrong type", result.dump()));
}

uint64_t quantity_or_throw(std::string_view method, const nlohmann::json& result)
{
    if (result.is_string())
    {
        if (const auto value = parse_quantity(result.get_ref<const std::string&>()))
            return *value;
    }
    throw_bad_result(method, result);
}

}  // namespace

Client::Client(ClientOptions options)
    : options_(std::move(options)), exchange_(std::make_unique<detail::Exchange>(options_, detail::kMaxKeptClientBuffer))
{
}

Client::~Client() = default;
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;

std::optional<Error> Client::perform()
{
    exchange_->prepare();
    const CURLcode code = curl_easy_perform(exchange_->handle());
    std::optional<Error> error = exchange_->finish(code);
    connects_ += static_cast<uint64_t>(exchange_->new_connections());
    if (exchange_->request().capacity() > detail::kMaxKeptBuffer)
        std::string().swap(exchange_->request());
    return error;
}

Reply Client::call(std::string_view method, const nlohmann::json& params)
{
    const uint64_t id = next_id_++;
    std::string& body = exchange_->request();
    body.clear();
    append_request(body, method, params, id);
    if (std::optional<Error> error = perform())
        return failed(std::move(*error));
    return parse_reply(exchange_->response(), id);
}

nlohmann::json Client::call_or_throw(std::string_view method, const nlohmann::json& params)
{
    Reply reply = call(method, params);
    if (reply.error)
        throw RpcException(std::move(*reply.error));
    return std::move(reply.result);
}

std::vector<Reply> Client::batch(const std::vector<Call>& calls)
{
    if (calls.empty())
        return {};
    const uint64_t first_id = next_id_;
    next_id_ += calls.size();
    exchange_->request() = make_batch(calls, first_id);
    if (std::optional<Error> error = perform())
        return std::vector<Reply>(calls.size(), failed(std::move(*error)));
    return parse_batch_reply(exchange_->response(), first_id, calls.size());
}

uint64_t Client::chain_id()
{
    return quantity_or_throw("eth_chainId", call_or_throw("eth_chainId"));
}

uint64_t Client::block_number()
{
    return quantity_or_throw("eth_blockNumber", call_or_throw("eth_blockNumber"));
}

std::string Client::client_version()
{
    const nlohmann::json result = call_or_throw("web3_clientVersion");
    if (!result.is_string())
        throw_bad_result("web3_clientVersion", result);
    return result.get<std::string>();
}

U256 Client::get_balance(const Address& address, std::string_view tag)
{
    const nlohmann::json result =
        call_or_throw("eth_getBalance", nlohmann::json::array({to_hex(address), tag}));
    if (!result.is_string())
        throw_bad_result("eth_getBalance", result);
    try
    {
        return parse_u256(result.get_ref<const std::string&>());
    }
    catch (const std::exception&)
    {
        throw_bad_result("eth_getBalance", result);
    }
}

uint64_t Client::get_transaction_count(const Address& address, std::string_view tag)
{
    return quantity_or_throw(
        "eth_getTransactionCount",
        call_or_throw("eth_getTransactionCount", nlohmann::json::array({to_hex(address), tag})));
}

Hash Client::send_raw_transaction(ByteView raw)
{
    const nlohmann::json result =
        call_or_throw("eth_sendRawTransaction", nlohmann::json::array({to_hex(raw)}));
    const auto hash =
        result.is_string() ? from_hex(result.get_ref<const std::string&>()) : std::nullopt;
    if (!hash || hash->size() != Hash{}.size())
        throw_bad_result("eth_sendRawTransaction", result);
    Hash out{};
    std::copy(hash->begin(), hash->end(), out.begin());
    return out;
}

std::optional<std::vector<Hash>> Client::block_hashes(uint64_t number)
{
    const uint64_t id = next_id_++;
    std::string& body = exchange_->request();
    body.clear();
    append_request(body, "eth_getBlockByNumber", nlohmann::json::array({to_quantity(number), false}), id);
    if (std::optional<Error> error = perform())
        throw RpcException(std::move(*error));
    return parse_block_hashes(exchange_->response(), id);
}

std::optional<nlohmann::json> Client::get_transaction_receipt(const Hash& hash)
{
    nlohmann::json result =
        call_or_throw("eth_getTransactionReceipt", nlohmann::json::array({to_hex(hash)}));
    if (result.is_null())
        return std::nullopt;
    if (!result.is_object())
        throw_bad_result("eth_getTransactionReceipt", result);
    return result;
}

nlohmann::json Client::wait_for_receipt(const Hash& hash,
                                        std::chrono::milliseconds timeout,
                                        std::chrono::milliseconds poll_interval)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true)
    {
        if (std::optional<nlohmann::json> receipt = get_transaction_receipt(hash))
            return std::move(*receipt);
        if (std::chrono::steady_clock::now() + poll_interval > deadline)
            break;
        std::this_thread::sleep_for(poll_interval);
    }
    Error error;
    error.error_class = ErrorClass::timeout;
    error.message =
        "no receipt for " + to_hex(hash) + " within " + std::to_string(timeout.count()) + " ms";
    throw RpcException(std::move(error));
}

}  // namespace zkload::rpc
