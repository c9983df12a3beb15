// SPDX-License-Identifier: Apache-2.0
// Gas per recipient of the multisend at 100 and 500 fresh recipients, printed for the report
// and bounded so that a change that makes funding much dearer fails here.
#include "contract_fixture.hpp"
#include "contracts/erc20.hpp"
#include "contracts/multisend.hpp"

#include <cstdio>
#include <string>

namespace zkload::test {
namespace {

/// Fresh recipients cost at least 25,000 (new account) + 9,000 (value) + 2,600 (cold account)
/// - 2,300 (unused stipend returned) = 34,300 gas each for ether, plus ~600 calldata and loop;
/// 38,000 leaves room for that and nothing else.
constexpr uint64_t kMaxEtherGasPerRecipient = 38'000;
/// A token transfer to a fresh holder costs 22,100 (cold zero slot set) + ~1,900 (Transfer log)
/// + ~600 calldata + call overhead; 30,000 fails if, say, a second storage write per recipient
/// (5,000 at least) crept in.
constexpr uint64_t kMaxTokenGasPerRecipient = 30'000;

class MultisendGas : public ContractTest
{
protected:
    void SetUp() override
    {
        ContractTest::SetUp();
        multisend_ = deploy(multisend_creation_code());
        token_ = deploy(token_creation_code(kOne * 1'000'000'000));
        send_ok(token_, erc20_approve_calldata(multisend_, kOne * 1'000'000'000), 100'000);
    }

    /// gasUsed of one payment to n fresh recipients (0.001 ETH or 1.5 tokens each, amounts
    /// of the size the pool sends). The salt differs per call: a recipient paid before is not
    /// fresh and costs ~25,000 (ether) or ~17,000 (token) less.
    uint64_t pay(size_t n, bool token)
    {
        const std::string salt = (token ? "gas-token-" : "gas-ether-") + std::to_string(n);
        const auto recipients = fresh_addresses(n, salt);
        std::vector<U256> amounts(n, token ? kOne * 3 / 2 : kOne / 1000);
        const uint64_t gas = 200'000 + 45'000 * n;
        const auto receipt =
            token ? send_ok(multisend_, multisend_token_calldata(token_, recipients, amounts), gas)
                  : send_ok(multisend_, multisend_ether_calldata(recipients, amounts), gas,
                            multisend_total(amounts));
        return gas_used(receipt);
    }

    Address multisend_{};
    Address token_{};
};

TEST_F(MultisendGas, per_recipient_at_100_and_500_recipients)
{
    for (const bool token : {false, true})
    {
        const uint64_t at_100 = pay(100, token);
        const uint64_t at_500 = pay(500, token);
        const uint64_t marginal = (at_500 - at_100) / 400;
        std::printf(
            "multisend %-5s gasUsed: 100 recipients %llu (%llu each), "
            "500 recipients %llu (%llu each); marginal %llu per recipient\n",
            token ? "token" : "ether", static_cast<unsigned long long>(at_100),
            static_cast<unsigned long long>(at_100 / 100), static_cast<unsigned long long>(at_500),
            static_cast<unsigned long long>(at_500 / 500),
            static_cast<unsigned long long>(marginal));
        const uint64_t bound = token ? kMaxTokenGasPerRecipient : kMaxEtherGasPerRecipient;
        EXPECT_LT(marginal, bound);
        EXPECT_LT(at_100 / 100, bound + 1'000) << "the fixed cost spread over 100 recipients";
        EXPECT_LT(at_500 / 500, bound);
    }
}

}  // namespace
}  // namespace zkload::test
