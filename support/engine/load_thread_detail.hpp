// SPDX-License-Identifier: Apache-2.0
// The engine thread's state, shared by load_thread.cpp (signing and starting operations) and
// load_thread_answers.cpp (answers, blocks, losses). Not part of the engine's interface.
#pragma once

#include "engine/load_thread.hpp"
#include "engine/nonce_ordered_hashes.hpp"
#include "engine/wallet_book.hpp"
#include "rpc/async_client.hpp"

#include "process/huge_page_memory.hpp"

#include <cstring>
#include <deque>
#include <memory>
#include <memory_resource>
#include <unordered_map>

namespace zkload::engine::detail {

using Clock = std::chrono::steady_clock;

/// How long a thread waits before sending again after a request got no answer at all.
inline constexpr std::chrono::milliseconds kTransportBackoff{50};
/// How long a wallet whose nonce could not be re-read waits before it is asked again.
inline constexpr std::chrono::milliseconds kResyncRetry{100};

inline uint64_t micros(Clock::duration d)
{
    return static_cast<uint64_t>(
        std::max<int64_t>(0, std::chrono::duration_cast<std::chrono::microseconds>(d).count()));
}

struct HashKey
{
    size_t operator()(const Hash& h) const noexcept
    {
        size_t v = 0;
        std::memcpy(&v, h.data(), sizeof v);
        return v;
    }
};

/// A transaction signed ahead of its send.
struct Prepared
{
    uint64_t epoch = 0;
    Hash hash{};
    /// Pre-signed: in the thread's presign memory; signed while sending: on the heap. Moves keep
    /// where it lives, so it follows the transaction into its Pending without a copy.
    std::pmr::string raw_hex;
    uint8_t part = 0;  // Operation::part_of
};

/// One wallet's transactions signed ahead, in nonce order (a vector read from `head`: the
/// ceiling row pre-signs hundreds per wallet, a normal row one or two).
struct SignedQueue
{
    explicit SignedQueue(std::pmr::memory_resource* memory = std::pmr::get_default_resource()) : items(memory) {}

    std::pmr::vector<Prepared> items;
    size_t head = 0;

    bool empty() const noexcept { return head == items.size(); }
    size_t size() const noexcept { return items.size() - head; }
    Prepared& front() noexcept { return items[head]; }
    void pop_front()
    {
        if (++head == items.size())
            clear();
    }
    void clear()
    {
        items.clear();
        head = 0;
    }
};

/// A transaction sent and not yet settled (in a block, refused or lost).
struct Pending
{
    uint32_t wallet = 0;
    Clock::time_point reference;  // actual send (closed) or intended send (open)
    Clock::time_point answered{};  // the node's first acceptance
    Clock::time_point last_sent{};  // first acceptance or latest re-send
    uint64_t head_at_last_sent = 0;  // the newest block seen then
    bool acked = false;
    uint8_t part = 0;
    std::pmr::string raw_hex;  // kept for re-sends of the very same bytes
};

/// One operation of a request in flight, as its answer needs it.
struct Sent
{
    Hash hash{};
    uint32_t wallet = 0;
    Clock::time_point reference;
    bool resend = false;
    uint8_t part = 0;
};

class LoadThread
{
public:
    explicit LoadThread(ThreadInput in);
    ThreadResult run();

private:
    // load_thread.cpp: what to send and when
    void loop();
    bool finished(Clock::time_point now) const;
    /// This thread's figures so far, for whoever shows live progress.
    void publish_progress();
    uint64_t remaining() const;
    void presign(uint64_t count);
    void sign_ahead(uint64_t count);
    void sign_one(uint32_t w, std::pmr::memory_resource* memory = std::pmr::get_default_resource());
    Prepared* next_prepared(uint32_t w);
    /// Sends what is due, as of a fresh clock reading; `woke` is when this pass began (after the
    /// wait), which tells a late wake from work since the wake.
    void start_due(Clock::time_point woke);
    Clock::duration late_after() const;
    /// Open loop: when the oldest due start goes out (see open_hold_).
    Clock::time_point open_send_at() const;
    void finish_sending(Clock::time_point now, Clock::duration drain);
    void submit(std::vector<Sent> group, std::vector<std::pmr::string> bodies);
    /// Open loop: a start is overdue (later than the lateness allowance) and still not sent.
    bool behind(Clock::time_point now) const;
    /// Waits for work (wait_for_work); time spent so while behind is counted as waiting.
    void wait(Clock::time_point now);
    void wait_for_work(Clock::time_point now);

