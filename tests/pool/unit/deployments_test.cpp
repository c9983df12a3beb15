// SPDX-License-Identifier: Apache-2.0
// Which contracts a pool still has to deploy, from its state and what it was asked to keep.
#include "pool/pool_steps.hpp"

#include <gtest/gtest.h>

namespace zkload::pool {
namespace {

TEST(pool_deployments, what_the_state_lacks_in_the_order_asked_once_each)
{
    PoolState state;
    const std::vector<std::string> wanted = {"token", "multisend", "token"};
    EXPECT_EQ(missing_from(state, wanted), (Deployments{"token", "multisend"}));
    state.contracts["token"] = parse_address("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    EXPECT_EQ(missing_from(state, wanted), (Deployments{"multisend"}));
    state.contracts["multisend"] = parse_address("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");
    EXPECT_TRUE(missing_from(state, wanted).empty());
}

TEST(pool_deployments, an_unregistered_name_is_refused_before_anything_is_sent)
{
    const std::vector<std::string> wanted = {"token", "swap_pair"};
    try
    {
        missing_from(PoolState{}, wanted);
        FAIL() << "an unregistered contract was accepted";
    }
    catch (const PoolError& e)
    {
        EXPECT_NE(std::string(e.what()).find("no contract is registered as \"swap_pair\" "
                                             "(registered: token, multisend)"),
                  std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace zkload::pool
