// SPDX-License-Identifier: Apache-2.0
#include "load_flags.hpp"

#include "engine/pinning.hpp"
#include "metrics/process_usage.hpp"
#include "operation_kind.hpp"
#include "zksync/eravm_artifact.hpp"

#include <CLI/CLI.hpp>
#include <charconv>
#include <sstream>

namespace zkload::bench {
namespace {

std::vector<unsigned> checked_cpus(const std::string& flag, const std::string& list)
{
    if (list.empty())
        return {};
    try
    {
        return engine::parse_cpu_list(list);
    }
    catch (const engine::CpuListError& e)
    {
        std::string message = e.what();
        if (flag != "--cpus" && message.starts_with("--cpus"))
            message.replace(0, 6, flag);
        throw CLI::ValidationError(flag, message);
    }
}

/// A flag that takes `auto` or a whole number in [low, high].
CLI::Validator auto_or_range(uint64_t low, uint64_t high)
{
    return CLI::Validator(
        [low, high](const std::string& value) -> std::string {
            if (value == "auto")
                return {};
            uint64_t n = 0;
            const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (error != std::errc() || end != value.data() + value.size() || n < low || n > high)
                return "expected auto or a whole number from " + std::to_string(low) + " to " + std::to_string(high) +
                       ", got '" + value + "'";
            return {};
        },
        "auto|" + std::to_string(low) + "-" + std::to_string(high));
}

/// --presign: auto, off, or a whole number of transactions.
CLI::Validator presign_value()
{
    const CLI::Validator number = auto_or_range(1, 10'000'000);
    return CLI::Validator(
        [number](std::string& value) -> std::string {
            if (value == "off")
                return {};
            const std::string error = number(value);
            return error.empty() ? error : "expected auto, off or a whole number from 1 to 10000000, got '" + value + "'";
        },
        "auto|off|1-10000000");
}

/// --mix "eth_transfer=70,erc20_transfer=20,swap=10": operation families and whole weights.
std::vector<MixPart> parse_mix(const std::string& text)
{
    std::vector<MixPart> parts;
    if (text.empty())
        return parts;
    const auto fail = [&](const std::string& why) {
        std::string known;
        for (const OperationKind* kind : operation_kinds())
            if (!kind->part_names && !kind->reads)
                known += (known.empty() ? "" : ", ") + kind->family;
        throw CLI::ValidationError("--mix", why + " (expected operation=weight,...; operations: " + known + ")");
    };
    size_t from = 0;
    while (from <= text.size())
    {
        const size_t comma = std::min(text.find(',', from), text.size());
        const std::string item = text.substr(from, comma - from);
        const size_t equals = item.find('=');
        if (equals == std::string::npos)
            fail("'" + item + "' has no weight");
        MixPart part{.operation = item.substr(0, equals)};
        const std::string weight = item.substr(equals + 1);
        uint64_t w = 0;
        const auto [end, error] = std::from_chars(weight.data(), weight.data() + weight.size(), w);
        if (error != std::errc() || end != weight.data() + weight.size() || w == 0 || w > 1'000'000)
            fail("the weight of " + part.operation + " is '" + weight + "', not a whole number from 1 to 1000000");
        const OperationKind* kind = find_operation_kind(part.operation);
        if (kind == nullptr || kind->part_names || kind->reads)
            fail("'" + part.operation + "' is not an operation a mix can take");
        for (const MixPart& earlier : parts)
            if (earlier.operation == part.operation)
                fail(part.operation + " appears twice");
        part.weight = static_cast<uint32_t>(w);
        parts.push_back(std::move(part));
        from = comma + 1;
    }
    return parts;
}

/// The number of an `auto_or_range` flag, none for auto.
std::optional<uint64_t> number_or_auto(const std::string& value)
{
    return value == "auto" ? std::nullopt : std::optional<uint64_t>(std::stoull(value));
}

std::chrono::milliseconds from_seconds(double seconds)
{
    return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

/// A duration as the seconds its flag takes, for --help's default.
std::string seconds_text(std::chrono::milliseconds ms)
{
    std::ostringstream out;
    out << std::chrono::duration<double>(ms).count();
    return out.str();
}

std::string auto_or_number_text(const std::optional<uint64_t>& value)
{
    return value ? std::to_string(*value) : "auto";
}

/// A flag whose value is an address; anything else is a usage error naming the flag.
CLI::Option* add_address_flag(CLI::App& app, const std::string& flag, std::optional<Address>& target,
                              const std::string& help)
{
    return app.add_option_function<std::string>(
        flag,
        [flag, &target](const std::string& v) {
            try
            {
                target = parse_address(v);
            }
            catch (const std::exception& e)
            {
                throw CLI::ValidationError(flag, std::string("not an address: ") + e.what());
            }
        },
        help);
}

}  // namespace

void add_load_flags(CLI::App& app, LoadSettings& s, NodeOptions& node)
{
    using std::chrono::milliseconds;
    auto* group = "Load engine";
    app.add_option_function<std::string>(
           "--cpus", [&s](const std::string& list) { s.cpus = checked_cpus("--cpus", list); },
           "cpus for the load generator, hwloc list syntax (2-5,8): one engine thread pinned to each "
           "(default: --threads unpinned threads)")
        ->group(group);
    app.add_option_function<std::string>(
           "--node-cpus", [&node](const std::string& list) { node.node_cpus = checked_cpus("--node-cpus", list); },
           "cpus to pin the embedded devnet to (same syntax)")
        ->group(group);
    app.add_option("--threads", s.threads, "engine threads when --cpus is not given")
        ->check(CLI::Range(1, 1024))->capture_default_str()->group(group);
    app.add_option("--txs", s.operations,
                   "operations per load row (over all threads); default: a write row runs until --steady-blocks "
                   "blocks followed the first holding its transactions, a read row " +
                       std::to_string(kReadOperations) + " operations")
        ->check(CLI::Range(uint64_t{1}, uint64_t{100'000'000}))->group(group);
    app.add_option_function<double>(
           "--duration", [&s](double seconds) { s.duration = from_seconds(seconds); },
           "seconds per load row; replaces --txs when given")
        ->check(CLI::Range(0.1, 86400.0))->group(group);
    app.add_option("--steady-blocks", s.steady_blocks,
                   "blocks of steady state a write row runs for when neither --txs nor --duration is given "
                   "(included_per_s is measured over them)")
        ->check(CLI::Range(uint64_t{2}, uint64_t{100'000}))->capture_default_str()->group(group);
    app.add_option_function<std::string>(
           "--rpc-batch", [&s](const std::string& v) { s.rpc_batch = number_or_auto(v); },
           "transactions per JSON-RPC request (a batch when above 1): a number (1-1000), or auto: up to " +
               std::to_string(kAutoBatch) +
               " where the node answers batches (a closed loop keeps at least 4 requests in flight), else 1; "
               "reads send one each")
        ->check(auto_or_range(1, 1000))->default_str(auto_or_number_text(s.rpc_batch))->group(group);
    app.add_option_function<std::string>(
           "--max-pending-per-wallet", [&s](const std::string& v) { s.max_pending_per_wallet = number_or_auto(v); },
           "transactions of one wallet awaiting a block: a number (1-1024), or auto: what the node "
           "allows (zkSync Era 50 nonces ahead, geth/reth 16 guaranteed slots, anvil any: 1024), "
           "shrinking when the node refuses a wallet for having too many")
        ->check(auto_or_range(1, 1024))->default_str(auto_or_number_text(s.max_pending_per_wallet))->group(group);
    app.add_option_function<std::string>(
           "--presign",
           [&s](const std::string& v) { s.presign = v == "off" ? std::optional<uint64_t>(0) : number_or_auto(v); },
           "transactions signed before each write row, so its timed window spends no CPU on signing "
           "(reported apart as presign_us_per_tx; what runs out is signed while sending): auto signs "
           "them where the node shares this machine and the amount is known (--txs, an open loop's rate, "
           "a closed loop at concurrency 64 or more after the ceiling row), off, or a number")
        ->check(presign_value())->default_str(auto_or_number_text(s.presign))->group(group);
    app.add_option("--max-in-flight", s.max_requests_per_thread, "HTTP requests in flight per engine thread")
        ->check(CLI::Range(uint64_t{1}, uint64_t{16384}))->capture_default_str()->group(group);
    app.add_option_function<double>(
           "--inclusion-timeout", [&s](double seconds) { s.inclusion_timeout = from_seconds(seconds); },
           "seconds after which an accepted transaction not in a block counts as lost")
        ->check(CLI::Range(1.0, 3600.0))->default_str(seconds_text(s.inclusion_timeout))->group(group);
    app.add_option_function<double>(
           "--rebroadcast-after", [&s](double seconds) { s.rebroadcast_after = from_seconds(seconds); },
           "seconds after which an accepted transaction not in a block is sent again with the same "
           "bytes (default 0: 3 block intervals as observed on the node, once it sealed 3 blocks without it)")
        ->check(CLI::Range(0.0, 3600.0))->group(group);
    app.add_option_function<std::string>(
           "--tx-type",
           [&s](const std::string& v) {
               s.tx_type = v == "auto"   ? std::nullopt
                           : v == "712" ? std::optional(engine::TxType::eip712)
                                        : std::optional(engine::TxType::eip1559);
           },
           "the envelope of the rows' transactions: 1559 (type 2), 712 (zkSync's 0x71, with its gas per "
           "pubdata and fees from zks_estimateFee once per row), or auto: 712 on a zkSync chain, else 1559. "
           "Contract creations go as type 2 (or as an EraVM deploy)")
        ->check(CLI::IsMember({"auto", "1559", "712"}))
        ->default_str("auto")
        ->group(group);
    add_address_flag(app, "--paymaster", s.paymaster,
                     "a paymaster that pays for the rows' 0x71 transactions through the general flow (zkSync "
                     "only): each carries its paymasterParams, the fee estimate names it, and the row's check "
                     "transaction validates it before the timed window (a paymaster that refuses fails the row "
                     "with the node's words)")
        ->group(group);
    add_address_flag(app, "--paymaster-token", s.paymaster_token,
                     "with --paymaster: the approval-based flow instead, the paymaster taking this token from the "
                     "sender (allowed up to the transaction's fee cap, max fee per gas x gas limit)")
        ->group(group);
    app.add_option("--stage-sample", s.stage_sample,
                   "share of each write row's transactions followed to finality after the row (at most 200): "
                   "on zkSync to commit, prove and execute on L1, elsewhere to the safe and finalized tags")
        ->check(CLI::Range(0.0, 1.0))->capture_default_str()->group(group);
    app.add_option_function<double>(
           "--stage-timeout", [&s](double seconds) { s.stage_timeout = from_seconds(seconds); },
           "seconds to wait after each write row for its sampled transactions to reach finality "
           "(commit_p50_s, …, safe_p50_s, …); 0 (the default) follows none: a stage takes seconds on a "
           "local chain and hours on a public one, so the wait is the user's to choose")
        ->check(CLI::Range(0.0, 86400.0))->default_str(seconds_text(s.stage_timeout))->group(group);
    app.add_option_function<std::string>(
           "--receipts",
           [&s](const std::string& v) {
               s.receipts = v == "live" ? engine::DriverConfig::Receipts::live : engine::DriverConfig::Receipts::deferred;
           },
           "when receipts (status, gas) are read: deferred, after each row's timed window (the node spends "
           "nothing on them while it is measured), or live, while the row runs")
        ->check(CLI::IsMember({"deferred", "live"}))
        ->default_str(s.receipts == engine::DriverConfig::Receipts::live ? "live" : "deferred")
        ->group(group);
    app.add_option_function<int64_t>(
           "--block-poll-ms", [&s](int64_t ms) { s.block_poll = milliseconds(ms); },
           "how often the block follower asks for new blocks")
        ->check(CLI::Range(1, 10000))->default_str(std::to_string(s.block_poll.count()))->group(group);
    app.add_option_function<int>(
           "--node-pid",
           [&node](int pid) {
               try
               {
                   metrics::read_process_usage(pid);
               }
               catch (const std::exception& e)
               {
                   throw CLI::ValidationError("--node-pid", e.what());
               }
               node.pid = pid;
           },
           "pid of a local node to measure (node_cpu_pct, node_rss_mb); the embedded devnet's is known")
        ->check(CLI::PositiveNumber)->group(group);
    app.add_option("--metrics-url", node.metrics_url,
                   "the node's Prometheus text endpoint, scraped around each row (zkSync dev configs: "
                   "http://127.0.0.1:3312/metrics)")
        ->group(group);
    app.add_option_function<std::string>(
           "--zksolc-artifact",
           [&s](const std::string& path) {
               try
               {
                   zksync::load_eravm_artifact(path);
               }
               catch (const zksync::ArtifactError& e)
               {
                   throw CLI::ValidationError("--zksolc-artifact", e.what());
               }
               s.zksolc_artifact = path;
           },
           "zksolc artifact (hardhat-zksync or foundry-zksync JSON) the deploy rows deploy on a zkSync "
           "chain as EraVM bytecode; without it they need the chain's EVM emulator")
        ->group(group);
    app.add_option("--slo-p99-ms", s.slo_p99_ms,
                   "capacity rows: the inclusion p99 a probe must stay under to pass (default 0: 3 block "
                   "intervals as observed on the node)")
        ->check(CLI::Range(0.0, 3'600'000.0))->group(group);
    app.add_option_function<double>(
           "--capacity-max-s", [&s](double seconds) { s.capacity_max = from_seconds(seconds); },
           "capacity rows: seconds a search may take; one out of time reports the highest rate that "
           "passed so far and says so in its label")
        ->check(CLI::Range(1.0, 86400.0))->default_str(seconds_text(s.capacity_max))->group(group);
    // Each operation's own flags, as its file declares them (fixtures/operations/*.cpp).
    for (const OperationKind* kind : operation_kinds())
    {
        for (const OperationOption& option : kind->options)
        {
            uint64_t& value = s.operation_options[option.flag];
            value = option.default_value;
            app.add_option("--" + option.flag, value, kind->family + " rows: " + option.help)
                ->check(CLI::Range(option.min, option.max))->capture_default_str()->group(group);
        }
    }
    app.add_option_function<std::string>(
           "--mix", [&s](const std::string& text) { s.mix = parse_mix(text); },
           "mix rows (mix/closed/concurrency:N, mix/open/rate:R): operations and their weights, e.g. "
           "eth_transfer=70,erc20_transfer=20,swap=10; each transaction is one of them, drawn by weight; "
           "the rows count each apart (<op>_included_per_s, <op>_incl_p99_ms)")
        ->group(group);
    app.add_flag("--poisson", s.poisson, "open loop: Poisson arrivals instead of a constant rate")->group(group);
}

}  // namespace zkload::bench
