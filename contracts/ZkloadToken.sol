// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title zkload token (ZKL)
/// @notice The ERC20 that zkload's wallet pool funds and its benchmarks transfer. Deliberately
/// small: no hooks, no permit, no pausing, so that a transfer costs what a plain ERC20 transfer
/// costs on any chain.
///
/// Storage layout (fixed; zkload's C++ code relies on it, see support/contracts/erc20.hpp):
///   slot 0  balanceOf   mapping(address => uint256): the balance of holder h lives at
///                       keccak256(pad32(h) ++ pad32(0)), so a dev node can set a balance
///                       directly with anvil_setStorageAt / hardhat_setStorageAt.
///   slot 1  allowance   mapping(address => mapping(address => uint256)): allowance[o][s] lives
///                       at keccak256(pad32(s) ++ keccak256(pad32(o) ++ pad32(1))).
///   slot 2  totalSupply
/// owner is immutable (kept in the code, not in storage); name, symbol and decimals are constants.
contract ZkloadToken {
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    uint256 public totalSupply;

    /// @notice The deployer, the only account that may mint.
    address public immutable owner;

    string public constant name = "zkload token";
    string public constant symbol = "ZKL";
    uint8 public constant decimals = 18;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    error NotOwner(address caller);
    error InsufficientBalance(address holder, uint256 balance, uint256 needed);
    error InsufficientAllowance(address holder, address spender, uint256 allowance, uint256 needed);

    /// @param initialSupply minted to the deployer, who also becomes the owner.
    constructor(uint256 initialSupply) {
        owner = msg.sender;
        mint(msg.sender, initialSupply);
    }

    /// @notice Creates `amount` tokens for `to`. Owner only, so a funder can top up the pool
    /// on any chain, not only on dev nodes whose storage it can write.
    function mint(address to, uint256 amount) public {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        move(msg.sender, to, amount);
        return true;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    /// @notice An allowance of type(uint256).max is never decreased, so a holder can approve the
    /// multisend once and save a storage write per call.
    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < amount) revert InsufficientAllowance(from, msg.sender, allowed, amount);
            unchecked {
                allowance[from][msg.sender] = allowed - amount;
            }
        }
        move(from, to, amount);
        return true;
    }

    function move(address from, address to, uint256 amount) private {
        uint256 balance = balanceOf[from];
        if (balance < amount) revert InsufficientBalance(from, balance, amount);
        unchecked {
            balanceOf[from] = balance - amount;
        }
        // Checked although balances normally sum to totalSupply: a dev node's storage writes
        // (anvil_setStorageAt) can break that sum, and a wrapped balance would go unnoticed.
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }
}
