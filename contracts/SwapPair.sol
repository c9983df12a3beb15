// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// The two ERC20 functions the pair calls.
interface IPairToken {
    function transfer(address to, uint256 amount) external returns (bool);
    function balanceOf(address holder) external view returns (uint256);
}

/// @title zkload swap pair
/// @notice The swap/ rows' AMM: a constant-product pair of ether and one ERC20 (the pool's token),
/// priced as Uniswap V2 prices a pair (x * y = k, a 0.3% fee on the input). Each swap is an
/// exact-input swap of the ether sent with it for tokens, with the least output the sender takes:
/// below it the swap reverts (slippage), as a trader's would.
contract SwapPair {
    IPairToken public immutable token;
    uint256 public reserveEth;
    uint256 public reserveToken;

    event Swap(address indexed trader, uint256 ethIn, uint256 tokensOut);

    error NoLiquidity();
    error Slippage(uint256 out, uint256 minOut);
    error TokenTransferFailed();

    constructor(IPairToken pairToken) {
        token = pairToken;
    }

    /// @notice Takes the ether sent with it and every token sent to the pair before as its reserves.
    function sync() external payable {
        reserveEth = address(this).balance;
        reserveToken = token.balanceOf(address(this));
    }

    /// @notice The tokens `ethIn` buys at the current reserves.
    function quote(uint256 ethIn) public view returns (uint256) {
        uint256 inAfterFee = ethIn * 997;
        return (inAfterFee * reserveToken) / (reserveEth * 1000 + inAfterFee);
    }

    /// @notice Swaps the ether sent for tokens, at least `minOut` of them.
    function swapExactEthForTokens(uint256 minOut) external payable returns (uint256 out) {
        if (reserveEth == 0 || reserveToken == 0) revert NoLiquidity();
        out = quote(msg.value);
        if (out < minOut || out == 0) revert Slippage(out, minOut);
        reserveEth += msg.value;
        reserveToken -= out;
        if (!token.transfer(msg.sender, out)) revert TokenTransferFailed();
        emit Swap(msg.sender, msg.value, out);
    }
}
