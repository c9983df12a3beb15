// SPDX-License-Identifier: Apache-2.0
#include "engine/row_merge.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace zkload::engine {
namespace {

using nlohmann::json;

json ledger_json(const Ledger& l)
{
    return {{"offered", l.offered},       {"submitted", l.submitted},
            {"included", l.included},     {"reverted", l.reverted},
            {"lost", l.lost},             {"late", l.late},
            {"late_on_wake", l.late_on_wake}, {"wake_late_max_us", l.wake_late_max_us},
            {"behind_us", l.behind_us},   {"behind_waiting_us", l.behind_waiting_us},
            {"behind_no_wallet_us", l.behind_no_wallet_us},
            {"dropped", l.dropped},       {"nonce_resyncs", l.nonce_resyncs},
            {"rebroadcasts", l.rebroadcasts}, {"send_timeouts", l.send_timeouts},
            {"in_block", l.in_block},     {"gas_used", l.gas_used},
            {"requests", l.requests},     {"failed", l.failed}};
}

Ledger ledger_of(const json& j)
{
    Ledger l;
    l.offered = j.at("offered");
    l.submitted = j.at("submitted");
    l.included = j.at("included");
    l.reverted = j.at("reverted");
    l.lost = j.at("lost");
    l.late = j.at("late");
    l.late_on_wake = j.at("late_on_wake");
    l.wake_late_max_us = j.at("wake_late_max_us");
    l.behind_us = j.at("behind_us");
    l.behind_waiting_us = j.at("behind_waiting_us");
    l.behind_no_wallet_us = j.at("behind_no_wallet_us");
    l.dropped = j.at("dropped");
    l.nonce_resyncs = j.at("nonce_resyncs");
    l.rebroadcasts = j.at("rebroadcasts");
    l.send_timeouts = j.at("send_timeouts");
    l.in_block = j.at("in_block");
    l.gas_used = j.at("gas_used");
    l.requests = j.at("requests");
    l.failed = j.at("failed").get<std::array<uint64_t, Ledger::kClasses>>();
    return l;
}

template <typename T>
json optional_json(const std::optional<T>& value)
{
    return value ? json(*value) : json(nullptr);
}

template <typename T>
std::optional<T> optional_of(const json& j)
{
    return j.is_null() ? std::nullopt : std::optional<T>(j.get<T>());
}

}  // namespace

Bytes encode_row(const RowResult& row)
{
    json parts = json::array();
    for (const PartResult& p : row.parts)
        parts.push_back({p.included, p.reverted, p.inclusion.serialize()});
    json tallies = json::array();
    for (const BlockTally& t : row.tallies)
        tallies.push_back({t.number, t.ours, t.succeeded});
    const json j = {{"ledger", ledger_json(row.ledger)},
                    {"ack", row.ack.serialize()},
                    {"inclusion", row.inclusion.serialize()},
                    {"parts", parts},
                    {"wall_seconds", row.wall_seconds},
                    {"send_seconds", row.send_seconds},
                    {"cpu_seconds", row.cpu_seconds},
                    {"presign_cpu_seconds", row.presign_cpu_seconds},
                    {"presigned", row.presigned},
                    {"receipts_seconds", row.receipts_seconds},
                    {"receipts_read", row.receipts_read},
                    {"receipts_sampled", row.receipts_sampled},
                    {"receipts_missing", row.receipts_missing},
                    {"pending_cap", row.pending_cap},
                    {"bindings", row.bindings},
                    {"blocks_seen", row.blocks_seen},
                    {"receipts_fallback", row.receipts_fallback},
                    {"follower_errors", row.follower_errors},
                    {"follower_error", optional_json(row.follower_error)},
                    {"node_lost", optional_json(row.node_lost)},
                    {"tallies", tallies},
                    {"drain_block", optional_json(row.drain_block)},
                    // As computed where the blocks were seen (their sighting times stay there).
                    {"steady", {row.steady.first_block, row.steady.last_block, row.steady.blocks,
                                row.steady.included, row.steady.seconds}}};
    const std::string text = j.dump();
    return Bytes(text.begin(), text.end());
}

