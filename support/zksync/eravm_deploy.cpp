// SPDX-License-Identifier: Apache-2.0
#include "zksync/eravm_deploy.hpp"

#include "zksync/bytecode_hash.hpp"
#include "codec/keccak.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>

namespace zkload::zksync {
namespace {

constexpr size_t kWord = 32;
constexpr size_t kSelector = 4;
constexpr size_t kSaltOffset = kSelector;  // the salt is the first argument word

void put_word(Bytes& out, const Hash& word)
{
    append(out, word);
}

Hash address_word(const Address& address)
{
    Hash word{};
    std::copy(address.begin(), address.end(), word.begin() + (kWord - address.size()));
    return word;
}

void set_salt(Bytes& calldata, const Hash& salt)
{
    std::copy(salt.begin(), salt.end(), calldata.begin() + kSaltOffset);
}

/// One template per operation; each engine thread keeps a private copy it only re-stamps
/// (nonce, from, salt), so a steady load loop neither copies the bytecode nor allocates.
class EraVmDeploy : public engine::Operation
{
public:
    EraVmDeploy(const engine::TxnParams& params, const EraVmDeploySpec& spec)
        : template_(eravm_deploy_txn(params, spec, Address{}, 0))
    {}

    bool is_write() const override { return true; }
    bool sends_eip712() const override { return true; }

    void sign(const pool::Wallet& from,
              const Address&,
              uint64_t nonce,
              SignedTxn& out) const override
    {
        thread_local uint64_t stamped_for = 0;
        thread_local Eip712Txn scratch;
        if (stamped_for != id_)
        {
            scratch = template_;
            stamped_for = id_;
        }
        scratch.nonce = nonce;
        scratch.from = from.address;
        set_salt(scratch.data, eravm_deploy_salt(from.address, nonce));
        sign_into(scratch, from.key, out);
    }

private:
    static uint64_t next_id()
    {
        static std::atomic<uint64_t> counter{0};
        return ++counter;
    }

    Eip712Txn template_;
    uint64_t id_ = next_id();
};

}  // namespace

Bytes contract_deployer_create_calldata(const Hash& salt, const Hash& bytecode_hash, ByteView input)
{
    static const Hash selector_hash = keccak256(as_view("create(bytes32,bytes32,bytes)"));
    const size_t padded = (input.size() + kWord - 1) / kWord * kWord;
    Bytes out;
    out.reserve(kSelector + 4 * kWord + padded);
    out.insert(out.end(), selector_hash.begin(), selector_hash.begin() + kSelector);
    put_word(out, salt);
    put_word(out, bytecode_hash);
    put_word(out, to_be_bytes32(U256(3 * kWord)));  // offset of `input` after the three head words
    put_word(out, to_be_bytes32(U256(input.size())));
    append(out, input);
    out.resize(out.size() + (padded - input.size()), 0);
    return out;
}

Hash eravm_deploy_salt(const Address& from, uint64_t nonce)
{
    return keccak256(address_word(from), to_be_bytes32(U256(nonce)));
}

Address eravm_create_address(const Address& sender, const U256& deployment_nonce)
{
    static const Hash prefix = keccak256(as_view("zksyncCreate"));
    Bytes preimage;
    preimage.reserve(3 * kWord);
    put_word(preimage, prefix);
    put_word(preimage, address_word(sender));
    put_word(preimage, to_be_bytes32(deployment_nonce));
    const Hash hash = keccak256(preimage);
    Address address;
    std::copy(hash.end() - static_cast<long>(address.size()), hash.end(), address.begin());
    return address;
}

Eip712Txn eravm_deploy_txn(const engine::TxnParams& params,
                           const EraVmDeploySpec& spec,
                           const Address& from,
                           uint64_t nonce)
{
    if (spec.gas_per_pubdata == 0)
        throw std::invalid_argument("an EraVM deploy needs a non-zero gas per pubdata byte");
    Eip712Txn txn;
    txn.chain_id = params.chain_id;
    txn.nonce = nonce;
    txn.max_priority_fee_per_gas = params.max_priority_fee_per_gas;
    txn.max_fee_per_gas = params.max_fee_per_gas;
    txn.gas_limit = params.gas_limit;
    txn.to = kContractDeployer;
    txn.from = from;
    txn.data = contract_deployer_create_calldata(
        eravm_deploy_salt(from, nonce), eravm_bytecode_hash(spec.bytecode), spec.constructor_input);
    txn.gas_per_pubdata = spec.gas_per_pubdata;
    txn.factory_deps = {spec.bytecode};
    return txn;
}

std::unique_ptr<engine::Operation> eravm_deploy(const engine::TxnParams& params,
                                                EraVmDeploySpec spec)
{
    return std::make_unique<EraVmDeploy>(params, spec);
}

}  // namespace zkload::zksync
