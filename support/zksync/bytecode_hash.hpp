// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"

namespace zkload {

/// Longest EraVM bytecode: the word count must fit the hash's 16-bit length field.
constexpr size_t kMaxEraVmBytecodeWords = (size_t{1} << 16) - 1;

/// EraVM versioned bytecode hash, the form factory deps are signed and deployed by:
/// sha256(bytecode) with byte 0 = 0x01 (EraVM), byte 1 = 0x00 and bytes 2..3 = the length in
/// 32-byte words, big-endian. Throws std::invalid_argument if the length is not a multiple of
/// 32, the word count is even, or it exceeds kMaxEraVmBytecodeWords, because EraVM refuses such
/// bytecode and a hash of it would only fail later on the node.
Hash eravm_bytecode_hash(ByteView bytecode);

}  // namespace zkload
