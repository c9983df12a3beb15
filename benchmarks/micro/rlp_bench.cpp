// SPDX-License-Identifier: Apache-2.0
#include "registry.hpp"
#include "codec/rlp.hpp"
#include "codec/rlp_decode.hpp"
#include "txn/sample_transfers.hpp"

#include <benchmark/benchmark.h>

namespace zkload::bench {

void register_micro_rlp(Registered&)
{
    benchmark::RegisterBenchmark("micro/rlp/encode_eip1559_transfer", [](benchmark::State& state) {
        Eip1559Txn txn = sample_eip1559_transfer();
        const Signature sig = sign(txn, sample_key()).signature;
        for (auto _ : state)
        {
            ++txn.nonce;
            Bytes raw = encode_signed(txn, sig);
            benchmark::DoNotOptimize(raw.data());
        }
    });
    benchmark::RegisterBenchmark("micro/rlp/decode_eip1559_transfer", [](benchmark::State& state) {
        const Bytes raw = sign(sample_eip1559_transfer(), sample_key()).raw;
        for (auto _ : state)
        {
            const rlp::Item list = rlp::decode_exact(ByteView(raw).subspan(1));
            const std::vector<rlp::Item> fields = rlp::decode_list(list);
            uint64_t nonce = rlp::decode_uint64(fields.at(1));
            benchmark::DoNotOptimize(nonce);
        }
    });
    benchmark::RegisterBenchmark("micro/rlp/encode_u256", [](benchmark::State& state) {
        const U256 value = parse_u256("0x1234567890abcdef1234567890abcdef1234567890abcdef");
        Bytes out;
        out.reserve(64);
        for (auto _ : state)
        {
            out.clear();
            rlp::encode(out, value);
            benchmark::DoNotOptimize(out.data());
        }
    });
}

}  // namespace zkload::bench
