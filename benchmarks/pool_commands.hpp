// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace zkload::bench {

/// zkload --fund: prepares the pool on the node (deploys once, tops up what is short), prints
/// what it did, returns an exit code.
int run_fund();

/// zkload --sweep: sends the pool's tokens and ETH (less fees) back to the funder.
int run_sweep();

}  // namespace zkload::bench
