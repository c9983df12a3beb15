// SPDX-License-Identifier: Apache-2.0
#include "safety/public_chains.hpp"
#include "safety/chain_guard.hpp"

#include <gtest/gtest.h>

namespace zkload::safety {
namespace {

TEST(public_chains, knows_the_main_production_chains)
{
    for (const auto& [id, name] :
         std::initializer_list<std::pair<uint64_t, std::string_view>>{{1, "Ethereum"},
                                                                      {324, "zkSync Era"},
                                                                      {10, "OP"},
                                                                      {8453, "Base"},
                                                                      {42161, "Arbitrum One"},
                                                                      {59144, "Linea"},
                                                                      {534352, "Scroll"},
                                                                      {2741, "Abstract"},
                                                                      {50104, "Sophon"},
                                                                      {232, "Lens"}})
    {
        const auto chain = find_public_chain(id);
        ASSERT_TRUE(chain.has_value()) << id;
        EXPECT_NE(chain->name.find(name), std::string_view::npos) << chain->name;
    }
}

TEST(public_chains, leaves_devnets_and_testnets_alone)
{
    /// anvil/hardhat, the zkSync local node, geth --dev, Sepolia, zkSync Sepolia, Holesky.
    for (const uint64_t id : {31337ull, 260ull, 270ull, 1337ull, 11155111ull, 300ull, 17000ull})
        EXPECT_FALSE(find_public_chain(id).has_value()) << id;
}

TEST(public_chains, list_is_sorted_and_named)
{
    const auto chains = public_chains();
    ASSERT_GE(chains.size(), 20u);
    for (size_t i = 0; i < chains.size(); ++i)
    {
        EXPECT_FALSE(chains[i].name.empty());
        if (i > 0)
        {
            EXPECT_LT(chains[i - 1].chain_id, chains[i].chain_id);
        }
    }
}

TEST(chain_guard, refuses_a_public_mainnet_naming_it_and_the_flag)
{
    try
    {
        check_chain_allowed(324, false);
        FAIL() << "zkSync Era was not refused";
    }
    catch (const PublicChainRefused& e)
    {
        const std::string message = e.what();
        EXPECT_NE(message.find("zkSync Era (chain id 324)"), std::string::npos) << message;
        EXPECT_NE(message.find(kAllowPublicChainFlag), std::string::npos) << message;
    }
}

TEST(chain_guard, lets_the_flag_and_other_chains_through)
{
    EXPECT_NO_THROW(check_chain_allowed(1, true));
    EXPECT_NO_THROW(check_chain_allowed(31337, false));
    EXPECT_NO_THROW(check_chain_allowed(270, false));
    EXPECT_THROW(check_chain_allowed(1, false), PublicChainRefused);
}

}  // namespace
}  // namespace zkload::safety
