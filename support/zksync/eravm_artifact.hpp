// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace zkload::zksync {

/// A zksolc artifact that cannot be deployed: the message names the file and the cause (not
/// JSON, no bytecode, EVM bytecode where EraVM was expected, …) and what was expected instead.
class ArtifactError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// A contract compiled by zksolc, ready for ContractDeployer.create: its EraVM bytecode and the
/// versioned hash the deployer is called with.
struct EraVmArtifact
{
    std::string origin;         ///< the file it came from, for messages
    std::string contract_name;  ///< empty when the artifact does not say
    Bytes bytecode;
    Hash bytecode_hash{};
};

/// Loads the artifact `--zksolc-artifact` names. Accepted shapes: a hardhat-zksync artifact
/// ("bytecode": "0x…"), a foundry-zksync artifact ("bytecode": {"object": "…"}), and zksolc's
/// standard-JSON output holding one contract (contracts.<file>.<name>.evm.bytecode.object).
/// Refused, with ArtifactError: a missing or unreadable file, text that is not JSON, none of
/// those shapes, hex that is not hex (unlinked libraries), bytecode that is not EraVM's, a
/// constructor that takes arguments, and contracts that deploy others (factory dependencies),
/// as the load rows deploy the one bytecode with an empty constructor input.
EraVmArtifact load_eravm_artifact(const std::filesystem::path& file);

/// The same from JSON text already read; `origin` names it in messages.
EraVmArtifact parse_eravm_artifact(std::string_view json_text, std::string_view origin);

/// Why `bytecode` is not deployable EraVM bytecode (empty, not whole 32-byte words, an even
/// number of words, 65536 words or more), with a hint when it looks like solc's EVM output;
/// nullopt when it is fine.
std::optional<std::string> eravm_bytecode_problem(ByteView bytecode);

}  // namespace zkload::zksync
