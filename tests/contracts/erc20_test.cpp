// SPDX-License-Identifier: Apache-2.0
// ZkloadToken deployed from the checked-in bytecode on a real anvil, driven through the C++
// calldata builders: metadata, transfers and their logs, approvals, mint rights, storage layout.
#include "contracts/erc20.hpp"

#include <limits>
#include "contract_fixture.hpp"

namespace zkload::test {
namespace {

const U256 kSupply = kOne * 1'000'000;

class Erc20 : public ContractTest
{
protected:
    void SetUp() override
    {
        ContractTest::SetUp();
        token_ = deploy(token_creation_code(kSupply));
    }

    U256 balance(const Address& holder)
    {
        return call_uint(token_, erc20_balance_of_calldata(holder));
    }

    /// The one Transfer log a receipt must hold, checked field by field.
    void expect_transfer_log(const nlohmann::json& receipt,
                             const Address& from,
                             const Address& to,
                             const U256& amount)
    {
        const auto& logs = receipt.at("logs");
        ASSERT_EQ(logs.size(), 1u) << receipt.dump();
        const auto& log = logs.at(0);
        EXPECT_EQ(log.at("address"), to_hex(token_));
        const auto& topics = log.at("topics");
        ASSERT_EQ(topics.size(), 3u);
        EXPECT_EQ(topics.at(0), to_hex(zkload::abi::event_topic(kErc20TransferEvent)));
        EXPECT_EQ(topics.at(1), address_word(from));
        EXPECT_EQ(topics.at(2), address_word(to));
        EXPECT_EQ(log.at("data"), to_hex(to_be_bytes32(amount)));
    }

