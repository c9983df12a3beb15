// SPDX-License-Identifier: Apache-2.0
#include "zksync/deploy_choice.hpp"

#include "zksync/eravm_artifact.hpp"
#include "zksync/eravm_deploy.hpp"

#include <stdexcept>
#include <variant>

namespace zkload::zksync {
namespace {

using nlohmann::json;

/// zkSync's eth_estimateGas reads factory deps as arrays of byte values (Vec<u8>), as
/// zksync-ethers sends them.
json byte_array(ByteView bytes)
{
    return json(std::vector<int>(bytes.begin(), bytes.end()));
}

json eip712_call(const Eip712Txn& txn)
{
    json deps = json::array();
    for (const Bytes& dep : txn.factory_deps)
        deps.push_back(byte_array(dep));
    return {{"from", to_hex(txn.from)},
            {"to", to_hex(txn.to)},
            {"data", to_hex(txn.data)},
            {"type", to_quantity(uint64_t{0x71})},
            {"eip712Meta",
             {{"gasPerPubdata", to_quantity(txn.gas_per_pubdata)}, {"factoryDeps", deps}}}};
}

/// eth_estimateGas ×1.3 (state may differ under load), or the node's error.
std::variant<uint64_t, rpc::Error> estimate(rpc::Client& client, const json& call)
{
    const rpc::Reply reply = client.call("eth_estimateGas", json::array({call}));
    if (!reply.ok())
        return *reply.error;
    const uint64_t gas =
        reply.result.is_string() ? parse_quantity(reply.result.get<std::string>()).value_or(0) : 0;
    if (gas == 0)
        throw std::runtime_error("eth_estimateGas returned no usable figure: " +
                                 reply.result.dump());
    return gas + gas * 3 / 10;
}

/// A refusal that says something about the chain (an RPC error or a revert), as opposed to the
/// node being unreachable or the wallet unfunded.
bool refused_by_the_chain(const rpc::Error& error)
{
    return error.error_class == rpc::ErrorClass::rpc ||
           error.error_class == rpc::ErrorClass::execution_reverted;
}

}  // namespace

std::unique_ptr<engine::Operation> zksync_deploy_operation(rpc::Client& client,
                                                           const Address& from,
                                                           engine::TxnParams params,
                                                           const std::string& artifact_path,
                                                           const Bytes& evm_creation_code)
{
    if (!artifact_path.empty())
    {
        const EraVmArtifact artifact = load_eravm_artifact(artifact_path);
        EraVmDeploySpec spec{.bytecode = artifact.bytecode};
        const auto gas = estimate(client, eip712_call(eravm_deploy_txn(params, spec, from, 0)));
        if (const auto* error = std::get_if<rpc::Error>(&gas))
            throw std::runtime_error("the node refused to estimate the EraVM deploy of " +
                                     artifact.origin + ": " + error->describe());
        params.gas_limit = std::get<uint64_t>(gas);
        return eravm_deploy(params, std::move(spec));
    }
    const auto gas =
        estimate(client, {{"from", to_hex(from)}, {"data", to_hex(evm_creation_code)}});
    if (const auto* error = std::get_if<rpc::Error>(&gas))
    {
        if (refused_by_the_chain(*error))
            throw std::runtime_error(
                "this zkSync chain has no EVM emulator: pass --zksolc-artifact FILE "
                "(an EVM contract creation was refused: " +
                error->describe() + ")");
        throw std::runtime_error("estimating an EVM contract creation failed: " +
                                 error->describe());
    }
    params.gas_limit = std::get<uint64_t>(gas);
    return engine::contract_deploy(params, evm_creation_code);
}

}  // namespace zkload::zksync
