// SPDX-License-Identifier: Apache-2.0
// Chain identity and staleness against real anvils: what tells a funded pool's chain apart from
// a new one.
#include "pool/chain_identity.hpp"
#include "pool/wallets.hpp"
#include "pool_anvil.hpp"

#include <gtest/gtest.h>

#include <iostream>

using namespace zkload;
using namespace zkload::pool;
using zkload::pool::itest::deploy;
using zkload::pool::itest::start_pool_anvil;

namespace {

/// A fixed genesis timestamp, so that two anvils start from the same genesis block.
const std::vector<std::string> kFixedGenesis = {"--timestamp", "1767225600"};

PoolState state_for(const ChainIdentity& identity)
{
    PoolState state;
    state.chain_id = identity.chain_id;
    state.genesis_hash = identity.genesis_hash;
    state.seed_name = std::string(kDefaultSeedName);
    state.pool_size = 10;
    return state;
}

/// The genesis block's timestamp, read independently of the code under test.
uint64_t genesis_timestamp(rpc::Client& client)
{
    const auto block =
        client.call_or_throw("eth_getBlockByNumber", nlohmann::json::array({"0x0", false}));
    return parse_quantity(block.at("timestamp").get<std::string>()).value();
}

}  // namespace

TEST(pool_chain_identity, read_from_anvil)
{
    auto anvil = start_pool_anvil();
    const ChainIdentity identity = read_chain_identity(*anvil.client);
    EXPECT_EQ(identity.chain_id, 31337u);
    const auto genesis =
        anvil.client->call_or_throw("eth_getBlockByNumber", nlohmann::json::array({"0x0", false}));
    EXPECT_EQ(to_hex(identity.genesis_hash), genesis.at("hash"));
    EXPECT_NE(identity.genesis_hash, Hash{});
    EXPECT_TRUE(state_matches(state_for(identity), identity));
}

TEST(pool_chain_identity, read_with_the_load_defaults)
{
    auto anvil = start_pool_anvil(DevnetOptions::load_defaults());
    const ChainIdentity identity = read_chain_identity(*anvil.client);
    EXPECT_EQ(identity.chain_id, 31337u);
    EXPECT_NE(identity.genesis_hash, Hash{}) << "--prune-history must keep the genesis block";
}

/// anvil's genesis block is built from its start time in whole seconds: two anvils started
/// within the same second have the same genesis hash, a second apart they do not. Which one
/// happens here depends on the clock, so the test prints it and checks only the rule.
TEST(pool_chain_identity, two_fresh_anvils_share_the_chain_id)
{
    auto first = start_pool_anvil();
    auto second = start_pool_anvil();
    const ChainIdentity a = read_chain_identity(*first.client);
    const ChainIdentity b = read_chain_identity(*second.client);
    EXPECT_EQ(a.chain_id, b.chain_id);
    const auto timestamp_a = genesis_timestamp(*first.client);
    const auto timestamp_b = genesis_timestamp(*second.client);
    const bool differ = a.genesis_hash != b.genesis_hash;
    std::cout << "two anvils started separately: genesis " << to_hex(a.genesis_hash) << " (time "
              << timestamp_a << ") and " << to_hex(b.genesis_hash) << " (time " << timestamp_b
              << ")" << (differ ? " differ" : " are the same") << "\n";
    RecordProperty("fresh_anvils_genesis_differ", differ ? "yes" : "no");
    EXPECT_EQ(differ, timestamp_a != timestamp_b);
}

TEST(pool_chain_identity, genesis_hash_follows_the_genesis_timestamp)
{
    auto first = start_pool_anvil(kFixedGenesis);
    auto second = start_pool_anvil(kFixedGenesis);
    auto later = start_pool_anvil({"--timestamp", "1767225601"});
    EXPECT_EQ(read_chain_identity(*first.client), read_chain_identity(*second.client))
        << "identity alone cannot tell these two chains apart";
    EXPECT_NE(read_chain_identity(*first.client), read_chain_identity(*later.client));
}

TEST(pool_chain_identity, code_presence_catches_a_reset_chain)
{
    auto before = start_pool_anvil(kFixedGenesis);
    const ChainIdentity old_identity = read_chain_identity(*before.client);
    PoolState state = state_for(old_identity);
    state.contracts["answer"] = deploy(*before.client, itest::kAnswerInitCode);
    EXPECT_TRUE(missing_contracts(*before.client, state).empty());
    EXPECT_EQ(stale_reason(*before.client, state, old_identity), std::nullopt);
    before.devnet->stop();

    auto after = start_pool_anvil(kFixedGenesis);
    const ChainIdentity new_identity = read_chain_identity(*after.client);
    ASSERT_EQ(new_identity, old_identity) << "precondition: the reset chain looks the same";
    EXPECT_TRUE(state_matches(state, new_identity));
    EXPECT_EQ(missing_contracts(*after.client, state), std::vector<Address>{*state.contract("answer")});
    const auto reason = stale_reason(*after.client, state, new_identity);
    ASSERT_TRUE(reason);
    EXPECT_NE(reason->find(to_hex(*state.contract("answer"))), std::string::npos) << *reason;
    EXPECT_NE(reason->find("reset"), std::string::npos) << *reason;

    auto fresh = start_pool_anvil();
    EXPECT_TRUE(stale_reason(*fresh.client, state, read_chain_identity(*fresh.client)))
        << "a fresh anvil must never pass for the funded one";
}

TEST(pool_chain_identity, another_chain_id_is_stale)
{
    auto anvil = start_pool_anvil({"--chain-id", "999"});
    const ChainIdentity identity = read_chain_identity(*anvil.client);
    EXPECT_EQ(identity.chain_id, 999u);
    PoolState state = state_for(identity);
    state.chain_id = 31337;
    EXPECT_FALSE(state_matches(state, identity));
    const auto reason = stale_reason(*anvil.client, state, identity);
    ASSERT_TRUE(reason);
    EXPECT_NE(reason->find("31337"), std::string::npos) << *reason;
    EXPECT_NE(reason->find("999"), std::string::npos) << *reason;
}
