// SPDX-License-Identifier: Apache-2.0
// zkload --fund and --sweep through the binary, against a node that outlives them.
#include "funding_fixture.hpp"

namespace zkload::pool::test {

TEST_F(Funding, sweep_reaches_the_largest_pool_funded_under_the_seed)
{
    const std::vector<std::string> node = {"--rpc-url", devnet_->url(), "--state-dir", state_dir_.string(),
                                           "--seed", "cli-sweep", "--tokens-per-wallet", "3"};
    const auto with = [&](std::vector<std::string> extra) {
        extra.insert(extra.begin(), node.begin(), node.end());
        return extra;
    };
    auto [rc, out] = run_zkload(with({"--fund", "--wallets", "300"}), state_dir_);
    ASSERT_EQ(rc, 0) << out;
    std::tie(rc, out) = run_zkload(with({"--fund", "--wallets", "100"}), state_dir_);
    ASSERT_EQ(rc, 0) << out;
    EXPECT_NE(out.find("100 wallets"), std::string::npos) << out;

    std::tie(rc, out) = run_zkload(with({"--sweep"}), state_dir_);
    ASSERT_EQ(rc, 0) << out;
    EXPECT_NE(out.find("swept 300 wallets of pool \"cli-sweep\""), std::string::npos) << out;
    EXPECT_NE(out.find("900 ZKL in 300 transfers"), std::string::npos) << out;
    EXPECT_EQ(out.find(to_hex(kFunder).substr(2)), std::string::npos) << "the key was printed";

    const auto wallets = derive_wallets("cli-sweep", 0, 300);
    std::vector<Address> addresses;
    for (const Wallet& w : wallets)
        addresses.push_back(w.address);
    for (const U256& left : eth_balances(*client_, addresses))
        EXPECT_LT(left, U256(100'000'000'000'000ull));
}

}  // namespace zkload::pool::test
