// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "engine/operation.hpp"
#include "txn/txn.hpp"

#include <memory>

namespace zkload::zksync {

/// The system contract that deploys EraVM bytecode (create, create2, createAccount).
inline const Address kContractDeployer =
    parse_address("0x0000000000000000000000000000000000008006");

/// Gas per pubdata byte a deploy signs for unless told otherwise (zksync-ethers'
/// DEFAULT_GAS_PER_PUBDATA_LIMIT, and what zkSync assumes for type-0/2 transactions).
inline constexpr uint64_t kDefaultGasPerPubdata = 50'000;

/// ContractDeployer calldata: create(bytes32 salt, bytes32 bytecodeHash, bytes input), selector
/// 0x9c4d535b; `input` is the ABI-encoded constructor arguments (empty when there are none).
Bytes contract_deployer_create_calldata(const Hash& salt,
                                        const Hash& bytecode_hash,
                                        ByteView input);

/// The salt a deploy from `from` with `nonce` carries: keccak256(abi.encode(from, nonce)). The
/// deployer's `create` ignores it (the address comes from the deployment nonce), but distinct
/// salts keep every transaction distinct, and create2-style reuse of the template safe.
Hash eravm_deploy_salt(const Address& from, uint64_t nonce);

/// The address ContractDeployer.create gives: keccak256(keccak256("zksyncCreate") ‖
/// pad32(sender) ‖ pad32(deployment_nonce))[12:], as zksync-ethers' utils.createAddress. The
/// deployment nonce is the sender's count of deployed contracts (NonceHolder), not its
/// transaction nonce; receipts' contractAddress is what to compare with.
Address eravm_create_address(const Address& sender, const U256& deployment_nonce);

/// What an EraVM deploy sends besides the fee fields of TxnParams.
struct EraVmDeploySpec
{
    Bytes bytecode;           ///< full EraVM bytecode, sent as the one factory dependency
    Bytes constructor_input;  ///< ABI-encoded constructor arguments
    uint64_t gas_per_pubdata = kDefaultGasPerPubdata;
};

/// The unsigned type-0x71 deploy of `spec` from `from` with `nonce`: to the ContractDeployer,
/// value 0, the bytecode in factory_deps, the salt of eravm_deploy_salt. Also the body of
/// eth_estimateGas before the first transaction. Throws std::invalid_argument if the bytecode
/// is not valid EraVM bytecode.
Eip712Txn eravm_deploy_txn(const engine::TxnParams& params,
                           const EraVmDeploySpec& spec,
                           const Address& from,
                           uint64_t nonce);

/// An engine operation deploying `spec` once per transaction (type 0x71, the wallet as `from`).
/// The bytecode hash and calldata are computed once; each sign() only sets the salt and nonce.
std::unique_ptr<engine::Operation> eravm_deploy(const engine::TxnParams& params,
                                                EraVmDeploySpec spec);

}  // namespace zkload::zksync
