// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <unordered_map>

namespace zkload::null_node {

/// How the null node treats what it is sent, beyond taking it. Both modes stand in for real
/// nodes a load generator must survive:
///  - drop_ahead: a transaction whose nonce is above its sender's next is answered with its hash
///    and then forgotten, as a pool that queues future nonces and never promotes them (or
///    evicts them under pressure) behaves; below the next nonce it is "nonce too low". A
///    sender's first transaction sets where its nonces start.
///  - drop_fraction: that share of the transactions it would take are answered with their hash
///    and forgotten, as a node that loses transactions (a restart, an eviction) does.
struct AdmissionOptions
{
    bool drop_ahead = false;
    double drop_fraction = 0;
    uint64_t seed = 1;
};

/// What happened to the transactions sent so far.
struct AdmissionStats
{
    uint64_t dropped_ahead = 0;
    uint64_t dropped_at_random = 0;
    uint64_t nonce_too_low = 0;
};

/// The sender and nonce of a signed EIP-1559 (type 2) transaction, the sender recovered from its
/// signature. Throws std::invalid_argument for anything else.
struct SenderNonce
{
    Address sender{};
    uint64_t nonce = 0;
};
SenderNonce sender_and_nonce(ByteView raw);

/// The null node's admission rules; thread-safe (the serving threads share one).
class Admission
{
public:
    enum class Verdict
    {
        take,
        drop,
        nonce_too_low,
    };

    explicit Admission(AdmissionOptions options);

    bool tracks_senders() const noexcept { return options_.drop_ahead; }

    /// Decides about one raw transaction. Throws std::invalid_argument when a sender must be
    /// known (drop_ahead) and the bytes are not a signed type 2 transaction.
    Verdict admit(ByteView raw);

    /// The next nonce of a sender seen before (drop_ahead only).
    std::optional<uint64_t> next_nonce(const Address& sender) const;

    AdmissionStats stats() const;

private:
    struct AddressHash
    {
        size_t operator()(const Address& a) const noexcept;
    };

    AdmissionOptions options_;
    mutable std::mutex mutex_;
    std::mt19937_64 random_;
    std::bernoulli_distribution drop_;
    std::unordered_map<Address, uint64_t, AddressHash> next_;
    AdmissionStats stats_;
};

}  // namespace zkload::null_node