RowResult decode_row(ByteView bytes)
{
    try
    {
        const json j = json::parse(bytes.begin(), bytes.end());
        RowResult row;
        row.ledger = ledger_of(j.at("ledger"));
        row.ack = Histogram::deserialize(j.at("ack"));
        row.inclusion = Histogram::deserialize(j.at("inclusion"));
        for (const json& p : j.at("parts"))
        {
            PartResult part{.included = p.at(0), .reverted = p.at(1)};
            part.inclusion = Histogram::deserialize(p.at(2));
            row.parts.push_back(std::move(part));
        }
        row.wall_seconds = j.at("wall_seconds");
        row.send_seconds = j.at("send_seconds");
        row.cpu_seconds = j.at("cpu_seconds");
        row.presign_cpu_seconds = j.at("presign_cpu_seconds");
        row.presigned = j.at("presigned");
        row.receipts_seconds = j.at("receipts_seconds");
        row.receipts_read = j.at("receipts_read");
        row.receipts_sampled = j.at("receipts_sampled");
        row.receipts_missing = j.at("receipts_missing");
        row.pending_cap = j.at("pending_cap");
        row.bindings = j.at("bindings").get<std::vector<std::string>>();
        row.blocks_seen = j.at("blocks_seen");
        row.receipts_fallback = j.at("receipts_fallback");
        row.follower_errors = j.at("follower_errors");
        row.follower_error = optional_of<std::string>(j.at("follower_error"));
        row.node_lost = optional_of<std::string>(j.at("node_lost"));
        for (const json& t : j.at("tallies"))
            row.tallies.push_back({.number = t.at(0), .ours = t.at(1), .succeeded = t.at(2)});
        row.drain_block = optional_of<uint64_t>(j.at("drain_block"));
        const json& steady = j.at("steady");
        row.steady = {.first_block = steady.at(0),
                      .last_block = steady.at(1),
                      .blocks = steady.at(2),
                      .included = steady.at(3),
                      .seconds = steady.at(4)};
        return row;
    }
    catch (const json::exception& e)
    {
        throw std::invalid_argument(std::string("a rank's row result does not read: ") + e.what());
    }
}

RowResult merge_rows(RowResult root, const std::vector<RowResult>& others)
{
    std::map<uint64_t, BlockTally*> by_number;
    for (BlockTally& t : root.tallies)
        by_number[t.number] = &t;
    for (const RowResult& other : others)
    {
        root.ledger.merge(other.ledger);
        root.ack.merge(other.ack);
        root.inclusion.merge(other.inclusion);
        merge_parts(root.parts, other.parts);
        root.wall_seconds = std::max(root.wall_seconds, other.wall_seconds);
        root.send_seconds = std::max(root.send_seconds, other.send_seconds);
        root.cpu_seconds += other.cpu_seconds;
        root.presign_cpu_seconds += other.presign_cpu_seconds;
        root.presigned += other.presigned;
        root.receipts_seconds = std::max(root.receipts_seconds, other.receipts_seconds);
        root.receipts_read += other.receipts_read;
        root.receipts_sampled = root.receipts_sampled || other.receipts_sampled;
        root.receipts_missing += other.receipts_missing;
        if (other.pending_cap != 0)
            root.pending_cap = root.pending_cap == 0 ? other.pending_cap : std::min(root.pending_cap, other.pending_cap);
        root.bindings.insert(root.bindings.end(), other.bindings.begin(), other.bindings.end());
        root.receipts_fallback = root.receipts_fallback || other.receipts_fallback;
        root.follower_errors += other.follower_errors;
        if (!root.follower_error)
            root.follower_error = other.follower_error;
        if (!root.node_lost)
            root.node_lost = other.node_lost;
        for (const BlockTally& t : other.tallies)
        {
            const auto it = by_number.find(t.number);
            if (it == by_number.end())
                throw std::invalid_argument("a rank counted transactions in block " + std::to_string(t.number) +
                                            ", which rank 0 did not see");
            it->second->ours += t.ours;
            it->second->succeeded += t.succeeded;
        }
        if (other.drain_block)
            root.drain_block = root.drain_block ? std::min(*root.drain_block, *other.drain_block) : other.drain_block;
    }
    if (!root.tallies.empty())
    {
        auto drain_start = std::chrono::steady_clock::time_point::max();
        if (root.drain_block)
        {
            // A drain that began before the first block seen: every block is drain.
            if (*root.drain_block < root.tallies.front().number)
                drain_start = std::chrono::steady_clock::time_point::min();
            for (const BlockTally& t : root.tallies)
                if (t.number == *root.drain_block)
                    drain_start = t.seen_at + std::chrono::nanoseconds(1);
        }
        root.steady = steady_window(root.tallies, drain_start);
    }
    return root;
}

}  // namespace zkload::engine
