// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"
#include "rpc/errors.hpp"

#include <optional>
#include <string>

namespace zkload::zksync {

/// The revert data a node attached to a failed eth_call / eth_estimateGas / send: anvil and geth
/// put the hex in `error.data`, some nodes nest it as `error.data.data`. Nullopt when the error
/// carries none (not a revert, or the node keeps it to itself).
std::optional<Bytes> revert_data(const rpc::Error& error);

/// A readable revert reason: `Error(string): "text"`, `Panic(0x11)`, or for custom errors the
/// decoded call with its selector, e.g. `MsgValueTooLow(100, 99) [0xb385a3da]`. Custom errors
/// of the Bridgehub, Mailbox, asset router, vault and nullifier are known by name; any other
/// selector is shown as hex with the raw arguments. Empty data is "no revert data".
std::string describe_revert(ByteView data);

/// The signature of a known custom error selector, e.g. "MsgValueTooLow(uint256,uint256)".
std::optional<std::string> known_error_signature(ByteView selector);

/// `error.describe()` followed by the decoded reason where the error carries revert data.
std::string describe_with_reason(const rpc::Error& error);

}  // namespace zkload::zksync
