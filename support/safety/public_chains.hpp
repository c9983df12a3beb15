// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace zkload::safety {

/// A production chain where transactions cost real money.
struct PublicChain
{
    uint64_t chain_id = 0;
    std::string_view name;
};

/// Well-known public mainnets (Ethereum, zkSync Era and the ZK Stack chains, the large rollups
/// and sidechains), sorted by chain id. Testnets and devnets are not in it: loading them is
/// what zkload is for.
std::span<const PublicChain> public_chains();

/// The public mainnet with this chain id, or nullopt.
std::optional<PublicChain> find_public_chain(uint64_t chain_id);

}  // namespace zkload::safety
