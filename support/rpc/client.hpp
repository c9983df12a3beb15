// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"
#include "rpc/errors.hpp"
#include "rpc/json_rpc.hpp"
#include "codec/u256.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace zkload::rpc {

/// Where and how patiently to talk to a node. Proxies from the environment are ignored: a load
/// generator measures the node, not a proxy in between.
struct ClientOptions
{
    std::string url{};
    std::chrono::milliseconds timeout{10'000};
    std::chrono::milliseconds connect_timeout{3'000};
};

namespace detail {

/// A configured easy handle with its buffers; see rpc/exchange.hpp.
class Exchange;

}  // namespace detail

/// Blocking JSON-RPC client over one reused easy handle, hence one kept-alive connection. Not
/// thread-safe: one per thread. Typed helpers throw RpcException; call() and batch() never throw
/// for node or network failures.
class Client
{
public:
    explicit Client(ClientOptions options);
    ~Client();
    Client(Client&&) noexcept;
    Client& operator=(Client&&) noexcept;

    Reply call(std::string_view method, const nlohmann::json& params = nlohmann::json::array());
    nlohmann::json call_or_throw(std::string_view method,
                                 const nlohmann::json& params = nlohmann::json::array());

    /// One HTTP request; the replies come back in request order whatever order the node used.
    std::vector<Reply> batch(const std::vector<Call>& calls);

    uint64_t chain_id();
    uint64_t block_number();
    std::string client_version();
    U256 get_balance(const Address& address, std::string_view tag = "latest");
    uint64_t get_transaction_count(const Address& address, std::string_view tag = "pending");
    Hash send_raw_transaction(ByteView raw);
    /// The transaction hashes of block `number` (eth_getBlockByNumber without bodies), read
    /// without a JSON tree; nullopt when the node has no such block yet.
    std::optional<std::vector<Hash>> block_hashes(uint64_t number);
    std::optional<nlohmann::json> get_transaction_receipt(const Hash& hash);

    /// Polls for the receipt every `poll_interval` until `timeout`, then throws a `timeout`
    /// RpcException; other errors are thrown as they come.
    nlohmann::json wait_for_receipt(
        const Hash& hash,
        std::chrono::milliseconds timeout,
        std::chrono::milliseconds poll_interval = std::chrono::milliseconds(100));

    /// Connections opened so far: stays 1 while keep-alive holds.
    uint64_t connects() const noexcept { return connects_; }
    const ClientOptions& options() const noexcept { return options_; }

private:
    std::optional<Error> perform();

    ClientOptions options_;
    std::unique_ptr<detail::Exchange> exchange_;
    uint64_t next_id_ = 1;
    uint64_t connects_ = 0;
};

}  // namespace zkload::rpc
