// SPDX-License-Identifier: Apache-2.0
#include "contracts/swap_pair.hpp"

#include "abi/abi.hpp"
#include "contracts/contract_artifacts.hpp"

#include <stdexcept>

namespace zkload {

Bytes swap_pair_creation_code(const Address& token)
{
    static const std::vector<abi::Type> kConstructor = {abi::parse_type("address")};
    Bytes code = parse_hex(artifacts::kSwapPairCreationCode);
    append(code, abi::encode(kConstructor, {abi::address(token)}));
    return code;
}

Bytes swap_pair_sync_calldata()
{
    static const abi::Function kFunction = abi::parse_function("sync()");
    return abi::encode_call(kFunction, {});
}

Bytes swap_pair_quote_calldata(const U256& eth_in)
{
    static const abi::Function kFunction = abi::parse_function("quote(uint256)");
    return abi::encode_call(kFunction, {abi::uint(eth_in)});
}

Bytes swap_pair_swap_calldata(const U256& min_out)
{
    static const abi::Function kFunction = abi::parse_function("swapExactEthForTokens(uint256)");
    return abi::encode_call(kFunction, {abi::uint(min_out)});
}

U256 swap_min_out(const U256& quote, uint64_t slippage_bps)
{
    if (slippage_bps > 10'000)
        throw std::invalid_argument("a slippage over 10000 basis points (100%) means nothing");
    return quote - quote * U256(slippage_bps) / U256(10'000);
}

}  // namespace zkload
