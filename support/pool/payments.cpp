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
    const Payment total = payment_total(payments);
    std::vector<Address> to;
    std::vector<U256> amounts;
    for (const bool token : {false, true})
    {
        if ((token ? total.token : total.eth) == 0)
            continue;
        if (token)
            txns.push_back(sign_call(payer, chain, chain.token.value(), 0,
                                     erc20_approve_calldata(chain.multisend, total.token),
                                     kApproveGas));
        for (size_t begin = 0; begin < payments.size(); begin += kRecipientsPerTxn)
        {
            const auto chunk = payments.subspan(begin, std::min(kRecipientsPerTxn, payments.size() - begin));
            to.clear();
            amounts.clear();
            for (const Payment& p : chunk)
            {
                to.push_back(p.to);
                amounts.push_back(token ? p.token : p.eth);
            }
            const Payment sum = payment_total(chunk);
            txns.push_back(
                token ? sign_call(payer, chain, chain.multisend, 0,
                                  multisend_token_calldata(chain.token.value(), to, amounts),
                                  token_multisend_gas(chunk.size()))
                      : sign_call(payer, chain, chain.multisend, sum.eth,
                                  multisend_ether_calldata(to, amounts),
                                  eth_multisend_gas(chunk.size())));
        }
    }
    return txns;
}

U256 payment_fees(const FundingChain& chain, std::span<const Payment> payments)
{
    U256 gas = 0;
    const Payment total = payment_total(payments);
    for (size_t begin = 0; begin < payments.size(); begin += kRecipientsPerTxn)
    {
        const size_t n = std::min(kRecipientsPerTxn, payments.size() - begin);
        if (total.eth != 0)
            gas += eth_multisend_gas(n);
        if (total.token != 0)
            gas += token_multisend_gas(n);
    }
    if (total.token != 0)
        gas += kApproveGas;
    return gas * chain.fees.max_fee_per_gas;
}

}  // namespace zkload::pool
