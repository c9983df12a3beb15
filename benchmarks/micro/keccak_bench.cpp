// SPDX-License-Identifier: Apache-2.0
#include "codec/keccak.hpp"
#include "registry.hpp"

#include <benchmark/benchmark.h>

namespace zkload::bench {

void register_micro_keccak(Registered&)
{
    for (const size_t size : {32, 200})
    {
        const std::string name = "micro/keccak/" + std::to_string(size);
        benchmark::RegisterBenchmark(name.c_str(), [size](benchmark::State& state) {
            const Bytes input(size, 0xa5);
            for (auto _ : state)
            {
                Hash h = keccak256(input);
                benchmark::DoNotOptimize(h);
            }
            state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * size));
        });
    }
}

}  // namespace zkload::bench
