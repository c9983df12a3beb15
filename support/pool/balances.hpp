// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"
#include "rpc/client.hpp"
#include "codec/u256.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace zkload::pool {

/// Calls per JSON-RPC batch when reading balances: large enough that 100,000 wallets take 200
/// round trips, small enough for the default request-size limits of common nodes.
inline constexpr size_t kDefaultBalanceBatch = 500;

/// A balance that could not be read; the message names the address (and the token) and quotes
/// the node's error. A batch with any failed element fails as a whole.
class BalanceError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// eth_getBalance(address, "latest") for every address, in order, `batch_size` calls per batch.
std::vector<U256> eth_balances(rpc::Client& client,
                               std::span<const Address> addresses,
                               size_t batch_size = kDefaultBalanceBatch);

/// eth_call(token.balanceOf(address), "latest") for every address, in order. A reply that is not
/// one 32-byte word (a revert, or "0x" from an address without code) is a BalanceError.
std::vector<U256> token_balances(rpc::Client& client,
                                 const Address& token,
                                 std::span<const Address> addresses,
                                 size_t batch_size = kDefaultBalanceBatch);

/// Token balances read straight from storage (eth_getStorageAt of each holder's balance slot):
/// ~5× faster than eth_call balanceOf on anvil, for a token whose layout we know (our own).
std::vector<U256> slot_balances(rpc::Client& client,
                                const Address& token,
                                std::span<const Address> addresses,
                                const std::function<Hash(const Address&)>& slot_of,
                                size_t batch_size = kDefaultBalanceBatch);

/// ERC-20 balanceOf(address) calldata: selector 0x70a08231 and the address as one word.
Bytes balance_of_calldata(const Address& holder);

/// What every wallet must hold before a benchmark starts (wei; token base units).
struct Need
{
    U256 eth;
    U256 token;
};

/// Balances of the same wallets; `token` is empty when the benchmark uses no token.
struct WalletBalances
{
    std::vector<U256> eth;
    std::vector<U256> token;
};

/// Indices of the wallets holding less than `need` of ETH or of the token, ascending. Throws
/// std::invalid_argument when the token list is neither empty nor as long as the ETH list, or
/// when a token amount is needed but no token balances are given.
std::vector<size_t> short_wallets(const WalletBalances& balances, const Need& need);

/// need − have, or zero when have suffices: what a funding transfer must add.
U256 top_up(const U256& have, const U256& need);

/// The inputs of the ETH a wallet needs for its share of a benchmark.
struct FeePlan
{
    /// The node's current base fee (eth_getBlockByNumber("latest").baseFeePerGas).
    U256 base_fee_per_gas;
    U256 priority_fee_per_gas;
    uint64_t gas_per_txn = 21'000;
    uint64_t txns_per_wallet = 0;
    /// Wei each transaction sends along (0 for token transfers and most contract calls).
    U256 value_per_txn;
    /// Headroom on the fees, in percent: the base fee may rise during the run.
    unsigned margin_percent = 20;
};

/// base_fee × 2 + tip: what the load engine sets as max fee per gas, and so what a node
/// reserves (and checks the balance against) per unit of gas, whatever is finally charged.
U256 max_fee_per_gas(const FeePlan& plan);

/// needed = txns × value + ⌈txns × gas × max_fee × (100 + margin) / 100⌉
/// with max_fee = base_fee × 2 + tip. The margin covers the fees only: values are exact.
/// Throws std::overflow_error if the result does not fit 256 bits.
U256 needed_eth_per_wallet(const FeePlan& plan);

/// How much the funder lacks: zero where it has enough.
struct Shortfall
{
    U256 eth;
    U256 token;

    bool any() const { return eth != 0 || token != 0; }
};

Shortfall shortfall(const U256& funder_eth,
                    const U256& funder_token,
                    const U256& needed_eth,
                    const U256& needed_token);

/// nullopt when the funder holds enough, else a message for the user, e.g. "the funder is short
/// by 12.5 ETH (holds 1 ETH, funding needs 13.5 ETH including its own gas)", with the token part
/// added when tokens are short, so that the caller fails before sending anything.
/// `total_needed_eth` must include the gas the funding transactions themselves burn.
std::optional<std::string> check_funder(const U256& funder_eth,
                                        const U256& funder_token,
                                        const U256& total_needed_eth,
                                        const U256& total_needed_token,
                                        unsigned token_decimals = 18);

/// `amount` / 10^decimals as a decimal number without trailing zeros ("12.5", "3", "0.000001").
std::string format_units(const U256& amount, unsigned decimals);

}  // namespace zkload::pool
