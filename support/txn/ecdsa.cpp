// SPDX-License-Identifier: Apache-2.0
#include "txn/ecdsa.hpp"

#include "codec/keccak.hpp"

#include <secp256k1.h>
#include <secp256k1_recovery.h>
#include <sys/random.h>

#include <stdexcept>

namespace zkload {
namespace {

/// Randomization costs ~35 µs and needs exclusive access, so it happens once, inside a
/// function-local static initializer; afterwards the context is only read, which the library
/// allows from many threads at once.
const secp256k1_context* context()
{
    static const secp256k1_context* const ctx = [] {
        secp256k1_context* c = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
        unsigned char seed[32];
        if (getrandom(seed, sizeof(seed), 0) != static_cast<ssize_t>(sizeof(seed)) ||
            secp256k1_context_randomize(c, seed) != 1)
            throw std::runtime_error("secp256k1: could not randomize the signing context");
        return c;
    }();
    return ctx;
}

Address address_of_pubkey(const secp256k1_pubkey& pubkey)
{
    unsigned char serialized[65];
    size_t len = sizeof(serialized);
    secp256k1_ec_pubkey_serialize(context(), serialized, &len, &pubkey, SECP256K1_EC_UNCOMPRESSED);
    const Hash h = keccak256(ByteView(serialized + 1, 64));
    Address out;
    std::copy(h.begin() + 12, h.end(), out.begin());
    return out;
}

}  // namespace

Bytes Signature::to_rsv() const
{
    Bytes out(r.begin(), r.end());
    out.insert(out.end(), s.begin(), s.end());
    out.push_back(static_cast<uint8_t>(27 + y_parity));
    return out;
}

bool is_valid_private_key(const PrivateKey& key)
{
    return secp256k1_ec_seckey_verify(context(), key.data()) == 1;
}

Signature sign_digest(const Hash& digest, const PrivateKey& key)
{
    secp256k1_ecdsa_recoverable_signature sig;
    if (secp256k1_ecdsa_sign_recoverable(context(), &sig, digest.data(), key.data(), nullptr,
                                         nullptr) != 1)
        throw std::invalid_argument("secp256k1: the private key is not valid (zero or >= n)");
    unsigned char compact[64];
    int recid = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(context(), compact, &recid, &sig);
    Signature out;
    std::copy(compact, compact + 32, out.r.begin());
    std::copy(compact + 32, compact + 64, out.s.begin());
    out.y_parity = static_cast<uint8_t>(recid);
    return out;
}

Address address_of(const PrivateKey& key)
{
    secp256k1_pubkey pubkey;
    if (secp256k1_ec_pubkey_create(context(), &pubkey, key.data()) != 1)
        throw std::invalid_argument("secp256k1: the private key is not valid (zero or >= n)");
    return address_of_pubkey(pubkey);
}

std::optional<Address> recover_signer(const Hash& digest, const Signature& signature)
{
    if (signature.y_parity > 1)
        return std::nullopt;
    unsigned char compact[64];
    std::copy(signature.r.begin(), signature.r.end(), compact);
    std::copy(signature.s.begin(), signature.s.end(), compact + 32);
    secp256k1_ecdsa_recoverable_signature sig;
    if (secp256k1_ecdsa_recoverable_signature_parse_compact(context(), &sig, compact,
                                                            signature.y_parity) != 1)
        return std::nullopt;
    secp256k1_pubkey pubkey;
    if (secp256k1_ecdsa_recover(context(), &pubkey, &sig, digest.data()) != 1)
        return std::nullopt;
    return address_of_pubkey(pubkey);
}

}  // namespace zkload
