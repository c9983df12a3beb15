// SPDX-License-Identifier: Apache-2.0
#include "contracts/deploy.hpp"

#include "abi/abi.hpp"
#include "contracts/contract_artifacts.hpp"
#include "codec/keccak.hpp"
#include "codec/rlp.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace zkload {

namespace artifacts {

Bytes creation_code(std::string_view contract)
{
    std::string compiled;
    for (const Artifact& artifact : compiled_contracts())
    {
        if (artifact.contract == contract)
            return parse_hex(artifact.creation_code_hex);
        compiled += (compiled.empty() ? "" : ", ") + std::string(artifact.contract);
    }
    throw std::invalid_argument("no contract " + std::string(contract) + " in contracts/*.sol (compiled: " +
                                compiled + "); add contracts/" + std::string(contract) +
                                ".sol and run node tools/compile_contracts.mjs");
}

}  // namespace artifacts

Bytes token_creation_code(const U256& initial_supply)
{
    static const std::vector<abi::Type> kConstructor = {abi::parse_type("uint256")};
    Bytes code = artifacts::creation_code("ZkloadToken");
    append(code, abi::encode(kConstructor, {abi::uint(initial_supply)}));
    return code;
}

Bytes multisend_creation_code()
{
    return artifacts::creation_code("Multisend");
}

Address evm_create_address(const Address& sender, uint64_t nonce)
{
    Bytes list;
    rlp::encode_list_header(list, rlp::length(ByteView(sender)) + rlp::length(nonce));
    rlp::encode(list, ByteView(sender));
    rlp::encode(list, nonce);
    const Hash hash = keccak256(list);
    Address address{};
    std::copy(hash.end() - 20, hash.end(), address.begin());
    return address;
}

}  // namespace zkload
