// SPDX-License-Identifier: Apache-2.0
#include "engine/deferred_receipts.hpp"

#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace zkload::engine {
namespace {

constexpr size_t kReaders = 4;
constexpr int kAttempts = 3;
constexpr auto kRetry = std::chrono::milliseconds(250);
/// One block's receipts can take far longer than a send: anvil spends time quadratic in the
/// block's size on them (~12 s for 5,600 transactions on a 2-core machine; foundry-rs/foundry#16063
/// makes eth_getBlockReceipts linear, in no npm release of anvil up to 1.7.1).
constexpr auto kReceiptTimeout = std::chrono::milliseconds(180'000);

/// Transaction hashes are uniformly random: their first bytes hash them.
struct FirstBytes
{
    size_t operator()(const Hash& h) const noexcept
    {
        size_t v = 0;
        std::memcpy(&v, h.data(), sizeof v);
        return v;
    }
};

/// One block's share of the work: our hashes in it, and what their receipts said.
struct BlockWork
{
    uint64_t number = 0;
    BlockOfOurs* ours = nullptr;
    std::vector<Hash> hashes;
    std::vector<IncludedTxn> receipts;
    bool read = false;
};

bool stopped(const std::atomic<bool>* stop) { return stop != nullptr && stop->load(); }

class Reading
{
public:
    Reading(const rpc::ClientOptions& rpc, const std::atomic<bool>* stop) : rpc_(rpc), stop_(stop)
    {
        rpc_.timeout = std::max<std::chrono::milliseconds>(rpc_.timeout, kReceiptTimeout);
    }

    /// Reads every block of `work` (all of its receipts), by up to kReaders connections.
    void blocks(std::vector<BlockWork>& work)
    {
        std::atomic<size_t> next{0};
        const auto reader = [&] {
            rpc::Client client(rpc_);
            for (size_t i = next++; i < work.size() && !stopped(stop_); i = next++)
                work[i].read = attempt([&] { work[i].receipts = reader_.read(client, work[i].number, work[i].hashes); },
                                       work[i].number);
        };
        std::vector<std::thread> threads;
        for (size_t t = 1; t < std::min(kReaders, work.size()); ++t)
            threads.emplace_back(reader);
        reader();
        for (auto& thread : threads)
            thread.join();
    }

    /// Reads the receipts of exactly these transactions (batched eth_getTransactionReceipt).
    std::optional<std::vector<IncludedTxn>> these(const std::vector<Hash>& hashes)
    {
        rpc::Client client(rpc_);
        std::vector<IncludedTxn> out;
        const bool ok = attempt(
            [&] {
                std::vector<rpc::Call> calls;
                for (const Hash& hash : hashes)
                    calls.emplace_back("eth_getTransactionReceipt", nlohmann::json::array({to_hex(hash)}));
                out.clear();
                for (rpc::Reply& reply : client.batch(calls))
                {
                    if (!reply.ok())
                        throw rpc::RpcException(*reply.error);
                    if (reply.result.is_object())
                        out.push_back({.hash = parse_hash(reply.result.at("transactionHash").get<std::string>()),
                                       .success = parse_quantity(reply.result.value("status", "0x0")) == 1,
                                       .gas_used = parse_quantity(reply.result.value("gasUsed", "0x0")).value_or(0)});
                }
            },
            0);
        if (!ok)
            return std::nullopt;
        return out;
    }

    void report(DeferredReceipts& out) const
    {
        std::lock_guard lock(mutex_);
        out.errors += errors_;
        if (last_error_)
            out.last_error = last_error_;
        out.fallback = out.fallback || reader_.used_fallback();
    }

private:
    template <typename Work>
    bool attempt(Work&& work, uint64_t block)
    {
        for (int attempt = 1;; ++attempt)
        {
            try
            {
                work();
                return true;
            }
            catch (const std::exception& e)
            {
                {
                    std::lock_guard lock(mutex_);
                    ++errors_;
                    last_error_ = "reading receipts after the row" +
                                  (block != 0 ? " (block " + std::to_string(block) + ")" : std::string()) + ": " +
                                  e.what();
                }
                if (attempt >= kAttempts || stopped(stop_))
                    return false;
                std::this_thread::sleep_for(kRetry);
            }
        }
    }

    rpc::ClientOptions rpc_;
    const std::atomic<bool>* stop_;
    ReceiptReader reader_;
    mutable std::mutex mutex_;
    uint64_t errors_ = 0;
    std::optional<std::string> last_error_;
};

/// The part of a mix that the block's i-th transaction of ours belongs to, if the row is a mix.
PartResult* part_of(std::vector<PartResult>& parts, const BlockWork& block, size_t i)
{
    return parts.empty() ? nullptr : &parts.at(block.ours->parts.at(i));
}

/// Books one block's receipts: each of ours found is included or reverted with its gas; one the
/// node gave no receipt for counts as included without a status (and, when the block was read,
/// as missing). Returns how many were missing.
uint64_t book(BlockWork& block, Ledger& ledger, std::vector<PartResult>& parts)
{
    uint64_t missing = 0;
    std::unordered_map<Hash, size_t, FirstBytes> index;
    index.reserve(block.hashes.size());
    for (size_t i = 0; i < block.hashes.size(); ++i)
        index.emplace(block.hashes[i], i);
    std::vector<bool> resolved(block.hashes.size());
    for (const IncludedTxn& receipt : block.receipts)
    {
        const auto it = index.find(receipt.hash);
        if (it == index.end() || resolved[it->second])
            continue;  // another sender's transaction in the same block
        resolved[it->second] = true;
        ++(receipt.success ? ledger.included : ledger.reverted);
        if (PartResult* part = part_of(parts, block, it->second))
            ++(receipt.success ? part->included : part->reverted);
        block.ours->succeeded += receipt.success ? 1 : 0;
        ledger.gas_used += receipt.gas_used;
    }
    for (size_t i = 0; i < resolved.size(); ++i)
        if (!resolved[i])
        {
            missing += block.read ? 1 : 0;
            ++ledger.included;
            ++block.ours->succeeded;
            if (PartResult* part = part_of(parts, block, i))
                ++part->included;
        }
    ledger.in_block -= std::min<uint64_t>(ledger.in_block, block.hashes.size());
    return missing;
}

/// Checks an operation whose receipts are known in advance on an even sample of the row's
/// transactions: the sample's mean gas when every sampled receipt the node still has says
/// status 1 and the expected gas within its tolerance, and at least kReceiptSampleQuorum of them
/// (all, for a smaller sample) came back; else nullopt.
std::optional<uint64_t> sample_confirms(Reading& reading, const std::vector<BlockWork>& work,
                                        const ExpectedReceipt& expected, DeferredReceipts& out)
{
    size_t total = 0;
    for (const BlockWork& block : work)
        total += block.hashes.size();
    const size_t step = std::max<size_t>(1, total / kReceiptSample);
    std::vector<Hash> sample;
    size_t k = 0;
    for (const BlockWork& block : work)
        for (const Hash& hash : block.hashes)
            if (k++ % step == 0 && sample.size() < kReceiptSample)
                sample.push_back(hash);
    const auto receipts = reading.these(sample);
    if (!receipts || receipts->empty() || receipts->size() < std::min(sample.size(), kReceiptSampleQuorum))
        return std::nullopt;
    out.receipts_read += receipts->size();
    out.receipts_missing += sample.size() - receipts->size();
    uint64_t sum = 0;
    for (const IncludedTxn& receipt : *receipts)
    {
        const uint64_t off = receipt.gas_used > expected.gas ? receipt.gas_used - expected.gas
                                                             : expected.gas - receipt.gas_used;
        if (!receipt.success || off > expected.tolerance)
            return std::nullopt;
        sum += receipt.gas_used;
    }
    return (sum + receipts->size() / 2) / receipts->size();
}

}  // namespace

DeferredReceipts read_deferred_receipts(const rpc::ClientOptions& rpc, const Operation& operation,
                                        BlockLog& log, std::map<uint64_t, BlockOfOurs>& ours, Ledger& ledger,
                                        std::vector<PartResult>& parts, const std::atomic<bool>* stop)
{
    std::vector<std::shared_ptr<const SeenBlock>> seen;
    log.read_all(seen);
    std::unordered_map<uint64_t, const SeenBlock*> by_number;
    for (const auto& block : seen)
        by_number.emplace(block->number, block.get());
    std::vector<BlockWork> work;
    work.reserve(ours.size());
    for (auto& [number, block] : ours)
    {
        BlockWork w{.number = number, .ours = &block};
        const SeenBlock& seen_block = *by_number.at(number);
        w.hashes.reserve(block.positions.size());
        for (const uint32_t position : block.positions)
            w.hashes.push_back(seen_block.hashes.at(position));
        work.push_back(std::move(w));
    }
    DeferredReceipts out;
    Reading reading(rpc, stop);
    const auto expected = operation.expected_receipt();
    const std::optional<uint64_t> mean_gas =
        expected && !work.empty() ? sample_confirms(reading, work, *expected, out) : std::nullopt;
    if (mean_gas)
    {
        out.sampled = true;
        for (BlockWork& block : work)
        {
            const uint64_t n = block.hashes.size();
            ledger.included += n;
            ledger.gas_used += n * *mean_gas;
            ledger.in_block -= std::min(ledger.in_block, n);
            block.ours->succeeded += n;
            for (size_t i = 0; i < n; ++i)
                if (PartResult* part = part_of(parts, block, i))
                    ++part->included;
        }
        reading.report(out);
        return out;
    }
    reading.blocks(work);
    for (BlockWork& block : work)
    {
        const uint64_t missing = book(block, ledger, parts);
        out.receipts_missing += missing;
        if (block.read)
            out.receipts_read += block.hashes.size() - missing;
    }
    reading.report(out);
    return out;
}

}  // namespace zkload::engine
