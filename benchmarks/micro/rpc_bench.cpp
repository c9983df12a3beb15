// SPDX-License-Identifier: Apache-2.0
// Round trips of the cheapest call, so the columns show the client's own cost: the CPU column is
// this thread's CPU per completed request (curl, JSON building and parsing), real time is wall
// time per request.
#include "node.hpp"
#include "skip.hpp"
#include "registry.hpp"
#include "rpc/async_client.hpp"

#include <benchmark/benchmark.h>

namespace zkload::bench {
namespace {

rpc::ClientOptions client_options(const std::string& url)
{
    return {.url = url, .timeout = Node::shared().options().rpc_timeout};
}

void blocking_chain_id(benchmark::State& state)
{
    const auto url = node_url_or_skip(state);
    if (!url)
        return;
    rpc::Client client(client_options(*url));
    if (const rpc::Reply first = client.call("eth_chainId"); !first.ok())
    {
        skip_row(state, "eth_chainId: " + first.error->describe());
        return;
    }
    for (auto _ : state)
    {
        const rpc::Reply reply = client.call("eth_chainId");
        if (!reply.ok())
        {
            state.SkipWithError(("eth_chainId: " + reply.error->describe()).c_str());
            break;
        }
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
    state.counters["connections"] = static_cast<double>(client.connects());
}

/// Keeps `in_flight` requests outstanding; one iteration is one completed request.
void multi_chain_id(benchmark::State& state, size_t in_flight)
{
    const auto url = node_url_or_skip(state);
    if (!url)
        return;
    rpc::AsyncClient client(client_options(*url), in_flight);
    size_t completed = 0;
    std::optional<rpc::Error> error;
    const auto on_reply = [&](rpc::Reply&& reply, std::chrono::nanoseconds) {
        ++completed;
        if (!reply.ok() && !error)
            error = reply.error;
    };
    for (auto _ : state)
    {
        while (client.in_flight() < in_flight && client.submit("eth_chainId", {}, on_reply))
        {
        }
        while (completed == 0 && !error)
            client.poll(std::chrono::milliseconds(100));
        if (error)
        {
            state.SkipWithError(("eth_chainId: " + error->describe()).c_str());
            break;
        }
        --completed;
    }
    client.drain(std::chrono::seconds(10));
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
    state.counters["connections"] = static_cast<double>(client.connects());
}

}  // namespace

void register_micro_rpc(Registered& out)
{
    const std::string blocking = "micro/rpc/eth_chainId/blocking";
    benchmark::RegisterBenchmark(blocking.c_str(), blocking_chain_id)->UseRealTime();
    out.node_rows.push_back(blocking);
    for (const size_t in_flight : {1, 32})
    {
        const std::string name = "micro/rpc/eth_chainId/multi/in_flight:" + std::to_string(in_flight);
        benchmark::RegisterBenchmark(name.c_str(), multi_chain_id, in_flight)->UseRealTime();
        out.node_rows.push_back(name);
    }
}

}  // namespace zkload::bench