    // load_thread_answers.cpp: what came back
    void answered(const Sent& sent, rpc::Reply& reply, Clock::time_point now);
    /// The callback of a single request: its reply to answered().
    rpc::AsyncClient::Callback answer_to(Sent sent);
    /// The callback of a batch: each reply to answered(), in the group's order.
    rpc::AsyncClient::BatchCallback answers_to(std::vector<Sent> group);
    void refused(const Sent& sent, const rpc::Error& error);
    /// A send the node did not answer within the RPC timeout: kept as sent (true), unless it is
    /// no longer pending.
    bool unanswered_but_kept(const Sent& sent, Clock::time_point now);
    void resync(uint32_t w);
    void request_nonce(uint32_t w);
    void note_reachability(const rpc::Reply& reply, Clock::time_point now);

    // load_thread_blocks.cpp: blocks, receipts, stuck and lost transactions
    void absorb_blocks();
    void note_block_interval(const SeenBlock& block);
    void absorb_outcomes();
    void settle(std::unordered_map<Hash, Pending, HashKey>::iterator it);
    void sweep(Clock::time_point now);
    Clock::duration rebroadcast_after() const;
    void send_resends();
    void give_up();

    ThreadInput in_;
    const DriverConfig& config_;
    rpc::AsyncClient client_;
    WalletBook book_;
    bool write_;
    bool steady_;  // measured in blocks: sending stops `steady_blocks` after the first of ours
    ThreadResult result_;
    /// Where pre-signed transactions live until the thread ends (declared before everything that
    /// holds them, so it goes last): one bump allocator over huge pages instead of a malloc each.
    heap::HugePageMemory presign_pages_;
    std::unique_ptr<std::pmr::monotonic_buffer_resource> presign_memory_;
    std::vector<SignedQueue> signed_;
    uint64_t signed_count_ = 0;
    std::unordered_map<Hash, Pending, HashKey> pending_;
    /// Each wallet's pending hashes in nonce order (its oldest first).
    std::vector<NonceOrderedHashes> in_pool_;
    /// Each wallet's hashes still to re-send, in nonce order, and the wallets whose next re-send
    /// may leave now.
    std::vector<std::vector<Hash>> resend_;
    std::vector<uint32_t> resend_ready_;
    std::vector<uint32_t> resync_backlog_;
    std::vector<std::pair<Clock::time_point, uint32_t>> resync_later_;
    std::vector<std::shared_ptr<const SeenBlock>> new_blocks_;
    std::vector<std::shared_ptr<const BlockOutcome>> new_outcomes_;
    /// Live receipts: ours, seen in a block, waiting for its receipt: hash → block number.
    std::unordered_map<Hash, uint64_t, HashKey> awaiting_outcome_;
    std::unordered_map<uint64_t, uint64_t> awaiting_per_block_;
    size_t outcome_cursor_ = 0;
    uint64_t last_seen_block_ = 0;
    uint64_t last_block_without_ours_ = 0;  // the newest block seen holding none of ours
    Clock::time_point latest_included_answer_{};  // the latest first answer of one of ours in a block
    size_t block_cursor_ = 0;
    /// Block interval: the estimate handed in, refined from the first and latest block seen.
    Clock::duration block_interval_;
    /// Open loop: how long a due start waits for the next ones to share its request
    /// (open_loop_hold).
    Clock::duration open_hold_{};
    /// Open loop: when the last wait was set to end, if it began before then. A start whose send
    /// time was not before it, found late on waking, fell due while the thread slept on a timer
    /// that would have woken it in time (late_on_wake).
    std::optional<Clock::time_point> wake_by_;
    std::optional<std::pair<uint64_t, Clock::time_point>> first_block_seen_;
    SignedTxn scratch_;
    std::optional<Schedule> schedule_;
    uint32_t cursor_ = 0;
    uint64_t started_ = 0;
    uint64_t awaiting_ = 0;
    uint64_t next_id_ = 1;
    bool sending_done_ = false;
    /// The last start_due held due starts back because no wallet was free to send (else, when
    /// starts were due, because every request slot was taken).
    bool no_wallet_free_ = false;
    Clock::time_point send_end_;
    Clock::time_point drain_deadline_ = Clock::time_point::max();
    /// The first of an unbroken run of transport failures (no answer since); none while answering.
    std::optional<Clock::time_point> unreachable_since_;
    /// After a transport failure (no answer at all) nothing is sent for a short while.
    Clock::time_point backoff_until_{};
    std::string last_transport_error_;
};

}  // namespace zkload::engine::detail
