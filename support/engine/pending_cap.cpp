// SPDX-License-Identifier: Apache-2.0
#include "engine/pending_cap.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace zkload::engine {
namespace {

constexpr uint64_t kZkSyncMaxNonceAhead = 50;
constexpr uint64_t kGuaranteedAccountSlots = 16;

bool starts_with_word(std::string_view text, std::string_view word)
{
    if (text.size() < word.size())
        return false;
    for (size_t i = 0; i < word.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != word[i])
            return false;
    return true;
}

}  // namespace

uint64_t node_pending_allowance(std::string_view client_version, bool zksync_chain)
{
    if (zksync_chain || starts_with_word(client_version, "zksync"))
        return kZkSyncMaxNonceAhead;
    if (starts_with_word(client_version, "anvil") || starts_with_word(client_version, "zkload-null-node"))
        return kUnlimitedPendingAllowance;
    return kGuaranteedAccountSlots;
}

bool means_too_many_pending(rpc::ErrorClass error_class)
{
    return error_class == rpc::ErrorClass::nonce_too_high || error_class == rpc::ErrorClass::pool_full;
}

}  // namespace zkload::engine
