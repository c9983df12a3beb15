// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// The storage/ rows' contract: each call writes `n` storage slots that were never written before,
/// the state growth a node keeps for good. Slots are keyed by the caller and the caller's own
/// running count, so calls from different wallets touch no common slot (a node that executes
/// transactions in parallel finds no conflict between them).
contract StorageFill {
    /// How many slots each caller has filled so far.
    mapping(address => uint256) public filled;
    /// The filled slots, keyed by keccak256(caller, index); each holds index + 1 (never zero).
    mapping(bytes32 => uint256) public slot;

    function fill(uint256 n) external {
        uint256 first = filled[msg.sender];
        for (uint256 i = first; i < first + n; ++i)
            slot[keccak256(abi.encode(msg.sender, i))] = i + 1;
        filled[msg.sender] = first + n;
    }
}
