// SPDX-License-Identifier: Apache-2.0
#include "pool/payments.hpp"

#include "contracts/erc20.hpp"
#include "contracts/multisend.hpp"

namespace zkload::pool {
namespace {

constexpr uint64_t kBaseGas = 60'000;
constexpr uint64_t kGasPerEthRecipient = 34'000 * 5 / 4;
constexpr uint64_t kGasPerTokenRecipient = 30'000 * 5 / 4;

SignedTxn sign_call(Payer& payer,
                    const FundingChain& chain,
                    const Address& to,
                    const U256& value,
                    Bytes data,
                    uint64_t gas)
{
    if (chain.eip712)
        return sign(Eip712Txn{.chain_id = chain.chain_id,
                              .nonce = payer.nonce++,
                              .max_priority_fee_per_gas = chain.fees.max_priority_fee_per_gas,
                              .max_fee_per_gas = chain.fees.max_fee_per_gas,
                              .gas_limit = gas,
                              .to = to,
                              .from = payer.address,
                              .value = value,
                              .data = std::move(data),
                              .gas_per_pubdata = chain.eip712->gas_per_pubdata},
                    payer.key);
    Eip1559Txn txn{.chain_id = chain.chain_id,
                   .nonce = payer.nonce++,
                   .max_priority_fee_per_gas = chain.fees.max_priority_fee_per_gas,
                   .max_fee_per_gas = chain.fees.max_fee_per_gas,
                   .gas_limit = gas,
                   .to = to,
                   .value = value,
                   .data = std::move(data)};
    return sign(txn, payer.key);
}

/// One asset's recipients and amounts: only those paid a non-zero amount of it (a wallet short of
/// ETH alone gets no empty token transfer, which would cost gas and emit a Transfer of 0).
struct AssetPayments
{
    std::vector<Address> to;
    std::vector<U256> amounts;
};

AssetPayments asset_payments(std::span<const Payment> payments, bool token)
{
    AssetPayments asset;
    for (const Payment& p : payments)
        if (const U256& amount = token ? p.token : p.eth; amount != 0)
        {
            asset.to.push_back(p.to);
            asset.amounts.push_back(amount);
        }
    return asset;
}

}  // namespace

uint64_t eth_multisend_gas(size_t recipients) { return kBaseGas + kGasPerEthRecipient * recipients; }

uint64_t token_multisend_gas(size_t recipients)
{
    return kBaseGas + kGasPerTokenRecipient * recipients;
}

Payment payment_total(std::span<const Payment> payments)
{
    Payment total;
    for (const Payment& p : payments)
    {
        total.eth += p.eth;
        total.token += p.token;
    }
    return total;
}

std::vector<SignedTxn> sign_payments(Payer& payer,
                                     const FundingChain& chain,
                                     std::span<const Payment> payments)
{
    std::vector<SignedTxn> txns;
    for (const bool token : {false, true})
    {
        const AssetPayments asset = asset_payments(payments, token);
        if (asset.to.empty())
            continue;
        if (chain.eip712)
        {
            for (size_t i = 0; i < asset.to.size(); ++i)
                txns.push_back(token ? sign_call(payer, chain, chain.token.value(), 0,
                                                 erc20_transfer_calldata(asset.to[i], asset.amounts[i]),
                                                 chain.eip712->token_gas)
                                     : sign_call(payer, chain, asset.to[i], asset.amounts[i], {},
                                                 chain.eip712->eth_gas));
            continue;
        }
        if (token)
            txns.push_back(sign_call(payer, chain, chain.token.value(), 0,
                                     erc20_approve_calldata(chain.multisend, multisend_total(asset.amounts)),
                                     kApproveGas));
        for (size_t begin = 0; begin < asset.to.size(); begin += kRecipientsPerTxn)
        {
            const size_t n = std::min(kRecipientsPerTxn, asset.to.size() - begin);
            const auto to = std::span(asset.to).subspan(begin, n);
            const auto amounts = std::span(asset.amounts).subspan(begin, n);
            txns.push_back(token ? sign_call(payer, chain, chain.multisend, 0,
                                             multisend_token_calldata(chain.token.value(), to, amounts),
                                             token_multisend_gas(n))
                                 : sign_call(payer, chain, chain.multisend, multisend_total(amounts),
                                             multisend_ether_calldata(to, amounts),
                                             eth_multisend_gas(n)));
        }
    }
    return txns;
}

U256 payment_fees(const FundingChain& chain, std::span<const Payment> payments)
{
    U256 gas = 0;
    for (const bool token : {false, true})
    {
        size_t recipients = 0;
        for (const Payment& p : payments)
            recipients += (token ? p.token : p.eth) != 0;
        if (chain.eip712)
        {
            gas += U256(recipients) * (token ? chain.eip712->token_gas : chain.eip712->eth_gas);
            continue;
        }
        for (size_t begin = 0; begin < recipients; begin += kRecipientsPerTxn)
        {
            const size_t n = std::min(kRecipientsPerTxn, recipients - begin);
            gas += token ? token_multisend_gas(n) : eth_multisend_gas(n);
        }
        if (token && recipients != 0)
            gas += kApproveGas;
    }
    return gas * chain.fees.max_fee_per_gas;
}

}  // namespace zkload::pool
