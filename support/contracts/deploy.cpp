// SPDX-License-Identifier: Apache-2.0
#include "contracts/deploy.hpp"

#include "abi/abi.hpp"
#include "contracts/contract_artifacts.hpp"
#include "codec/keccak.hpp"
#include "codec/rlp.hpp"

#include <algorithm>
#include <vector>

namespace zkload {

Bytes token_creation_code(const U256& initial_supply)
{
    static const std::vector<abi::Type> kConstructor = {abi::parse_type("uint256")};
    Bytes code = parse_hex(artifacts::kZkloadTokenCreationCode);
    append(code, abi::encode(kConstructor, {abi::uint(initial_supply)}));
    return code;
}

Bytes multisend_creation_code()
{
    return parse_hex(artifacts::kMultisendCreationCode);
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
