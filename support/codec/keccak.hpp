// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"

namespace zkload {

/// Keccak-256 as Ethereum uses it (original padding 0x01, not FIPS-202 SHA3-256).
Hash keccak256(ByteView data);

/// Keccak-256 of the concatenation of two inputs, without building it.
Hash keccak256(ByteView first, ByteView second);

/// SHA-256 (EraVM bytecode hashes).
Hash sha256(ByteView data);

}  // namespace zkload
