// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/client.hpp"

namespace zkload::test {

/// The error a failing call gave, or a description of the unexpected success.
inline rpc::Error error_of(const rpc::Reply& reply)
{
    if (reply.error)
        return *reply.error;
    rpc::Error none;
    none.message = "unexpected success: " + reply.result.dump();
    return none;
}

}  // namespace zkload::test
