// SPDX-License-Identifier: Apache-2.0
#include "pool/nonces.hpp"

#include <stdexcept>

namespace zkload::pool {

std::vector<uint64_t> account_nonces(rpc::Client& client,
                                     std::span<const Address> senders,
                                     std::string_view tag,
                                     size_t batch_size)
{
    std::vector<uint64_t> nonces;
    nonces.reserve(senders.size());
    for (size_t begin = 0; begin < senders.size(); begin += batch_size)
    {
        std::vector<rpc::Call> calls;
        for (const Address& a : senders.subspan(begin, std::min(batch_size, senders.size() - begin)))
            calls.emplace_back("eth_getTransactionCount", nlohmann::json::array({to_hex(a), tag}));
        const std::vector<rpc::Reply> replies = client.batch(calls);
        for (size_t i = 0; i < replies.size(); ++i)
        {
            const auto nonce = replies[i].ok() && replies[i].result.is_string()
                                   ? parse_quantity(replies[i].result.get<std::string>())
                                   : std::nullopt;
            if (!nonce)
                throw std::runtime_error(
                    "eth_getTransactionCount of " + to_hex(senders[begin + i]) + ": " +
                    (replies[i].ok() ? "not a quantity: " + replies[i].result.dump()
                                     : replies[i].error->describe()));
            nonces.push_back(*nonce);
        }
    }
    return nonces;
}

}  // namespace zkload::pool
