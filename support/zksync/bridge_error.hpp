// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace zkload::zksync {

/// Where a bridge operation failed, coarse enough for a `failed_<class>` counter.
enum class FailureClass
{
    /// The node or the contract refused the transaction before inclusion (a simulated revert,
    /// a refused send): nothing was spent.
    refused,
    /// Included with status 0.
    reverted,
    /// Waited past the deadline for a receipt, a finalized batch, or a proof.
    timeout,
    /// The node answered with an error or with something that is not what the protocol says.
    rpc,
    /// The chain lacks what the flow needs (a method, a contract, an event).
    unsupported,
};

/// Short snake_case name for the counter, e.g. "refused".
inline std::string_view to_string(FailureClass failure)
{
    switch (failure)
    {
        case FailureClass::refused:
            return "refused";
        case FailureClass::reverted:
            return "reverted";
        case FailureClass::timeout:
            return "timeout";
        case FailureClass::rpc:
            return "rpc";
        case FailureClass::unsupported:
            return "unsupported";
    }
    return "rpc";
}

/// A failed bridge step. The message names the step, the transaction hash where there is one,
/// and the decoded revert reason where the contract gave one.
class BridgeError : public std::runtime_error
{
public:
    BridgeError(FailureClass failure, const std::string& message)
        : std::runtime_error(message), failure_(failure)
    {
    }

    FailureClass failure() const noexcept { return failure_; }

private:
    FailureClass failure_;
};

}  // namespace zkload::zksync
