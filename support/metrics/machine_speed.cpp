// SPDX-License-Identifier: Apache-2.0
#include "metrics/machine_speed.hpp"

#include "txn/sample_transfers.hpp"

#include <algorithm>
#include <chrono>
#include <limits>

namespace zkload::metrics {

double sign_yardstick_us(size_t batches, size_t per_batch)
{
    const PrivateKey key = sample_key();
    Eip1559Txn txn = sample_eip1559_transfer();
    SignedTxn out;
    double fastest = std::numeric_limits<double>::infinity();
    per_batch = std::max<size_t>(1, per_batch);
    for (size_t b = 0; b < std::max<size_t>(1, batches); ++b)
    {
        const auto start = std::chrono::steady_clock::now();
        for (size_t i = 0; i < per_batch; ++i)
        {
            ++txn.nonce;  // a new digest each time: nothing to cache
            sign_into(txn, key, out);
        }
        const std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
        fastest = std::min(fastest, took.count() / static_cast<double>(per_batch));
    }
    return fastest;
}

}  // namespace zkload::metrics
