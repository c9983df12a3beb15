// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "engine/operation.hpp"
#include "rpc/client.hpp"

#include <memory>
#include <string>

namespace zkload::zksync {

/// The deploy operation for a zkSync chain, decided on the node before a row:
/// - with `artifact_path` (--zksolc-artifact): an EraVM deploy of that artifact through the
///   ContractDeployer, its gas from eth_estimateGas of the 0x71 call (×1.3);
/// - without: `evm_creation_code` as a type-2 creation if the chain runs the EVM emulator,
///   probed by eth_estimateGas of that creation; if the node refuses it, throws saying this
///   chain has no EVM emulator and that --zksolc-artifact FILE is needed, with the node's words.
/// `params` carries chain id and fees; its gas limit is replaced. Throws ArtifactError for a bad
/// artifact and std::runtime_error when the node cannot be asked.
std::unique_ptr<engine::Operation> zksync_deploy_operation(rpc::Client& client,
                                                           const Address& from,
                                                           engine::TxnParams params,
                                                           const std::string& artifact_path,
                                                           const Bytes& evm_creation_code);

}  // namespace zkload::zksync
