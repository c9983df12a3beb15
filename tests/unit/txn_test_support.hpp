// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "txn/txn.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace zkload::test {

/// Expectations are written one field per line with spaces for reading; compare without them.
inline std::string unspaced(std::string_view spaced)
{
    std::string out;
    for (char c : spaced)
        if (c != ' ')
            out.push_back(c);
    return out;
}

inline std::string hex(ByteView bytes)
{
    return to_hex(bytes, false);
}

inline PrivateKey key_of(uint8_t fill)
{
    PrivateKey key;
    key.fill(fill);
    return key;
}

}  // namespace zkload::test
