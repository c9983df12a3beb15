// SPDX-License-Identifier: Apache-2.0
#include "engine/steady_window.hpp"

#include <algorithm>

namespace zkload::engine {

SteadyWindow steady_window(const std::vector<BlockTally>& blocks, std::chrono::steady_clock::time_point drain_start)
{
    SteadyWindow window;
    const auto first = std::find_if(blocks.begin(), blocks.end(), [](const BlockTally& b) { return b.ours > 0; });
    if (first == blocks.end())
        return window;
    auto last = first;
    for (auto it = first + 1; it != blocks.end() && it->seen_at <= drain_start; ++it)
        last = it;
    if (last == first)
        return window;
    window.first_block = first->number;
    window.last_block = last->number;
    window.blocks = last->number - first->number;
    for (auto it = first + 1; it <= last; ++it)
        window.included += it->succeeded;
    window.seconds = std::chrono::duration<double>(last->seen_at - first->seen_at).count();
    return window;
}

}  // namespace zkload::engine
