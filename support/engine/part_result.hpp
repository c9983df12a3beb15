// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "engine/histogram.hpp"

#include <cstdint>

namespace zkload::engine {

/// One part of a mixed row (Operation::parts() > 1): its transactions found in blocks, what their
/// receipts said (deferred receipts), and their inclusion latency.
struct PartResult
{
    uint64_t in_block = 0;
    uint64_t included = 0;
    uint64_t reverted = 0;
    Histogram inclusion;  // µs, send (or intended send) → block seen

    void merge(const PartResult& other)
    {
        in_block += other.in_block;
        included += other.included;
        reverted += other.reverted;
        inclusion.merge(other.inclusion);
    }
};

}  // namespace zkload::engine
