// SPDX-License-Identifier: Apache-2.0
#include "safety/public_chains.hpp"

#include <algorithm>
#include <array>

namespace zkload::safety {
namespace {

/// Chain ids as the chains publish them (chainlist.org, the chains' own documentation).
constexpr std::array kPublicChains{
    PublicChain{1, "Ethereum mainnet"},
    PublicChain{10, "OP Mainnet"},
    PublicChain{25, "Cronos"},
    PublicChain{56, "BNB Smart Chain"},
    PublicChain{100, "Gnosis"},
    PublicChain{130, "Unichain"},
    PublicChain{137, "Polygon PoS"},
    PublicChain{146, "Sonic"},
    PublicChain{232, "Lens Chain (ZK Stack)"},
    PublicChain{250, "Fantom Opera"},
    PublicChain{324, "zkSync Era"},
    PublicChain{388, "Cronos zkEVM (ZK Stack)"},
    PublicChain{480, "World Chain"},
    PublicChain{1101, "Polygon zkEVM"},
    PublicChain{1284, "Moonbeam"},
    PublicChain{2741, "Abstract (ZK Stack)"},
    PublicChain{5000, "Mantle"},
    PublicChain{8217, "Kaia"},
    PublicChain{8453, "Base"},
    PublicChain{33139, "ApeChain"},
    PublicChain{34443, "Mode"},
    PublicChain{42161, "Arbitrum One"},
    PublicChain{42170, "Arbitrum Nova"},
    PublicChain{42220, "Celo"},
    PublicChain{43114, "Avalanche C-Chain"},
    PublicChain{50104, "Sophon (ZK Stack)"},
    PublicChain{57073, "Ink"},
    PublicChain{59144, "Linea"},
    PublicChain{80094, "Berachain"},
    PublicChain{81457, "Blast"},
    PublicChain{167000, "Taiko Alethia"},
    PublicChain{534352, "Scroll"},
    PublicChain{7777777, "Zora"},
};

constexpr bool sorted_and_unique()
{
    for (size_t i = 1; i < kPublicChains.size(); ++i)
        if (kPublicChains[i - 1].chain_id >= kPublicChains[i].chain_id)
            return false;
    return true;
}
static_assert(sorted_and_unique(), "keep kPublicChains sorted by chain id, without repeats");

}  // namespace

std::span<const PublicChain> public_chains()
{
    return kPublicChains;
}

std::optional<PublicChain> find_public_chain(uint64_t chain_id)
{
    const auto found =
        std::lower_bound(kPublicChains.begin(), kPublicChains.end(), chain_id,
                         [](const PublicChain& chain, uint64_t id) { return chain.chain_id < id; });
    if (found == kPublicChains.end() || found->chain_id != chain_id)
        return std::nullopt;
    return *found;
}

}  // namespace zkload::safety
