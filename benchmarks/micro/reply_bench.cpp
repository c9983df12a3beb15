// SPDX-License-Identifier: Apache-2.0
// The two replies the engine reads per transaction, by the checked parser (a JSON tree) and by
// the tree-free reader it uses under load, side by side: a batch of 16 send acknowledgements,
// and a block's list of 1,000 transaction hashes. One item is one reply, or one hash.
#include "registry.hpp"
#include "rpc/reply_scan.hpp"

#include <benchmark/benchmark.h>

namespace zkload::bench {
namespace {

constexpr size_t kBatch = 16;
constexpr size_t kBlockTxs = 1000;

Hash sample_hash(size_t i)
{
    Hash h;
    for (size_t b = 0; b < h.size(); ++b)
        h[b] = static_cast<uint8_t>(i * 31 + b * 7);
    return h;
}

/// As geth and anvil write it: compact, ids in order.
std::string send_acks()
{
    std::string body = "[";
    for (size_t i = 0; i < kBatch; ++i)
        body += std::string(i ? "," : "") + R"({"jsonrpc":"2.0","id":)" + std::to_string(100 + i) +
                R"(,"result":")" + to_hex(sample_hash(i)) + "\"}";
    return body + "]";
}

std::string block_reply()
{
    std::string body = R"({"jsonrpc":"2.0","id":9,"result":{"number":"0x10","hash":")" + to_hex(sample_hash(0)) +
                       R"(","logsBloom":"0x)" + std::string(512, '0') + R"(","transactions":[)";
    for (size_t i = 0; i < kBlockTxs; ++i)
        body += std::string(i ? "," : "") + "\"" + to_hex(sample_hash(i)) + "\"";
    return body + R"(],"uncles":[],"withdrawals":[]}})";
}

void acks_checked(benchmark::State& state)
{
    const std::string body = send_acks();
    for (auto _ : state)
        benchmark::DoNotOptimize(rpc::parse_batch_reply(body, 100, kBatch));
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBatch));
}

void acks_scan(benchmark::State& state)
{
    const std::string body = send_acks();
    if (!rpc::detail::scan_plain_batch(body, 100, kBatch))
        return state.SkipWithError("the fast path did not read the sample batch");
    for (auto _ : state)
        benchmark::DoNotOptimize(rpc::parse_batch_status(body, 100, kBatch));
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBatch));
}

void block_checked(benchmark::State& state)
{
    const std::string body = block_reply();
    for (auto _ : state)
    {
        const rpc::Reply reply = rpc::parse_reply(body, 9);
        std::vector<Hash> hashes;
        for (const auto& hash : reply.result.at("transactions"))
            hashes.push_back(parse_hash(hash.get<std::string>()));
        benchmark::DoNotOptimize(hashes);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBlockTxs));
}

void block_scan(benchmark::State& state)
{
    const std::string body = block_reply();
    if (!rpc::detail::scan_block_hashes(body, 9))
        return state.SkipWithError("the fast path did not read the sample block");
    for (auto _ : state)
        benchmark::DoNotOptimize(rpc::parse_block_hashes(body, 9));
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBlockTxs));
}

}  // namespace

void register_micro_reply(Registered&)
{
    benchmark::RegisterBenchmark("micro/reply/send_acks_16/checked", acks_checked);
    benchmark::RegisterBenchmark("micro/reply/send_acks_16/scan", acks_scan);
    benchmark::RegisterBenchmark("micro/reply/block_hashes_1000/checked", block_checked);
    benchmark::RegisterBenchmark("micro/reply/block_hashes_1000/scan", block_scan);
}

}  // namespace zkload::bench
