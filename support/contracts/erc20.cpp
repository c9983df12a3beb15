// SPDX-License-Identifier: Apache-2.0
#include "contracts/erc20.hpp"

#include "abi/abi.hpp"
#include "codec/keccak.hpp"

#include <algorithm>

namespace zkload {

namespace {

/// The ABI word of an address: 12 zero bytes, then the 20 address bytes.
Hash address_word(const Address& address)
{
    Hash word{};
    std::copy(address.begin(), address.end(), word.begin() + 12);
    return word;
}

/// Solidity's slot of key `key` in a mapping whose own slot is `slot_word`.
Hash mapping_slot(const Address& key, const Hash& slot_word)
{
    return keccak256(address_word(key), slot_word);
}

}  // namespace

Bytes erc20_transfer_calldata(const Address& to, const U256& amount)
{
    static const abi::Function kFunction = abi::parse_function("transfer(address,uint256)");
    return abi::encode_call(kFunction, {abi::address(to), abi::uint(amount)});
}

Bytes erc20_transfer_from_calldata(const Address& from, const Address& to, const U256& amount)
{
    static const abi::Function kFunction =
        abi::parse_function("transferFrom(address,address,uint256)");
    return abi::encode_call(kFunction, {abi::address(from), abi::address(to), abi::uint(amount)});
}

Bytes erc20_approve_calldata(const Address& spender, const U256& amount)
{
    static const abi::Function kFunction = abi::parse_function("approve(address,uint256)");
    return abi::encode_call(kFunction, {abi::address(spender), abi::uint(amount)});
}

Bytes erc20_balance_of_calldata(const Address& holder)
{
    static const abi::Function kFunction = abi::parse_function("balanceOf(address)");
    return abi::encode_call(kFunction, {abi::address(holder)});
}

Bytes erc20_allowance_calldata(const Address& holder, const Address& spender)
{
    static const abi::Function kFunction = abi::parse_function("allowance(address,address)");
    return abi::encode_call(kFunction, {abi::address(holder), abi::address(spender)});
}

Bytes erc20_mint_calldata(const Address& to, const U256& amount)
{
    static const abi::Function kFunction = abi::parse_function("mint(address,uint256)");
    return abi::encode_call(kFunction, {abi::address(to), abi::uint(amount)});
}

Hash erc20_balance_slot(const Address& holder)
{
    return mapping_slot(holder, to_be_bytes32(U256(kErc20BalanceSlot)));
}

Hash erc20_allowance_slot(const Address& holder, const Address& spender)
{
    const Hash inner = mapping_slot(holder, to_be_bytes32(U256(kErc20AllowanceSlot)));
    return mapping_slot(spender, inner);
}

}  // namespace zkload
