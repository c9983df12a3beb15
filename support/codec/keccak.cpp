// SPDX-License-Identifier: Apache-2.0
#include "codec/keccak.hpp"

#include <cryptopp/keccak.h>
#include <cryptopp/sha.h>

namespace zkload {

/// Crypto++ hash objects are not thread-safe but cheap to keep: one per thread, restarted by Final.
Hash keccak256(ByteView data)
{
    thread_local CryptoPP::Keccak_256 hasher;
    Hash out;
    hasher.CalculateDigest(out.data(), data.data(), data.size());
    return out;
}

Hash keccak256(ByteView first, ByteView second)
{
    thread_local CryptoPP::Keccak_256 hasher;
    hasher.Update(first.data(), first.size());
    hasher.Update(second.data(), second.size());
    Hash out;
    hasher.Final(out.data());
    return out;
}

Hash sha256(ByteView data)
{
    thread_local CryptoPP::SHA256 hasher;
    Hash out;
    hasher.CalculateDigest(out.data(), data.data(), data.size());
    return out;
}

}  // namespace zkload
