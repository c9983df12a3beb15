// SPDX-License-Identifier: Apache-2.0
#include "pool/sweep.hpp"

#include "contracts/erc20.hpp"
#include "txn/fees.hpp"
#include "pool/balances.hpp"
#include "pool/eip712_funding.hpp"
#include "pool/nonces.hpp"
#include "txn/send_and_confirm.hpp"

#include <algorithm>

namespace zkload::pool {
namespace {

constexpr uint64_t kTokenTransferGas = 80'000;
constexpr uint64_t kEthTransferGas = 21'000;

std::vector<Address> addresses_of(std::span<const Wallet> wallets)
{
    std::vector<Address> out;
    out.reserve(wallets.size());
    for (const Wallet& w : wallets)
        out.push_back(w.address);
    return out;
}

}  // namespace

SweepReport sweep(rpc::Client& client,
                  std::span<const Wallet> wallets,
                  const Address& to,
                  const std::optional<Address>& token,
                  std::chrono::milliseconds timeout)
{
    SweepReport report;
    const uint64_t chain_id = client.chain_id();
    /// On zkSync the way back is 0x71 too, at the node's fees and gas estimates (a transfer
    /// there costs far more than 21,000 gas); the estimates are of the funder's own transfers.
    const std::optional<Eip712Funding> zksync = eip712_funding(client, to, to, std::nullopt);
    Fees fees = zksync ? zksync->fees : current_fees(client);
    /// A sweep runs on a quiet chain: a small fee headroom leaves less dust behind.
    if (!zksync)
        fees.max_fee_per_gas = fees.base_fee + fees.base_fee / 4 + fees.max_priority_fee_per_gas;
    const uint64_t eth_gas = zksync ? zksync->payments.eth_gas : kEthTransferGas;
    const std::vector<Address> addresses = addresses_of(wallets);
    std::vector<uint64_t> nonces = pending_nonces(client, addresses);
    const auto make = [&](size_t i, const Address& target, const U256& value, Bytes data, uint64_t gas) {
        if (zksync)
            return sign(Eip712Txn{.chain_id = chain_id,
                                  .nonce = nonces[i]++,
                                  .max_priority_fee_per_gas = fees.max_priority_fee_per_gas,
                                  .max_fee_per_gas = fees.max_fee_per_gas,
                                  .gas_limit = gas,
                                  .to = target,
                                  .from = wallets[i].address,
                                  .value = value,
                                  .data = std::move(data),
                                  .gas_per_pubdata = zksync->payments.gas_per_pubdata},
                        wallets[i].key);
        return sign(Eip1559Txn{.chain_id = chain_id,
                               .nonce = nonces[i]++,
                               .max_priority_fee_per_gas = fees.max_priority_fee_per_gas,
                               .max_fee_per_gas = fees.max_fee_per_gas,
                               .gas_limit = gas,
                               .to = target,
                               .value = value,
                               .data = std::move(data)},
                    wallets[i].key);
    };

    TxnsBySender txns;  // one transaction per wallet in each pass
    if (token)
    {
        const std::vector<U256> balances = token_balances(client, *token, addresses);
        const std::vector<U256> eth = eth_balances(client, addresses);
        const auto holder = std::find_if(balances.begin(), balances.end(), [](const U256& b) { return b != 0; });
        const uint64_t token_gas =
            zksync && holder != balances.end()
                ? estimated_transfer_gas(client, addresses[static_cast<size_t>(holder - balances.begin())], to, token)
                : kTokenTransferGas;
        const U256 token_fee = fees.max_fee_per_gas * token_gas;
        for (size_t i = 0; i < wallets.size(); ++i)
            if (balances[i] != 0 && eth[i] < token_fee)
                ++report.token_stuck;
            else if (balances[i] != 0)
            {
                txns.push_back({make(i, *token, 0, erc20_transfer_calldata(to, balances[i]), token_gas)});
                report.token_returned += balances[i];
            }
        report.token_transfers = txns.size();
        send_and_confirm(client, txns, timeout);
        txns.clear();
    }
    const std::vector<U256> balances = eth_balances(client, addresses);
    const U256 fee = fees.max_fee_per_gas * eth_gas;
    for (size_t i = 0; i < wallets.size(); ++i)
        if (balances[i] > fee)
        {
            txns.push_back({make(i, to, balances[i] - fee, {}, eth_gas)});
            report.eth_returned += balances[i] - fee;
        }
    report.eth_transfers = txns.size();
    send_and_confirm(client, txns, timeout);
    return report;
}

}  // namespace zkload::pool
