// SPDX-License-Identifier: Apache-2.0
#include "engine/operation_mix.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace zkload::engine {
namespace {

/// splitmix64's finalizer: every input bit moves every output bit.
uint64_t mixed(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

class Mix : public Operation
{
public:
    Mix(std::vector<std::unique_ptr<Operation>> parts, std::vector<uint32_t> weights)
        : parts_(std::move(parts))
    {
        if (parts_.empty() || parts_.size() > 255 || weights.size() != parts_.size())
            throw std::invalid_argument("a mix needs 1 to 255 operations, each with a weight");
        uint64_t total = 0;
        for (size_t i = 0; i < parts_.size(); ++i)
        {
            if (!parts_[i] || !parts_[i]->is_write())
                throw std::invalid_argument("a mix takes transactions only, not reads");
            if (weights[i] == 0)
                throw std::invalid_argument("every operation of a mix needs a weight above 0");
            total += weights[i];
            bounds_.push_back(total);
        }
    }

    bool is_write() const override { return true; }
    bool sends_eip712() const override
    {
        return std::ranges::any_of(parts_, [](const auto& part) { return part->sends_eip712(); });
    }
    size_t parts() const override { return parts_.size(); }

    size_t part_of(const Address& from, uint64_t nonce) const override
    {
        uint64_t sender = 0;
        std::memcpy(&sender, from.data() + from.size() - sizeof sender, sizeof sender);
        const uint64_t draw = mixed(sender ^ mixed(nonce)) % bounds_.back();
        return static_cast<size_t>(std::ranges::upper_bound(bounds_, draw) - bounds_.begin());
    }

    void sign(const pool::Wallet& from,
              const Address& peer,
              uint64_t nonce,
              SignedTxn& out) const override
    {
        parts_[part_of(from.address, nonce)]->sign(from, peer, nonce, out);
    }

private:
    std::vector<std::unique_ptr<Operation>> parts_;
    std::vector<uint64_t> bounds_;  // running sums of the weights
};

}  // namespace

std::unique_ptr<Operation> mix(std::vector<std::unique_ptr<Operation>> parts,
                               std::vector<uint32_t> weights)
{
    return std::make_unique<Mix>(std::move(parts), std::move(weights));
}

}  // namespace zkload::engine
