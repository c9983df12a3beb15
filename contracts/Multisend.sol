// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// The one ERC20 function the multisend calls.
interface ITransferFrom {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @title zkload multisend
/// @notice Pays many recipients in one transaction, so that the wallet pool funds hundreds of
/// wallets per transaction instead of one. All or nothing: any failed payment reverts the whole
/// transaction, so a funder never has to find out which recipients were paid. Holds no state and
/// never keeps ether: what it receives with sendEther it pays out in the same call.
contract Multisend {
    error LengthMismatch(uint256 recipients, uint256 amounts);
    error ValueMismatch(uint256 sent, uint256 total);
    error EtherSendFailed(address recipient, uint256 amount);
    error TokenTransferFailed(address recipient, uint256 amount);

    /// @notice Pays amounts[i] wei to recipients[i]; msg.value must equal the sum of amounts,
    /// else it reverts with ValueMismatch. The sum is checked after the payments, in the same
    /// loop; a payment that fails because msg.value was short is reported as ValueMismatch too.
    function sendEther(address[] calldata recipients, uint256[] calldata amounts)
        external
        payable
    {
        uint256 count = recipients.length;
        if (count != amounts.length) revert LengthMismatch(count, amounts.length);
        uint256 total = 0;
        for (uint256 i = 0; i < count; ++i) {
            address recipient = recipients[i];
            uint256 amount = amounts[i];
            total += amount;
            bool ok;
            // A bare CALL with all gas (contract wallets may need more than a 2300 stipend) and
            // no return data copied: a recipient cannot make us pay for a huge return value.
            assembly ("memory-safe") {
                ok := call(gas(), recipient, amount, 0, 0, 0, 0)
            }
            if (!ok) revertSendFailed(amounts, msg.value, recipient, amount);
        }
        if (total != msg.value) revert ValueMismatch(msg.value, total);
    }

    /// Only on the failure path: tells a short msg.value from a recipient that rejected ether.
    function revertSendFailed(
        uint256[] calldata amounts,
        uint256 value,
        address recipient,
        uint256 amount
    ) private pure {
        uint256 total = 0;
        for (uint256 i = 0; i < amounts.length; ++i) total += amounts[i];
        if (total != value) revert ValueMismatch(value, total);
        revert EtherSendFailed(recipient, amount);
    }

    /// @notice Transfers amounts[i] of `token` from the caller to recipients[i] with
    /// transferFrom; the caller approves this contract for the sum first (or for
    /// type(uint256).max, which zkload's token never decreases).
    function sendToken(address token, address[] calldata recipients, uint256[] calldata amounts)
        external
    {
        uint256 count = recipients.length;
        if (count != amounts.length) revert LengthMismatch(count, amounts.length);
        ITransferFrom erc20 = ITransferFrom(token);
        for (uint256 i = 0; i < count; ++i) {
            if (!erc20.transferFrom(msg.sender, recipients[i], amounts[i])) {
                revert TokenTransferFailed(recipients[i], amounts[i]);
            }
        }
    }
}
