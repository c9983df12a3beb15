// SPDX-License-Identifier: Apache-2.0
#include "registry.hpp"
#include "txn/sample_transfers.hpp"

#include <benchmark/benchmark.h>

namespace zkload::bench {
namespace {

/// Sign + encode one transaction per iteration, as the load engine does ahead of sending.
/// The nonce changes every iteration so nothing can be cached.
template <typename Txn>
void sign_loop(benchmark::State& state, Txn txn)
{
    const PrivateKey key = sample_key();
    SignedTxn out;
    for (auto _ : state)
    {
        ++txn.nonce;
        sign_into(txn, key, out);
        benchmark::DoNotOptimize(out.raw.data());
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

}  // namespace

void register_micro_sign(Registered&)
{
    benchmark::RegisterBenchmark("micro/sign/digest", [](benchmark::State& state) {
        const PrivateKey key = sample_key();
        Hash digest = keccak256(as_view("digest"));
        for (auto _ : state)
        {
            ++digest[0];
            Signature sig = sign_digest(digest, key);
            benchmark::DoNotOptimize(sig);
        }
    });
    benchmark::RegisterBenchmark("micro/sign/eip1559_transfer", [](benchmark::State& state) {
        sign_loop(state, sample_eip1559_transfer());
    });
    benchmark::RegisterBenchmark("micro/sign/legacy_transfer", [](benchmark::State& state) {
        sign_loop(state, sample_legacy_transfer());
    });
    benchmark::RegisterBenchmark("micro/sign/eip712_transfer", [](benchmark::State& state) {
        sign_loop(state, sample_eip712_transfer());
    });
}

}  // namespace zkload::bench
