// SPDX-License-Identifier: Apache-2.0
#include "admission.hpp"

#include "txn/ecdsa.hpp"
#include "codec/keccak.hpp"
#include "codec/rlp.hpp"
#include "codec/rlp_decode.hpp"

#include <cstring>
#include <stdexcept>

namespace zkload::null_node {
namespace {

/// chain id, nonce, tip, fee cap, gas, to, value, data, access list; then y parity, r, s.
constexpr size_t kUnsignedFields = 9;
constexpr size_t kFields = kUnsignedFields + 3;

Hash scalar_of(const rlp::Item& item)
{
    const ByteView bytes = rlp::decode_bytes(item);
    if (bytes.size() > 32)
        throw std::invalid_argument("a signature scalar longer than 32 bytes");
    Hash out{};
    std::memcpy(out.data() + (32 - bytes.size()), bytes.data(), bytes.size());
    return out;
}

}  // namespace

SenderNonce sender_and_nonce(ByteView raw)
{
    if (raw.empty() || raw[0] != 0x02)
        throw std::invalid_argument("the null node tracks senders of type 2 transactions only");
    const rlp::Item list = rlp::decode_exact(raw.subspan(1));
    if (!list.is_list)
        throw std::invalid_argument("a type 2 transaction must be an RLP list");
    ByteView rest = list.payload;
    std::vector<rlp::Item> items;
    size_t unsigned_length = 0;
    while (!rest.empty() && items.size() < kFields)
    {
        items.push_back(rlp::decode_one(rest));
        if (items.size() == kUnsignedFields)
            unsigned_length = list.payload.size() - rest.size();
    }
    if (items.size() != kFields || !rest.empty())
        throw std::invalid_argument("a signed type 2 transaction has 12 fields");
    // The signing digest: keccak256(0x02 ‖ rlp(first nine fields)), those fields byte for byte.
    Bytes preimage{0x02};
    rlp::encode_list_header(preimage, unsigned_length);
    preimage.insert(preimage.end(), list.payload.begin(), list.payload.begin() + static_cast<long>(unsigned_length));
    const uint64_t parity = rlp::decode_uint64(items[kUnsignedFields]);
    if (parity > 1)
        throw std::invalid_argument("a type 2 signature's y parity must be 0 or 1");
    const Signature signature{.r = scalar_of(items[kUnsignedFields + 1]),
                              .s = scalar_of(items[kUnsignedFields + 2]),
                              .y_parity = static_cast<uint8_t>(parity)};
    const auto sender = recover_signer(keccak256(preimage), signature);
    if (!sender)
        throw std::invalid_argument("the transaction's signature does not recover a sender");
    return {.sender = *sender, .nonce = rlp::decode_uint64(items[1])};
}

size_t Admission::AddressHash::operator()(const Address& a) const noexcept
{
    size_t v = 0;
    std::memcpy(&v, a.data() + a.size() - sizeof v, sizeof v);
    return v;
}

Admission::Admission(AdmissionOptions options)
    : options_(options), random_(options.seed), drop_(options.drop_fraction)
{
    if (!(options.drop_fraction >= 0 && options.drop_fraction <= 1))
        throw std::invalid_argument("the drop fraction must be between 0 and 1");
}

Admission::Verdict Admission::admit(ByteView raw)
{
    std::optional<SenderNonce> who;
    if (options_.drop_ahead)
        who = sender_and_nonce(raw);  // outside the lock: recovering a key is the costly part
    std::lock_guard lock(mutex_);
    if (who)
    {
        const auto [it, first] = next_.try_emplace(who->sender, who->nonce);
        if (who->nonce < it->second)
        {
            ++stats_.nonce_too_low;
            return Verdict::nonce_too_low;
        }
        if (who->nonce > it->second)
        {
            ++stats_.dropped_ahead;
            return Verdict::drop;
        }
        (void)first;
    }
    if (options_.drop_fraction > 0 && drop_(random_))
    {
        ++stats_.dropped_at_random;
        return Verdict::drop;  // lost: the sender's next nonce stays where it was
    }
    if (who)
        ++next_[who->sender];
    return Verdict::take;
}

std::optional<uint64_t> Admission::next_nonce(const Address& sender) const
{
    std::lock_guard lock(mutex_);
    const auto it = next_.find(sender);
    if (it == next_.end())
        return std::nullopt;
    return it->second;
}

AdmissionStats Admission::stats() const
{
    std::lock_guard lock(mutex_);
    return stats_;
}

}  // namespace zkload::null_node
