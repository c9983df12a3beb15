// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "pool/wallets.hpp"
#include "rpc/json_rpc.hpp"
#include "txn/txn.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace zkload::engine {

/// The envelope a row's transactions go in: EIP-1559 (type 2) on every EVM chain, or zkSync Era's
/// EIP-712 (type 0x71), which its own load tester sends and which alone carries a paymaster.
enum class TxType
{
    eip1559,
    eip712,
};

/// A paymaster that pays for a row's 0x71 transactions: through the general flow, or through the
/// approval-based flow when `token` is set, with the transaction's whole fee cap (max fee per gas
/// × gas limit, what zkSync calls its max total fee) as the allowance it may take.
struct Paymaster
{
    Address address{};
    std::optional<Address> token;
};

/// Fee and chain fields shared by every transaction of a row, read from the node once before it.
struct TxnParams
{
    uint64_t chain_id = 0;
    U256 max_priority_fee_per_gas;
    U256 max_fee_per_gas;
    uint64_t gas_limit = 0;
    TxType type = TxType::eip1559;
    /// 0x71 only: the gas per pubdata byte the sender allows (the node's zks_gasPerPubdata or
    /// zks_estimateFee's gas_per_pubdata_limit), and the paymaster that pays, if any.
    U256 gas_per_pubdata = 50'000;
    std::optional<Paymaster> paymaster;
};

/// A receipt known in advance: status 1 and `gas`, give or take `tolerance`.
struct ExpectedReceipt
{
    uint64_t gas = 0;
    uint64_t tolerance = 0;
};

/// What a row does once, from one wallet: either a signed transaction (a write) or a JSON-RPC
/// read. Implementations are immutable after construction, so every engine thread shares one.
class Operation
{
public:
    virtual ~Operation() = default;

    virtual bool is_write() const = 0;

    /// Writes: whether its transactions go as zkSync's 0x71 (a mix: any of its parts), which the
    /// row's label then says.
    virtual bool sends_eip712() const { return false; }

    /// Writes: the transaction `from` sends with `nonce`; `peer` is another pool wallet that
    /// receivers may use (transfers go to it, so no value leaves the pool).
    virtual void sign(const pool::Wallet& from, const Address& peer, uint64_t nonce, SignedTxn& out) const;

    /// Reads: the call to make on behalf of `who`.
    virtual rpc::Call read(const Address& who) const;

    /// Writes whose receipt is known before they are sent: status 1 and the gas every one of
    /// them uses, give or take `tolerance`. A row then checks a sample of receipts instead of
    /// reading all (anvil spends time quadratic in a block's size on them), and reads all when
    /// one sampled receipt disagrees. Nullopt: read every receipt.
    virtual std::optional<ExpectedReceipt> expected_receipt() const { return std::nullopt; }

    /// A mix of operations (operation_mix.hpp) has parts: which one `from` sends with `nonce`
    /// (the same answer every time it is asked), so a row can count each part apart. A plain
    /// operation is one part, 0.
    virtual size_t parts() const { return 1; }
    virtual size_t part_of(const Address& /*from*/, uint64_t /*nonce*/) const { return 0; }
};

/// The writes below sign the envelope params.type names (a paymaster only in 0x71).

/// What an ETH transfer row sends to the peer wallet each time, in wei.
inline constexpr uint64_t kTransferValue = 1;


/// 1 wei to the peer wallet (21,000 gas unless params say more). On an EVM chain such a
/// transfer between externally owned accounts cannot revert once in a block and uses exactly
/// 21,000 gas (no code runs, no calldata): pass `fixed_by_protocol` there, never on a chain
/// whose accounts run code (zkSync's account abstraction) or price gas otherwise.
std::unique_ptr<Operation> eth_transfer(const TxnParams& params, bool fixed_by_protocol = false);

/// 1 base unit of `token` to the peer wallet (gas from params, estimated by the caller).
/// `measured_gas`: what such a transfer used on this chain, for a token and wallets where it
/// cannot revert (the suite's own token between pool wallets that all hold far more than a row
/// can move); receipts may then be sampled, the gas varying only with the zero bytes of the
/// peer's address in the calldata. Leave it unset for any other token.
std::unique_ptr<Operation> erc20_transfer(const TxnParams& params, const Address& token,
                                          std::optional<uint64_t> measured_gas = std::nullopt);

/// A contract creation (type 2, to = none) with `creation_code` as data; a 0x71 transaction
/// cannot create (EraVM deploys go through the ContractDeployer): throws std::invalid_argument.
std::unique_ptr<Operation> contract_deploy(const TxnParams& params, Bytes creation_code);

/// The same call of a contract from every wallet: `data` to `to` with `value` wei; gas
/// from params. Its receipts are all read (status and gas are the contract's to decide).
std::unique_ptr<Operation> contract_call(const TxnParams& params, const Address& to, Bytes data,
                                         const U256& value = U256(0));

/// A read: `method` with the params `params_for` builds for the wallet on whose behalf it is
/// made (eth_blockNumber takes none; eth_getBalance the wallet and "latest").
using ReadParams = std::function<nlohmann::json(const Address& who)>;
std::unique_ptr<Operation> read_call(std::string method, ReadParams params_for);

}  // namespace zkload::engine
