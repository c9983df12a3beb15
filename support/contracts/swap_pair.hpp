// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"
#include "codec/u256.hpp"

namespace zkload {

/// The data of a transaction that deploys SwapPair (contracts/SwapPair.sol), an ether/`token`
/// constant-product pair.
Bytes swap_pair_creation_code(const Address& token);

/// Calldata for SwapPair.sync(): the ether sent with it and the tokens sent to the pair before
/// become its reserves (how liquidity is added).
Bytes swap_pair_sync_calldata();

/// Calldata for SwapPair.quote(eth_in): the tokens `eth_in` wei buy at the current reserves.
Bytes swap_pair_quote_calldata(const U256& eth_in);

/// Calldata for SwapPair.swapExactEthForTokens(min_out): swaps the ether sent for at least
/// `min_out` tokens, else reverts (slippage).
Bytes swap_pair_swap_calldata(const U256& min_out);

/// The least output a swap takes: `quote` less `slippage_bps` hundredths of a percent.
U256 swap_min_out(const U256& quote, uint64_t slippage_bps);

}  // namespace zkload
