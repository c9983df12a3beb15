// SPDX-License-Identifier: Apache-2.0
#include "zksync/bytecode_hash.hpp"

#include "codec/keccak.hpp"

#include <stdexcept>
#include <string>

namespace zkload {
namespace {

constexpr size_t kWordSize = 32;
constexpr uint8_t kEraVmVersion = 0x01;

[[noreturn]] void reject(size_t length, const char* why)
{
    throw std::invalid_argument("EraVM bytecode of " + std::to_string(length) + " bytes: " + why);
}

}  // namespace

Hash eravm_bytecode_hash(ByteView bytecode)
{
    if (bytecode.size() % kWordSize != 0)
        reject(bytecode.size(), "the length must be a multiple of 32");
    const size_t words = bytecode.size() / kWordSize;
    if (words % 2 == 0)
        reject(bytecode.size(), "the length in 32-byte words must be odd");
    if (words > kMaxEraVmBytecodeWords)
        reject(bytecode.size(), "longer than 65535 words");
    Hash hash = sha256(bytecode);
    hash[0] = kEraVmVersion;
    hash[1] = 0;
    hash[2] = static_cast<uint8_t>(words >> 8);
    hash[3] = static_cast<uint8_t>(words);
    return hash;
}

}  // namespace zkload
