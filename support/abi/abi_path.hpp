// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>

namespace zkload::abi::detail {

/// ABI words are 32 bytes.
inline constexpr size_t kWord = 32;

/// Where a value sits in the argument list, as a chain on the stack: free until an encoding or
/// decoding error needs to print it ("[2][0]").
struct Path
{
    const Path* parent;
    size_t index;
};

inline std::string render(const Path* path)
{
    return path == nullptr ? "" : render(path->parent) + "[" + std::to_string(path->index) + "]";
}

}  // namespace zkload::abi::detail
