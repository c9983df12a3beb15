// SPDX-License-Identifier: Apache-2.0
// Multisend deployed from the checked-in bytecode on a real anvil: it pays every recipient
// exactly, reverts as a whole on a wrong value, a length mismatch or a refused payment.
#include "contracts/multisend.hpp"
#include "contract_fixture.hpp"
#include "contracts/erc20.hpp"

namespace zkload::test {
namespace {

namespace abi = zkload::abi;

/// Gas limit for n recipients: well above the measured ~35k (ETH) / ~27k (token) per recipient,
/// and 500 recipients (22.6M) still fit anvil's default 30M block.
uint64_t gas_for(size_t recipients)
{
    return 200'000 + 45'000 * recipients;
}

/// Distinct amounts, so that a payment to the wrong index would show.
std::vector<U256> amounts_for(size_t n, const U256& unit)
{
    std::vector<U256> out;
    for (size_t i = 0; i < n; ++i)
        out.push_back(unit * (i + 1) + i);
    return out;
}

class Multisend : public ContractTest
{
protected:
    void SetUp() override
    {
        ContractTest::SetUp();
        multisend_ = deploy(multisend_creation_code());
    }

    /// Results of one JSON-RPC batch, as uint256 values.
    std::vector<U256> batch_uints(const std::vector<rpc::Call>& calls)
    {
        std::vector<U256> out;
        for (const rpc::Reply& reply : client_->batch(calls))
        {
            if (!reply.ok())
                throw std::runtime_error("batch call failed: " + reply.error->describe());
            out.push_back(parse_u256(reply.result.get<std::string>()));
        }
        return out;
    }

    std::vector<U256> eth_balances(const std::vector<Address>& holders)
    {
        std::vector<rpc::Call> calls;
        for (const Address& a : holders)
            calls.emplace_back("eth_getBalance", nlohmann::json::array({to_hex(a), "latest"}));
        return batch_uints(calls);
    }

    std::vector<U256> token_balances(const Address& token, const std::vector<Address>& holders)
    {
        std::vector<rpc::Call> calls;
        for (const Address& a : holders)
        {
            const nlohmann::json request = {{"to", to_hex(token)},
                                            {"data", to_hex(erc20_balance_of_calldata(a))}};
            calls.emplace_back("eth_call", nlohmann::json::array({request, "latest"}));
        }
        return batch_uints(calls);
    }

    Address multisend_{};
};

TEST_F(Multisend, send_ether_pays_200_fresh_addresses_exactly)
{
    const auto recipients = fresh_addresses(200, "ether-200");
    const auto amounts = amounts_for(200, U256(1'000'000'000'000ULL));
    const U256 total = multisend_total(amounts);
    send_ok(multisend_, multisend_ether_calldata(recipients, amounts), gas_for(200), total);
    EXPECT_EQ(eth_balances(recipients), amounts);
    EXPECT_EQ(client_->get_balance(multisend_, "latest"), U256(0));
}

TEST_F(Multisend, send_ether_with_a_wrong_value_reverts_and_pays_nobody)
{
    const auto recipients = fresh_addresses(3, "wrong-value");
    const auto amounts = amounts_for(3, kOne);
    const U256 total = multisend_total(amounts);
    const Bytes data = multisend_ether_calldata(recipients, amounts);
    for (const U256& value : {total + 1, total - 1, U256(0)})
    {
        const auto expected =
            custom_error("ValueMismatch(uint256,uint256)", {abi::uint(value), abi::uint(total)});
        EXPECT_EQ(to_hex(revert_data(multisend_, data, owner_, value)), to_hex(expected));
        EXPECT_EQ(send(kOwnerKey, multisend_, data, gas_for(3), value).at("status"), "0x0");
    }
    EXPECT_EQ(eth_balances(recipients), std::vector<U256>(3, U256(0)));
}

TEST_F(Multisend, a_recipient_that_refuses_ether_reverts_everything)
{
    const Address token = deploy(token_creation_code(kOne));
    const std::vector<Address> recipients = {fresh_addresses(1, "refused").at(0), token};
    const std::vector<U256> amounts = {U256(5), U256(7)};
    const Bytes data = multisend_ether_calldata(recipients, amounts);
    EXPECT_EQ(to_hex(revert_data(multisend_, data, owner_, U256(12))),
              to_hex(custom_error("EtherSendFailed(address,uint256)",
                                  {abi::address(token), abi::uint(7)})));
    EXPECT_EQ(send(kOwnerKey, multisend_, data, gas_for(2), U256(12)).at("status"), "0x0");
    EXPECT_EQ(client_->get_balance(recipients[0], "latest"), U256(0));
}

TEST_F(Multisend, length_mismatch_reverts_and_the_builders_refuse_it)
{
    const auto recipients = fresh_addresses(2, "mismatch");
    const auto amounts = amounts_for(3, U256(1));
    EXPECT_THROW(multisend_ether_calldata(recipients, amounts), std::invalid_argument);
    EXPECT_THROW(multisend_token_calldata(multisend_, recipients, amounts), std::invalid_argument);

    std::vector<abi::Value> to;
    std::vector<abi::Value> values;
    for (const Address& a : recipients)
        to.push_back(abi::address(a));
    for (const U256& v : amounts)
        values.push_back(abi::uint(v));
    const auto expected =
        custom_error("LengthMismatch(uint256,uint256)", {abi::uint(2), abi::uint(3)});
    const Bytes ether = abi::encode_call(kMultisendSendEther, {abi::array(to), abi::array(values)});
    EXPECT_EQ(to_hex(revert_data(multisend_, ether, owner_, U256(6))), to_hex(expected));
    EXPECT_EQ(send(kOwnerKey, multisend_, ether, gas_for(3), U256(6)).at("status"), "0x0");
    const Bytes token = abi::encode_call(
        kMultisendSendToken, {abi::address(multisend_), abi::array(to), abi::array(values)});
    EXPECT_EQ(to_hex(revert_data(multisend_, token, owner_)), to_hex(expected));
}

TEST_F(Multisend, send_token_after_approve_pays_200_recipients)
{
    const Address token = deploy(token_creation_code(kOne * 1'000'000));
    const auto recipients = fresh_addresses(200, "token-200");
    const auto amounts = amounts_for(200, kOne);
    const U256 total = multisend_total(amounts);
    const Bytes data = multisend_token_calldata(token, recipients, amounts);
    EXPECT_EQ(send(kOwnerKey, multisend_, data, gas_for(200)).at("status"), "0x0")
        << "sendToken without an approval must revert";

    send_ok(token, erc20_approve_calldata(multisend_, total), 100'000);
    const auto receipt = send_ok(multisend_, data, gas_for(200));
    EXPECT_EQ(receipt.at("logs").size(), 200u);
    EXPECT_EQ(token_balances(token, recipients), amounts);
    EXPECT_EQ(token_balances(token, {owner_}).at(0), kOne * 1'000'000 - total);
    EXPECT_EQ(call_uint(token, erc20_allowance_calldata(owner_, multisend_)), U256(0));
}

}  // namespace
}  // namespace zkload::test
