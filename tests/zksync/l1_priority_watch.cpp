// SPDX-License-Identifier: Apache-2.0
#include "l1_priority_watch.hpp"

#include "abi/abi.hpp"
#include "zksync/constants.hpp"

#include <algorithm>

namespace zkload::test {
namespace {

/// L2CanonicalTransaction keeps addresses as uint256 words.
Address address_of_word(const abi::Value& word)
{
    const Hash bytes = to_be_bytes32(std::get<U256>(word.data));
    Address out{};
    std::copy(bytes.end() - 20, bytes.end(), out.begin());
    return out;
}

}  // namespace

PriorityRequest decode_priority_request(ByteView log_data)
{
    static const std::vector<abi::Type> kFields =
        abi::parse_function(zksync::kNewPriorityRequestEvent).signature.inputs;
    const std::vector<abi::Value> fields = abi::decode(kFields, log_data);
    const Bytes& hash = std::get<Bytes>(fields[1].data);
    // (txType, from, to, gasLimit, gasPerPubdata, maxFee, maxTip, paymaster, nonce, value, ...)
    const auto& transaction = std::get<std::vector<abi::Value>>(fields[3].data);
    PriorityRequest out;
    std::copy(hash.begin(), hash.end(), out.l2_hash.begin());
    out.from = address_of_word(transaction[1]);
    out.to = address_of_word(transaction[2]);
    out.value = std::get<U256>(transaction[9].data);
    return out;
}

L1PriorityWatch::L1PriorityWatch(const std::string& l1_url, const Address& diamond_proxy)
    : l1_({.url = l1_url, .timeout = std::chrono::seconds(5)}), diamond_proxy_(diamond_proxy)
{
    next_block_ = l1_.block_number() + 1;
}

std::vector<PriorityRequest> L1PriorityWatch::poll()
{
    static const std::string kTopic = to_hex(abi::event_topic(zksync::kNewPriorityRequestEvent));
    const rpc::Reply head = l1_.call("eth_blockNumber");
    const auto latest = head.ok() && head.result.is_string()
                            ? parse_quantity(head.result.get<std::string>())
                            : std::nullopt;
    if (!latest || *latest < next_block_)
        return {};
    const uint64_t last = std::min(*latest, next_block_ + kMaxBlocksPerPoll - 1);
    const rpc::Reply logs = l1_.call(
        "eth_getLogs", nlohmann::json::array({{{"address", to_hex(diamond_proxy_)},
                                               {"topics", nlohmann::json::array({kTopic})},
                                               {"fromBlock", to_quantity(next_block_)},
                                               {"toBlock", to_quantity(last)}}}));
    if (!logs.ok() || !logs.result.is_array())
        return {};
    std::vector<PriorityRequest> out;
    for (const nlohmann::json& log : logs.result)
    {
        const auto data = from_hex(log.value("data", ""));
        if (data)
            out.push_back(decode_priority_request(*data));
    }
    next_block_ = last + 1;
    return out;
}

}  // namespace zkload::test
