// SPDX-License-Identifier: Apache-2.0
#include "pool/balances.hpp"

#include <stdexcept>

namespace zkload::pool {
namespace {

constexpr unsigned kEthDecimals = 18;

std::string eth(const U256& wei)
{
    return format_units(wei, kEthDecimals) + " ETH";
}

}  // namespace

std::vector<size_t> short_wallets(const WalletBalances& balances, const Need& need)
{
    const bool with_token = !balances.token.empty();
    if (with_token && balances.token.size() != balances.eth.size())
        throw std::invalid_argument("short_wallets: " + std::to_string(balances.eth.size()) +
                                    " ETH balances but " + std::to_string(balances.token.size()) +
                                    " token balances");
    if (!with_token && need.token != 0 && !balances.eth.empty())
        throw std::invalid_argument(
            "short_wallets: a token amount is needed but no token "
            "balances were read");
    std::vector<size_t> shorts;
    for (size_t i = 0; i < balances.eth.size(); ++i)
    {
        if (balances.eth[i] < need.eth || (with_token && balances.token[i] < need.token))
            shorts.push_back(i);
    }
    return shorts;
}

U256 top_up(const U256& have, const U256& need)
{
    return have >= need ? U256(0) : U256(need - have);
}

U256 max_fee_per_gas(const FeePlan& plan)
{
    return plan.base_fee_per_gas * 2 + plan.priority_fee_per_gas;
}

U256 needed_eth_per_wallet(const FeePlan& plan)
{
    const U256 txns = plan.txns_per_wallet;
    const U256 fees = txns * plan.gas_per_txn * max_fee_per_gas(plan) * (100 + plan.margin_percent);
    const U256 fees_with_margin = (fees + 99) / 100;
    return txns * plan.value_per_txn + fees_with_margin;
}

Shortfall shortfall(const U256& funder_eth,
                    const U256& funder_token,
                    const U256& needed_eth,
                    const U256& needed_token)
{
    return Shortfall{top_up(funder_eth, needed_eth), top_up(funder_token, needed_token)};
}

std::optional<std::string> check_funder(const U256& funder_eth,
                                        const U256& funder_token,
                                        const U256& total_needed_eth,
                                        const U256& total_needed_token,
                                        unsigned token_decimals)
{
    const Shortfall missing =
        shortfall(funder_eth, funder_token, total_needed_eth, total_needed_token);
    if (!missing.any())
        return std::nullopt;
    std::string message = "the funder is short by ";
    if (missing.eth != 0)
        message += eth(missing.eth) + " (holds " + eth(funder_eth) + ", funding needs " +
                   eth(total_needed_eth) + " including its own gas)";
    if (missing.eth != 0 && missing.token != 0)
        message += " and by ";
    if (missing.token != 0)
        message += format_units(missing.token, token_decimals) + " tokens (holds " +
                   format_units(funder_token, token_decimals) + ", funding needs " +
                   format_units(total_needed_token, token_decimals) + ")";
    return message + "; top it up before funding the pool";
}

std::string format_units(const U256& amount, unsigned decimals)
{
    std::string digits = to_decimal(amount);
    if (decimals == 0)
        return digits;
    if (digits.size() <= decimals)
        digits.insert(0, decimals + 1 - digits.size(), '0');
    std::string whole = digits.substr(0, digits.size() - decimals);
    std::string fraction = digits.substr(digits.size() - decimals);
    while (!fraction.empty() && fraction.back() == '0')
        fraction.pop_back();
    return fraction.empty() ? whole : whole + "." + fraction;
}

}  // namespace zkload::pool
