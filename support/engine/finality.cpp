// SPDX-License-Identifier: Apache-2.0
#include "engine/finality.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <thread>

namespace zkload::engine {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

/// A block field the node gives as a JSON number (zks_getBlockDetails) or a quantity (eth_).
std::optional<uint64_t> number_of(const json& value)
{
    if (value.is_number_unsigned())
        return value.get<uint64_t>();
    if (value.is_string())
        return parse_quantity(value.get<std::string>());
    return std::nullopt;
}

/// The stage of that name in the result, added (in the order first asked) if it is not there yet.
StageFigures& stage_named(FinalityResult& result, std::string_view name)
{
    for (StageFigures& stage : result.stages)
        if (stage.name == name)
            return stage;
    return result.stages.emplace_back(StageFigures{.name = std::string(name)});
}

void record(StageFigures& stage, double seconds, uint64_t transactions)
{
    const uint64_t micros = seconds <= 0 ? 0 : static_cast<uint64_t>(std::llround(seconds * 1e6));
    for (uint64_t i = 0; i < transactions; ++i)
        stage.micros.record(micros);
}

/// The longest pause between polls: a stage that takes hours (a public chain's execute) is then
/// polled about once a minute, not once a second.
constexpr std::chrono::milliseconds kLongestPoll{60'000};

/// How the pause between polls grows: on zkSync the node dates each stage itself, so the pause
/// doubles (few calls); on an EVM chain the poll dates it, so the pause stays within 5% of the
/// time waited so far (the time's precision).
enum class Pace
{
    doubling,
    within_5_percent,
};

/// Sleeps until the next poll; false when the deadline passed or the run was stopped first.
bool wait_for_next_poll(Clock::time_point began, Clock::time_point deadline, Pace pace, std::chrono::milliseconds& poll,
                        const std::atomic<bool>* stop)
{
    const auto next = std::min(Clock::now() + poll, deadline);
    if (pace == Pace::doubling)
        poll = std::min(poll * 2, kLongestPoll);
    else
        poll = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>((next - began) / 20), poll, kLongestPoll);
    while (Clock::now() < next)
    {
        if (stop != nullptr && stop->load())
            return false;
        std::this_thread::sleep_for(std::min<Clock::duration>(std::chrono::milliseconds(50), next - Clock::now()));
    }
    return Clock::now() < deadline && (stop == nullptr || !stop->load());
}

/// zkSync: each sampled block's details until it was executed on L1. False, with nothing
/// recorded, when the node does not serve zks_getBlockDetails (its first answer is no object).
bool follow_zksync(rpc::Client& client, const std::vector<BlockCount>& samples, const FinalityOptions& options,
                   Clock::time_point deadline, const std::atomic<bool>* stop, FinalityResult& result)
{
    static constexpr std::array<const char*, 3> kFields = {"committedAt", "provenAt", "executedAt"};
    struct Followed
    {
        BlockCount sample;
        std::array<bool, 3> reached{};
    };
    auto poll = options.poll;
    const auto began = Clock::now();
    std::vector<Followed> pending;
    for (const BlockCount& sample : samples)
        pending.push_back({sample});
    do
    {
        std::vector<rpc::Call> calls;
        for (const Followed& f : pending)
            calls.emplace_back("zks_getBlockDetails", json::array({f.sample.block}));
        std::vector<rpc::Reply> replies;
        if (result.stages.empty())
        {
            // The first call alone: an EVM node answers it with "method not found", and the rest
            // are not asked.
            ++result.requests;
            replies.push_back(client.call(calls.front().first, calls.front().second));
            if (!replies.front().ok() || !replies.front().result.is_object())
                return false;
            result.stages = {{.name = "commit"}, {.name = "prove"}, {.name = "execute"}};
            calls.erase(calls.begin());
        }
        result.requests += calls.size();
        if (!calls.empty())
        {
            std::vector<rpc::Reply> rest = client.batch(calls);
            replies.insert(replies.end(), std::make_move_iterator(rest.begin()), std::make_move_iterator(rest.end()));
        }
        for (size_t i = 0; i < pending.size() && i < replies.size(); ++i)
        {
            const rpc::Reply& reply = replies[i];
            if (!reply.ok() || !reply.result.is_object())
                continue;
            const auto timestamp = number_of(reply.result.value("timestamp", json()));
            if (!timestamp)
                continue;
            for (size_t stage = 0; stage < kFields.size(); ++stage)
            {
                const json at = reply.result.value(kFields[stage], json());
                const auto seconds = at.is_string() ? parse_utc_seconds(at.get<std::string>()) : std::nullopt;
                if (pending[i].reached[stage] || !seconds)
                    continue;
                pending[i].reached[stage] = true;
                record(result.stages[stage], *seconds - static_cast<double>(*timestamp), pending[i].sample.transactions);
            }
        }
        std::erase_if(pending, [](const Followed& f) { return f.reached.back(); });
    } while (!pending.empty() && wait_for_next_poll(began, deadline, Pace::doubling, poll, stop));
    return true;
}

/// An EVM chain: the safe and finalized tags, as far as the node serves them (a tag its first
/// answer does not give is dropped). Each round asks only for the tags some sample still awaits.
void follow_tags(rpc::Client& client, const std::vector<BlockCount>& samples, const FinalityOptions& options,
                 Clock::time_point deadline, const std::atomic<bool>* stop, FinalityResult& result)
{
    struct Tag
    {
        const char* name;
        std::vector<bool> reached;
        bool asked = false;
        bool served = true;
    };
    std::vector<Tag> tags = {{"safe", std::vector<bool>(samples.size())},
                             {"finalized", std::vector<bool>(samples.size())}};
    auto poll = options.poll;
    const auto began = Clock::now();
    const auto awaited = [](const Tag& tag) {
        return tag.served && !std::ranges::all_of(tag.reached, [](bool r) { return r; });
    };
    do
    {
        for (Tag& tag : tags)
        {
            if (!awaited(tag))
                continue;
            ++result.requests;
            const rpc::Reply reply = client.call("eth_getBlockByNumber", json::array({tag.name, false}));
            const auto head = reply.ok() && reply.result.is_object() ? number_of(reply.result.value("number", json()))
                                                                     : std::nullopt;
            const bool first = !std::exchange(tag.asked, true);
            if (!head)
            {
                tag.served = tag.served && !first;  // a later miss is a hiccup, not a tag it lacks
                continue;
            }
            const auto now = Clock::now();
            StageFigures& stage = stage_named(result, tag.name);  // served: reported, reached or not
            for (size_t i = 0; i < samples.size(); ++i)
            {
                if (tag.reached[i] || samples[i].block > *head)
                    continue;
                tag.reached[i] = true;
                record(stage, std::chrono::duration<double>(now - samples[i].seen_at).count(), samples[i].transactions);
            }
        }
    } while (std::ranges::any_of(tags, awaited) &&
             wait_for_next_poll(began, deadline, Pace::within_5_percent, poll, stop));
}

}  // namespace

