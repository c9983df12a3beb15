// SPDX-License-Identifier: Apache-2.0
#include "zksync/revert_reason.hpp"

#include "abi/abi.hpp"

#include <algorithm>
#include <map>

namespace zkload::zksync {
namespace {

/// Errors the L1 bridge contracts (era-contracts, protocol v29) and the L2 system contracts are
/// known to raise on the paths zkload takes: deposits, withdrawals and their finalization.
constexpr std::string_view kKnownErrors[] = {
    "MsgValueMismatch(uint256,uint256)",
    "MsgValueTooLow(uint256,uint256)",
    "GasPerPubdataMismatch()",
    "TooMuchGas()",
    "TooManyFactoryDeps()",
    "ValidateTxnNotEnoughGas()",
    "TxnBodyGasLimitNotEnoughGas()",
    "PubdataGreaterThanLimit(uint256,uint256)",
    "NotL1(uint256,uint256)",
    "ChainIdNotRegistered(uint256)",
    "OnlyEraSupported()",
    "SharedBridgeNotSet()",
    "ZeroAddress()",
    "Unauthorized(address)",
    "AssetIdNotSupported(bytes32)",
    "AssetHandlerDoesNotExist(bytes32)",
    "TokenNotSupported(address)",
    "TokensWithFeesNotSupported()",
    "EmptyDeposit()",
    "AmountMustBeGreaterThanZero()",
    "ValueMismatch(uint256,uint256)",
    "NonEmptyMsgValue()",
    "InsufficientFunds(uint256,uint256)",
    "UnsupportedEncodingVersion()",
    "LegacyEncodingUsedForNonL1Token()",
    "WithdrawalAlreadyFinalized()",
    "InvalidProof()",
    "InvalidMessage()",
    "L2WithdrawalMessageWrongLength(uint256)",
    "InvalidSelector(bytes4)",
    "LocalRootIsZero()",
    "UnsupportedProofMetadataVersion(uint256)",
    "MerklePathEmpty()",
    "MerklePathOutOfBounds()",
    "MerkleIndexOutOfBounds()",
    "InvalidProofLengthForFinalNode()",
    "NotSettlementLayer()",
    "DepositDoesNotExist(bytes32,bytes32)",
    "DepositExists()",
    "WithdrawFailed()",
    "Reentrancy()",
    "EnforcedPause()",
    "NotInitializedReentrancyGuard()",
};

const std::map<Bytes, std::string>& known_errors()
{
    static const std::map<Bytes, std::string> kTable = []
    {
        std::map<Bytes, std::string> table;
        for (const std::string_view signature : kKnownErrors)
        {
            const abi::Selector s = abi::selector(signature);
            table.emplace(Bytes(s.begin(), s.end()), std::string(signature));
        }
        return table;
    }();
    return kTable;
}

std::string decoded_call(const std::string& signature, ByteView args)
{
    const abi::Signature parsed = abi::parse_signature(signature);
    std::string out = parsed.name + "(";
    if (!parsed.inputs.empty())
    {
        try
        {
            const std::vector<abi::Value> values = abi::decode(parsed.inputs, args);
            for (size_t i = 0; i < values.size(); ++i)
                out += (i == 0 ? "" : ", ") + abi::to_string(values[i]);
        }
        catch (const abi::DecodeError&)
        {
            out += "undecodable " + to_hex(args);
        }
    }
    return out + ")";
}

}  // namespace

std::optional<Bytes> revert_data(const rpc::Error& error)
{
    if (!error.data)
        return std::nullopt;
    const nlohmann::json* data = &*error.data;
    if (data->is_object() && data->contains("data"))
        data = &(*data)["data"];
    if (!data->is_string())
        return std::nullopt;
    return from_hex(data->get<std::string>());
}

std::optional<std::string> known_error_signature(ByteView selector)
{
    if (selector.size() < 4)
        return std::nullopt;
    const auto& table = known_errors();
    const auto found = table.find(Bytes(selector.begin(), selector.begin() + 4));
    if (found == table.end())
        return std::nullopt;
    return found->second;
}

std::string describe_revert(ByteView data)
{
    if (data.empty())
        return "no revert data";
    if (data.size() < 4)
        return "revert data " + to_hex(data) + " (shorter than a selector)";
    const ByteView selector = data.first(4);
    const ByteView args = data.subspan(4);
    const std::string hex = to_hex(selector);
    if (hex == "0x08c379a0")
    {
        try
        {
            const auto values = abi::decode({abi::parse_type("string")}, args);
            return "Error(string): \"" + rpc::excerpt(std::get<std::string>(values[0].data)) + "\"";
        }
        catch (const abi::DecodeError&)
        {
            return "Error(string) with undecodable data " + rpc::excerpt(to_hex(args));
        }
    }
    if (hex == "0x4e487b71")
        return decoded_call("Panic(uint256)", args);
    if (const auto signature = known_error_signature(selector))
        return decoded_call(*signature, args) + " [" + hex + "]";
    return "custom error " + hex + " (not a known bridge error)" +
           (args.empty() ? "" : ", arguments " + rpc::excerpt(to_hex(args, false)));
}

std::string describe_with_reason(const rpc::Error& error)
{
    const std::optional<Bytes> data = revert_data(error);
    if (!data)
        return error.describe();
    return error.describe() + "; revert reason: " + describe_revert(*data);
}

}  // namespace zkload::zksync
