// SPDX-License-Identifier: Apache-2.0
#include "pool/balances.hpp"

#include <algorithm>
#include <functional>
#include <thread>

namespace zkload::pool {
namespace {

constexpr std::array<uint8_t, 4> kBalanceOfSelector = {0x70, 0xa0, 0x82, 0x31};

/// Turns a successful result into a value, or nullopt with `why` set when it is not one.
using ReadResult = std::function<std::optional<U256>(const nlohmann::json&, std::string& why)>;

/// A pruning dev node (anvil --prune-history) answers a read with "block out of range" when a
/// block lands while it serves the batch; a batch with a failed element is asked again, twice
/// at most, before the failure counts.
std::vector<rpc::Reply> batch_with_retry(rpc::Client& client, const std::vector<rpc::Call>& calls)
{
    constexpr int kAttempts = 3;
    std::vector<rpc::Reply> replies;
    for (int attempt = 1; attempt <= kAttempts; ++attempt)
    {
        replies = client.batch(calls);
        if (std::all_of(replies.begin(), replies.end(), [](const rpc::Reply& r) { return r.ok(); }))
            break;
        if (attempt < kAttempts)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return replies;
}

/// Sends one call per address in batches of `batch_size` and reads the results in order;
/// `what` names a call for messages, e.g. "eth_getBalance(0x…)".
std::vector<U256> read_batched(rpc::Client& client,
                               std::span<const Address> addresses,
                               size_t batch_size,
                               const std::function<rpc::Call(const Address&)>& make_call,
                               const ReadResult& read,
                               const std::function<std::string(const Address&)>& what)
{
    if (batch_size == 0)
        throw std::invalid_argument("balance batch size must be at least 1");
    std::vector<U256> values;
    values.reserve(addresses.size());
    std::vector<rpc::Call> calls;
    for (size_t start = 0; start < addresses.size(); start += batch_size)
    {
        const auto batch = addresses.subspan(start, std::min(batch_size, addresses.size() - start));
        calls.clear();
        for (const auto& address : batch)
            calls.push_back(make_call(address));
        const auto replies = batch_with_retry(client, calls);
        for (size_t i = 0; i < batch.size(); ++i)
        {
            const rpc::Reply& reply = replies.at(i);
            if (reply.error)
                throw BalanceError(what(batch[i]) + " failed: " + reply.error->describe());
            std::string why;
            const auto value = read(reply.result, why);
            if (!value)
                throw BalanceError(what(batch[i]) + " gave " + rpc::excerpt(reply.result.dump()) +
                                   ": " + why);
            values.push_back(*value);
        }
    }
    return values;
}

std::optional<U256> read_quantity(const nlohmann::json& result, std::string& why)
{
    try
    {
        if (result.is_string())
            return parse_u256(result.get<std::string>());
    }
    catch (const std::exception&)
    {}
    why = "not a hex quantity";
    return std::nullopt;
}

std::optional<U256> read_word(const nlohmann::json& result, std::string& why)
{
    const auto data = result.is_string() ? from_hex(result.get<std::string>()) : std::nullopt;
    if (!data)
        why = "not hex data";
    else if (data->empty())
        why = "no data: the token address has no code, or no balanceOf(address)";
    else if (data->size() != 32)
        why = "not one 32-byte word";
    else
        return from_be_bytes(*data);
    return std::nullopt;
}

}  // namespace

Bytes balance_of_calldata(const Address& holder)
{
    Bytes data(kBalanceOfSelector.begin(), kBalanceOfSelector.end());
    data.resize(4 + 12, 0);
    append(data, holder);
    return data;
}

std::vector<U256> eth_balances(rpc::Client& client,
                               std::span<const Address> addresses,
                               size_t batch_size)
{
    return read_batched(
        client, addresses, batch_size,
        [](const Address& a) {
            return rpc::Call{"eth_getBalance", nlohmann::json::array({to_hex(a), "latest"})};
        },
        read_quantity, [](const Address& a) { return "eth_getBalance(" + to_hex(a) + ")"; });
}

std::vector<U256> token_balances(rpc::Client& client,
                                 const Address& token,
                                 std::span<const Address> addresses,
                                 size_t batch_size)
{
    const std::string to = to_hex(token);
    return read_batched(
        client, addresses, batch_size,
        [&to](const Address& a) {
            nlohmann::json call = {{"to", to}, {"data", to_hex(balance_of_calldata(a))}};
            return rpc::Call{"eth_call", nlohmann::json::array({std::move(call), "latest"})};
        },
        read_word,
        [&to](const Address& a) { return "balanceOf(" + to_hex(a) + ") on token " + to; });
}

std::vector<U256> slot_balances(rpc::Client& client,
                                const Address& token,
                                std::span<const Address> addresses,
                                const std::function<Hash(const Address&)>& slot_of,
                                size_t batch_size)
{
    const std::string contract = to_hex(token);
    return read_batched(
        client, addresses, batch_size,
        [&](const Address& a) {
            return rpc::Call{"eth_getStorageAt",
                             nlohmann::json::array({contract, to_hex(slot_of(a)), "latest"})};
        },
        read_word,
        [&contract](const Address& a) { return "balance slot of " + to_hex(a) + " in " + contract; });
}

}  // namespace zkload::pool
