// SPDX-License-Identifier: Apache-2.0
#include "contracts/storage_fill.hpp"

#include "abi/abi.hpp"
#include "contracts/contract_artifacts.hpp"

namespace zkload {

Bytes storage_fill_creation_code()
{
    return parse_hex(artifacts::kStorageFillCreationCode);
}

Bytes storage_fill_calldata(uint64_t n)
{
    static const abi::Function kFunction = abi::parse_function("fill(uint256)");
    return abi::encode_call(kFunction, {abi::uint(U256(n))});
}

Bytes storage_filled_calldata(const Address& holder)
{
    static const abi::Function kFunction = abi::parse_function("filled(address)");
    return abi::encode_call(kFunction, {abi::address(holder)});
}

}  // namespace zkload
