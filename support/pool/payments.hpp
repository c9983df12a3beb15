// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "txn/fees.hpp"
#include "txn/txn.hpp"

#include <optional>
#include <span>

namespace zkload::pool {

/// A sender of funding transactions and the nonce its next one takes.
struct Payer
{
    PrivateKey key{};
    Address address{};
    uint64_t nonce = 0;
};

/// On a zkSync chain: payments go as 0x71 transactions, one per wallet and asset, straight to
/// the wallet (ETH) or to the token (transfer), at the gas limits the node estimated: no
/// multisend, which a chain without the EVM emulator could not run, and no approve.
struct Eip712Payments
{
    U256 gas_per_pubdata;
    uint64_t eth_gas = 0;
    uint64_t token_gas = 0;
};

/// What funding transactions need to know of the chain.
struct FundingChain
{
    uint64_t chain_id = 0;
    Fees fees;
    Address multisend{};
    std::optional<Address> token;
    /// Set on zkSync chains (pool/eip712_funding.hpp); unset: type 2 through the multisend.
    std::optional<Eip712Payments> eip712;
};

/// One recipient's top-up: wei and token base units (either may be zero).
struct Payment
{
    Address to{};
    U256 eth;
    U256 token;
};

/// Recipients per multisend transaction. 250 fresh recipients take ~8.5M gas for ETH and
/// ~7.5M for tokens: within the 30M block gas limit most chains have, with room for others.
inline constexpr size_t kRecipientsPerTxn = 250;

/// Gas limits for funding transactions: measured cost of a fresh recipient plus 25% margin
/// (gas not used is not paid for; a limit too low would revert and strand nothing but fees).
uint64_t eth_multisend_gas(size_t recipients);
uint64_t token_multisend_gas(size_t recipients);
inline constexpr uint64_t kApproveGas = 60'000;

/// Signs the transactions with which `payer` makes `payments` through the multisend: ETH
/// chunks, then, if any tokens are paid, one approve of the total and token chunks; on a
/// zkSync chain (chain.eip712) one 0x71 per wallet paid ETH, then one per wallet paid tokens.
/// Advances payer.nonce by the number of transactions.
std::vector<SignedTxn> sign_payments(Payer& payer,
                                     const FundingChain& chain,
                                     std::span<const Payment> payments);

/// Upper bound of the fees those transactions cost the payer (gas limit × max fee).
U256 payment_fees(const FundingChain& chain, std::span<const Payment> payments);

/// Sum of the ETH and of the tokens in `payments`.
Payment payment_total(std::span<const Payment> payments);

}  // namespace zkload::pool
