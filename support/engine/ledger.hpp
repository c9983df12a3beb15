// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/errors.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

namespace zkload::engine {

/// What happened to a row's operations, per thread; merged once at the row's end.
///
/// offered:   operations the driver wanted to start (open loop: the schedule's count)
/// submitted: accepted by the node (eth_sendRawTransaction answered with a hash, a read answered)
/// included: found in a block with status 1 (reads: same as submitted)
/// reverted:  found in a block with status 0
/// lost:      accepted but not seen in a block within the inclusion timeout
/// late:      open loop only: started more than the late threshold after its intended time
/// late_on_wake: of late, starts that fell due while the thread slept on a timer set for them and
///            the OS woke it past the late threshold: the host ran it late (its scheduler, a
///            hypervisor, a stop), not the generator's work
/// wake_late_max_us: open loop only: the most such a timer's wake-up came after its time (µs)
/// behind_us: open loop only: thread time spent with a start overdue (past the late threshold)
/// behind_waiting_us: of that, time the thread sat idle: no wallet could send (every one awaiting
///            the node's answer or at its pending cap) or every request slot was taken. The rest
///            it was busy (signing, sending, reading answers): behind for want of CPU.
/// behind_no_wallet_us: of behind_waiting_us, the time no wallet was free to send (the rest: every
///            request slot was taken)
/// dropped:   open loop only: due before the row ended or was stopped, never started (k6's
///            dropped iterations); offered = included + reverted + lost + failed + dropped
/// failed:    refused or unanswered, by error class (transport, timeout, nonce_too_low, …)
/// send_timeouts: sends the node did not answer within the RPC timeout; not failures: they stay
///            sent (the node may have taken them) and end included, or lost after the inclusion
///            timeout
/// rebroadcasts: re-sends of an accepted transaction not yet in a block (same bytes); the
///            node's answer to a re-send ("already known", "nonce too low") is left to the chain
/// in_block:  found in a block, status not read yet (deferred receipts); 0 once resolved
struct Ledger
{
    static constexpr size_t kClasses = std::size(rpc::kErrorClassNames);

    uint64_t offered = 0;
    uint64_t submitted = 0;
    uint64_t included = 0;
    uint64_t reverted = 0;
    uint64_t lost = 0;
    uint64_t late = 0;
    uint64_t late_on_wake = 0;
    uint64_t wake_late_max_us = 0;
    uint64_t behind_us = 0;
    uint64_t behind_waiting_us = 0;
    uint64_t behind_no_wallet_us = 0;
    uint64_t dropped = 0;
    uint64_t nonce_resyncs = 0;
    uint64_t rebroadcasts = 0;
    uint64_t send_timeouts = 0;
    uint64_t in_block = 0;
    uint64_t gas_used = 0;
    /// JSON-RPC requests that carried new operations (resends not counted): a batch of 16 is one
    /// request. They carried offered − dropped operations (every start goes into one).
    uint64_t requests = 0;
    std::array<uint64_t, kClasses> failed{};

    void fail(rpc::ErrorClass error_class) noexcept { ++failed[static_cast<size_t>(error_class)]; }

    uint64_t failed_total() const noexcept
    {
        uint64_t total = 0;
        for (const uint64_t n : failed)
            total += n;
        return total;
    }

    void merge(const Ledger& other) noexcept
    {
        offered += other.offered;
        submitted += other.submitted;
        included += other.included;
        reverted += other.reverted;
        lost += other.lost;
        late += other.late;
        late_on_wake += other.late_on_wake;
        wake_late_max_us = std::max(wake_late_max_us, other.wake_late_max_us);
        behind_us += other.behind_us;
        behind_waiting_us += other.behind_waiting_us;
        behind_no_wallet_us += other.behind_no_wallet_us;
        dropped += other.dropped;
        nonce_resyncs += other.nonce_resyncs;
        rebroadcasts += other.rebroadcasts;
        send_timeouts += other.send_timeouts;
        in_block += other.in_block;
        gas_used += other.gas_used;
        requests += other.requests;
        for (size_t i = 0; i < kClasses; ++i)
            failed[i] += other.failed[i];
    }
};

}  // namespace zkload::engine