std::vector<BlockCount> sample_for_stages(std::span<const BlockCount> blocks, double fraction, uint64_t max_samples)
{
    std::vector<BlockCount> samples;
    if (!(fraction > 0) || max_samples == 0)
        return samples;
    const auto stride = static_cast<uint64_t>(std::ceil(1.0 / std::min(fraction, 1.0)));
    uint64_t seen = 0;  // transactions of the row before this block
    uint64_t taken = 0;
    for (const BlockCount& block : blocks)
    {
        // Sampled: the transactions at positions 0, stride, 2·stride, … of the whole row.
        const uint64_t first = (seen + stride - 1) / stride;
        const uint64_t end = (seen + block.transactions + stride - 1) / stride;
        const uint64_t here = std::min(end - first, max_samples - taken);
        if (here > 0)
            samples.push_back({block.block, here, block.seen_at});
        taken += here;
        seen += block.transactions;
        if (taken == max_samples)
            break;
    }
    return samples;
}

FinalityResult follow_finality(const rpc::ClientOptions& rpc, const std::vector<BlockCount>& samples,
                               const FinalityOptions& options, const std::atomic<bool>* stop)
{
    FinalityResult result;
    for (const BlockCount& sample : samples)
        result.samples += sample.transactions;
    if (samples.empty())
        return result;
    rpc::Client client(rpc);
    const auto deadline = Clock::now() + options.timeout;
    try
    {
        if (!follow_zksync(client, samples, options, deadline, stop, result))
            follow_tags(client, samples, options, deadline, stop, result);
    }
    catch (const std::exception&)
    {
        // The node stopped answering: the stages found so far stand.
    }
    return result;
}

std::optional<double> parse_utc_seconds(std::string_view text)
{
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+00:00)
    const auto digits = [&](size_t at, size_t n) -> std::optional<int> {
        int value = 0;
        if (at + n > text.size())
            return std::nullopt;
        const auto [end, error] = std::from_chars(text.data() + at, text.data() + at + n, value);
        if (error != std::errc() || end != text.data() + at + n)
            return std::nullopt;
        return value;
    };
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') ||
        text[13] != ':' || text[16] != ':')
        return std::nullopt;
    const auto year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
    const auto hour = digits(11, 2), minute = digits(14, 2), second = digits(17, 2);
    if (!year || !month || !day || !hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 60)
        return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                                           std::chrono::day(static_cast<unsigned>(*day))};
    if (!date.ok())
        return std::nullopt;
    size_t at = 19;
    double fraction = 0;
    if (at < text.size() && text[at] == '.')
    {
        double scale = 0.1;
        ++at;
        const size_t first_digit = at;
        for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, scale /= 10)
            fraction += (text[at] - '0') * scale;
        if (at == first_digit)
            return std::nullopt;
    }
    const std::string_view zone = text.substr(at);
    if (zone != "Z" && zone != "+00:00")
        return std::nullopt;
    const auto days = std::chrono::sys_days(date).time_since_epoch().count();
    return static_cast<double>(days) * 86400.0 + *hour * 3600.0 + *minute * 60.0 + *second + fraction;
}

}  // namespace zkload::engine
