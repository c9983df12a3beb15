// SPDX-License-Identifier: Apache-2.0
#include "engine/operation.hpp"

#include "contracts/erc20.hpp"
#include "zksync/paymaster.hpp"

#include <stdexcept>

namespace zkload::engine {
namespace {

constexpr uint64_t kTransferGas = 21'000;

/// The paymasterParams a row's transactions carry (no inner input).
PaymasterParams paymaster_params(const Paymaster& paymaster, const TxnParams& params)
{
    if (!paymaster.token)
        return zksync::general_paymaster(paymaster.address);
    return zksync::approval_paymaster(paymaster.address, *paymaster.token,
                                      params.max_fee_per_gas * U256(params.gas_limit));
}

/// A transaction template of the row's envelope (type 2 or 0x71); sign() fills in the varying
/// fields.
class TypedWrite : public Operation
{
public:
    TypedWrite(const TxnParams& params, std::optional<Address> fixed_to, Bytes data, bool to_peer, U256 value = U256(0))
        : type_(params.type), fixed_to_(fixed_to), to_peer_(to_peer)
    {
        if (type_ == TxType::eip712)
        {
            if (!fixed_to && !to_peer)
                throw std::invalid_argument("a 0x71 transaction cannot create a contract (EraVM deploys go "
                                            "through the ContractDeployer): send the deploy as type 2");
            eip712_.chain_id = params.chain_id;
            eip712_.max_priority_fee_per_gas = params.max_priority_fee_per_gas;
            eip712_.max_fee_per_gas = params.max_fee_per_gas;
            eip712_.gas_limit = params.gas_limit;
            eip712_.value = value;
            eip712_.data = std::move(data);
            eip712_.gas_per_pubdata = params.gas_per_pubdata;
            if (params.paymaster)
                eip712_.paymaster = paymaster_params(*params.paymaster, params);
            return;
        }
        if (params.paymaster)
            throw std::invalid_argument("a paymaster pays only in a 0x71 transaction, not in type 2");
        eip1559_.value = value;
        eip1559_.chain_id = params.chain_id;
        eip1559_.max_priority_fee_per_gas = params.max_priority_fee_per_gas;
        eip1559_.max_fee_per_gas = params.max_fee_per_gas;
        eip1559_.gas_limit = params.gas_limit;
        eip1559_.data = std::move(data);
    }

    bool is_write() const override { return true; }
    bool sends_eip712() const override { return type_ == TxType::eip712; }

    void sign(const pool::Wallet& from, const Address& peer, uint64_t nonce, SignedTxn& out) const override
    {
        if (to_peer_)
            return sign_as(from, nonce, peer, U256(kTransferValue), nullptr, out);
        sign_as(from, nonce, fixed_to_, std::nullopt, nullptr, out);
    }

protected:
    /// Signs the template from `from` with `nonce` to `to`; `value` and `data` replace the
    /// template's where given.
    void sign_as(const pool::Wallet& from, uint64_t nonce, const std::optional<Address>& to,
                 const std::optional<U256>& value, Bytes* data, SignedTxn& out) const
    {
        if (type_ == TxType::eip712)
        {
            Eip712Txn txn = eip712_;
            txn.nonce = nonce;
            txn.to = *to;  // the constructor refused a 0x71 creation
            txn.from = from.address;
            if (value)
                txn.value = *value;
            if (data != nullptr)
                txn.data = std::move(*data);
            return sign_into(txn, from.key, out);
        }
        Eip1559Txn txn = eip1559_;
        txn.nonce = nonce;
        txn.to = to;
        if (value)
            txn.value = *value;
        if (data != nullptr)
            txn.data = std::move(*data);
        sign_into(txn, from.key, out);
    }

    TxType type_;
    Eip1559Txn eip1559_;
    Eip712Txn eip712_;
    std::optional<Address> fixed_to_;
    bool to_peer_ = false;
};

/// A plain value transfer; on an EVM chain between externally owned accounts its receipt is
/// fixed by the protocol (status 1, the intrinsic 21,000 gas).
class EthTransfer : public TypedWrite
{
public:
    EthTransfer(const TxnParams& params, bool fixed_by_protocol)
        : TypedWrite(params, std::nullopt, Bytes{}, true), fixed_(fixed_by_protocol)
    {
    }

    std::optional<ExpectedReceipt> expected_receipt() const override
    {
        return fixed_ ? std::optional<ExpectedReceipt>({.gas = kTransferGas}) : std::nullopt;
    }

private:
    bool fixed_;
};

/// Calldata costs 16 gas a non-zero byte and 4 a zero byte (EIP-2028): transfers to peers whose
/// addresses differ in zero bytes differ by up to this much gas.
constexpr uint64_t kAddressCalldataSpread = 20 * (16 - 4);

/// An ERC20 transfer: the calldata names the peer, so it is rebuilt per transaction.
class Erc20Write : public TypedWrite
{
public:
    Erc20Write(const TxnParams& params, const Address& token, std::optional<uint64_t> measured_gas)
        : TypedWrite(params, token, {}, false), measured_gas_(measured_gas)
    {
    }

    std::optional<ExpectedReceipt> expected_receipt() const override
    {
        if (!measured_gas_)
            return std::nullopt;
        return ExpectedReceipt{.gas = *measured_gas_, .tolerance = kAddressCalldataSpread};
    }

    void sign(const pool::Wallet& from, const Address& peer, uint64_t nonce, SignedTxn& out) const override
    {
        Bytes data = erc20_transfer_calldata(peer, U256(1));
        sign_as(from, nonce, fixed_to_, std::nullopt, &data, out);
    }

private:
    std::optional<uint64_t> measured_gas_;
};

class Read : public Operation
{
public:
    Read(std::string method, ReadParams params_for) : method_(std::move(method)), params_for_(std::move(params_for)) {}
    bool is_write() const override { return false; }

    rpc::Call read(const Address& who) const override { return {method_, params_for_(who)}; }

private:
    std::string method_;
    ReadParams params_for_;
};

}  // namespace

void Operation::sign(const pool::Wallet&, const Address&, uint64_t, SignedTxn&) const
{
    throw std::logic_error("this operation is a read, not a transaction");
}

rpc::Call Operation::read(const Address&) const
{
    throw std::logic_error("this operation is a transaction, not a read");
}

std::unique_ptr<Operation> eth_transfer(const TxnParams& params, bool fixed_by_protocol)
{
    TxnParams p = params;
    p.gas_limit = std::max<uint64_t>(p.gas_limit, kTransferGas);
    return std::make_unique<EthTransfer>(p, fixed_by_protocol);
}

std::unique_ptr<Operation> erc20_transfer(const TxnParams& params, const Address& token,
                                          std::optional<uint64_t> measured_gas)
{
    return std::make_unique<Erc20Write>(params, token, measured_gas);
}

std::unique_ptr<Operation> contract_deploy(const TxnParams& params, Bytes creation_code)
{
    return std::make_unique<TypedWrite>(params, std::nullopt, std::move(creation_code), false);
}

std::unique_ptr<Operation> contract_call(const TxnParams& params, const Address& to, Bytes data, const U256& value)
{
    return std::make_unique<TypedWrite>(params, to, std::move(data), false, value);
}

std::unique_ptr<Operation> read_call(std::string method, ReadParams params_for)
{
    if (method.empty() || !params_for)
        throw std::invalid_argument("a read needs a method and a way to build its params");
    return std::make_unique<Read>(std::move(method), std::move(params_for));
}

}  // namespace zkload::engine