    Address token_{};
};

const Address kAlice = parse_address("0x00000000000000000000000000000000000a11ce");
const Address kBob = parse_address("0x0000000000000000000000000000000000000b0b");

TEST_F(Erc20, reports_name_symbol_decimals_supply_and_owner)
{
    namespace abi = zkload::abi;
    const auto string_of = [&](std::string_view signature) {
        const auto values = abi::decode({abi::parse_type("string")},
                                        call_ok(token_, abi::encode_call(signature, {})));
        return std::get<std::string>(values.at(0).data);
    };
    EXPECT_EQ(string_of("name()"), "zkload token");
    EXPECT_EQ(string_of("symbol()"), "ZKL");
    EXPECT_EQ(call_uint(token_, abi::encode_call("decimals()", {})), U256(18));
    EXPECT_EQ(call_uint(token_, abi::encode_call("totalSupply()", {})), kSupply);
    EXPECT_EQ(balance(owner_), kSupply);
    const auto owner =
        abi::decode({abi::parse_type("address")}, call_ok(token_, abi::encode_call("owner()", {})));
    EXPECT_EQ(std::get<Address>(owner.at(0).data), owner_);
}

TEST_F(Erc20, transfer_moves_the_balance_and_logs_it)
{
    const U256 amount = kOne * 7 + 3;
    const auto receipt = send_ok(token_, erc20_transfer_calldata(kAlice, amount), 100'000);
    expect_transfer_log(receipt, owner_, kAlice, amount);
    EXPECT_EQ(balance(kAlice), amount);
    EXPECT_EQ(balance(owner_), kSupply - amount);
}

TEST_F(Erc20, transfer_beyond_the_balance_reverts)
{
    const Bytes data = erc20_transfer_calldata(kAlice, kOne);
    EXPECT_EQ(to_hex(revert_data(token_, data, other_)),
              to_hex(custom_error(
                  "InsufficientBalance(address,uint256,uint256)",
                  {zkload::abi::address(other_), zkload::abi::uint(0), zkload::abi::uint(kOne)})));
}

TEST_F(Erc20, approve_then_transfer_from_spends_the_allowance)
{
    const U256 allowed = kOne * 5;
    const U256 spent = kOne * 2;
    const auto approval = send_ok(token_, erc20_approve_calldata(other_, allowed), 100'000);
    ASSERT_EQ(approval.at("logs").size(), 1u);
    EXPECT_EQ(approval.at("logs").at(0).at("topics").at(0),
              to_hex(zkload::abi::event_topic(kErc20ApprovalEvent)));
    EXPECT_EQ(call_uint(token_, erc20_allowance_calldata(owner_, other_)), allowed);

    const auto receipt =
        send(kOtherKey, token_, erc20_transfer_from_calldata(owner_, kBob, spent), 100'000);
    EXPECT_EQ(receipt.at("status"), "0x1");
    expect_transfer_log(receipt, owner_, kBob, spent);
    EXPECT_EQ(balance(kBob), spent);
    EXPECT_EQ(balance(owner_), kSupply - spent);
    EXPECT_EQ(call_uint(token_, erc20_allowance_calldata(owner_, other_)), allowed - spent);

    const Bytes too_much = erc20_transfer_from_calldata(owner_, kBob, allowed);
    EXPECT_EQ(
        to_hex(revert_data(token_, too_much, other_)),
        to_hex(custom_error("InsufficientAllowance(address,address,uint256,uint256)",
                            {zkload::abi::address(owner_), zkload::abi::address(other_),
                             zkload::abi::uint(allowed - spent), zkload::abi::uint(allowed)})));
}

TEST_F(Erc20, an_unlimited_allowance_is_never_spent)
{
    const U256 unlimited = std::numeric_limits<U256>::max();
    send_ok(token_, erc20_approve_calldata(other_, unlimited), 100'000);
    const auto receipt =
        send(kOtherKey, token_, erc20_transfer_from_calldata(owner_, kAlice, kOne), 100'000);
    EXPECT_EQ(receipt.at("status"), "0x1");
    EXPECT_EQ(balance(kAlice), kOne);
    EXPECT_EQ(call_uint(token_, erc20_allowance_calldata(owner_, other_)), unlimited);
}

TEST_F(Erc20, only_the_owner_mints)
{
    const Bytes mint = erc20_mint_calldata(kAlice, kOne);
    const auto refused = send(kOtherKey, token_, mint, 100'000);
    EXPECT_EQ(refused.at("status"), "0x0");
    EXPECT_EQ(to_hex(revert_data(token_, mint, other_)),
              to_hex(custom_error("NotOwner(address)", {zkload::abi::address(other_)})));
    EXPECT_EQ(balance(kAlice), U256(0));

    const auto minted = send_ok(token_, mint, 100'000);
    expect_transfer_log(minted, Address{}, kAlice, kOne);
    EXPECT_EQ(balance(kAlice), kOne);
    EXPECT_EQ(call_uint(token_, zkload::abi::encode_call("totalSupply()", {})), kSupply + kOne);
}

TEST_F(Erc20, balance_slot_is_where_the_balance_lives)
{
    const auto storage_at = [&](const Hash& slot) {
        const auto word = client_->call_or_throw(
            "eth_getStorageAt", nlohmann::json::array({to_hex(token_), to_hex(slot), "latest"}));
        return parse_u256(word.get<std::string>());
    };
    EXPECT_EQ(storage_at(erc20_balance_slot(owner_)), kSupply);
    EXPECT_EQ(storage_at(erc20_balance_slot(kAlice)), U256(0));

    const U256 planted = kOne * 4242 + 1;
    client_->call_or_throw(
        "anvil_setStorageAt",
        nlohmann::json::array(
            {to_hex(token_), to_hex(erc20_balance_slot(kAlice)), to_hex(to_be_bytes32(planted))}));
    EXPECT_EQ(balance(kAlice), planted);

    send_ok(token_, erc20_approve_calldata(kBob, kOne * 9), 100'000);
    EXPECT_EQ(storage_at(erc20_allowance_slot(owner_, kBob)), kOne * 9);
}

}  // namespace
}  // namespace zkload::test
