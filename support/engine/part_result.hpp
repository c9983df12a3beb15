// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "engine/histogram.hpp"

#include <cstdint>
#include <vector>

namespace zkload::engine {

/// One part of a mixed row (Operation::parts() > 1): what its transactions' receipts said (deferred
/// receipts) and their inclusion latency (its count: those found in blocks).
struct PartResult
{
    uint64_t included = 0;
    uint64_t reverted = 0;
    Histogram inclusion;  // µs, send (or intended send) → block seen

    void merge(const PartResult& other)
    {
        included += other.included;
        reverted += other.reverted;
        inclusion.merge(other.inclusion);
    }
};

/// Merges `from` into `into` part by part (a mix's parts, in the operation's order).
inline void merge_parts(std::vector<PartResult>& into, const std::vector<PartResult>& from)
{
    if (into.size() < from.size())
        into.resize(from.size());
    for (size_t p = 0; p < from.size(); ++p)
        into[p].merge(from[p]);
}

}  // namespace zkload::engine
