// SPDX-License-Identifier: Apache-2.0
#include "cli.hpp"

#include "rpc/errors.hpp"
#include "safety/chain_guard.hpp"

#include <CLI/CLI.hpp>
#include <iterator>
#include <sstream>

namespace zkload::bench {
namespace {

std::string join(const std::vector<std::string>& words)
{
    std::string out;
    for (const auto& w : words)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

/// An http(s) URL with a host and, if any, a port of 1..65535: anything else would reach curl's
/// guesses (a host named "http", a lookup in DNS) instead of a clear usage error. The message
/// quotes the URL redacted (providers put API keys in it).
std::string rpc_url_problem(const std::string& url)
{
    const size_t scheme_end = url.find("://");
    const std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
    if (scheme != "http" && scheme != "https")
        return "\"" + rpc::redacted_url(url) + "\" is not an http:// or https:// URL";
    const size_t host_begin = scheme_end + 3;
    const size_t host_end = url.find_first_of("/?#", host_begin);
    std::string authority = url.substr(host_begin, host_end - host_begin);
    authority.erase(0, authority.rfind('@') + 1);
    const size_t colon = authority.rfind(':');
    const bool has_port =
        colon != std::string::npos && authority.find(']', colon) == std::string::npos;
    const std::string host = has_port ? authority.substr(0, colon) : authority;
    const std::string port = has_port ? authority.substr(colon + 1) : "";
    if (host.empty() || host == "[]")
        return "\"" + rpc::redacted_url(url) + "\" names no host";
    if (has_port && (port.empty() || port.size() > 5 ||
                     port.find_first_not_of("0123456789") != std::string::npos ||
                     std::stoul(port) == 0 || std::stoul(port) > 65535))
        return "\"" + rpc::redacted_url(url) + "\" has no valid port (1-65535)";
    return "";
}

std::vector<std::string> split_words(const std::string& text)
{
    std::istringstream in(text);
    return {std::istream_iterator<std::string>(in), std::istream_iterator<std::string>()};
}

}  // namespace

void add_flags(CLI::App& app, Flags& flags)
{
    add_bridge_flags(app, flags.bridge);
    app.add_option("--rpc-url", flags.node.rpc_url,
                   "JSON-RPC URL of the node to load (default: start the embedded anvil devnet "
                   "on a free loopback port)")
        ->check(CLI::Validator(rpc_url_problem, "URL"));
    app.add_option("--anvil", flags.node.devnet.anvil_path,
                   "anvil binary for the embedded devnet (default: $ZKLOAD_ANVIL, then the one "
                   "tools/bootstrap pinned, then anvil on PATH)");
    app.add_option("--devnet-args", flags.devnet_args,
                   "anvil flags for the embedded devnet, one quoted string that replaces the "
                   "defaults (\"" + join(DevnetOptions::load_defaults()) + "\")");
    app.add_option_function<int64_t>(
           "--rpc-timeout-ms", [&flags](int64_t ms) { flags.node.rpc_timeout = std::chrono::milliseconds(ms); },
           "timeout of one JSON-RPC request")
        ->check(CLI::Range(1, 3600000))->default_str(std::to_string(flags.node.rpc_timeout.count()));
    app.add_option("--progress", flags.progress,
                   "a line a second on stderr while a row runs or the pool is funded (row, elapsed against "
                   "its plan, offered/submitted/in-block rates, in flight, awaiting a block, failed, lost, ETA): "
                   "auto (when stderr is a terminal), always, never; never in the JSON")
        ->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
    app.add_flag("--version", flags.version, "print zkload's version and git sha, then exit");
    app.add_flag(std::string(safety::kAllowPublicChainFlag), flags.allow_public_chain,
                 "send transactions even though the node serves a public mainnet (Ethereum, "
                 "zkSync Era, ...): real money; without it zkload refuses with exit code 5");

    add_load_flags(app, flags.load, flags.node);

    auto* pool = "Wallet pool";
    app.add_option("--wallets", flags.wallets, "wallets in the pool")
        ->check(CLI::Range(1, 1'000'000))->capture_default_str()->group(pool);
    app.add_option("--seed", flags.seed, "name the pool's keys derive from (not a key)")
        ->capture_default_str()->group(pool);
    app.add_option("--rich-key-file", flags.rich_key_file,
                   "file holding the funder's private key (else $ZKLOAD_RICH_KEY; on the "
                   "embedded devnet anvil's first dev key)")
        ->check(CLI::ExistingFile)->group(pool);
    app.add_option("--fund-strategy", flags.fund_strategy, "auto, dev_rpc, multisend or tree")
        ->capture_default_str()->group(pool);
    app.add_option("--state-dir", flags.state_dir,
                   "folder of the per-chain pool state files (default: $ZKLOAD_STATE_DIR, "
                   "$XDG_CACHE_HOME/zkload or ~/.cache/zkload)")->group(pool);
    app.add_option("--txs-per-wallet", flags.txs_per_wallet,
                   "transactions each wallet must afford at the node's current fees (default: " +
                       std::to_string(kTxnsPerWallet) + "; " + std::to_string(kTxnsPerWalletOnDevnet) +
                       " on the embedded devnet funded by dev RPC, where balances are free)")
        ->check(CLI::Range(1, 10'000'000))->group(pool);
    app.add_option("--eth-per-wallet", flags.eth_per_wallet,
                   "wei each wallet holds (decimal or 0x hex), instead of the fee-based figure")
        ->group(pool);
    app.add_option("--tokens-per-wallet", flags.tokens_per_wallet, "whole tokens each wallet holds")
        ->check(CLI::Range(0, 1'000'000'000))->capture_default_str()->group(pool);
    auto* fund = app.add_flag("--fund", flags.fund, "fund (or verify) the pool, then exit")->group(pool);
    app.add_flag("--sweep", flags.sweep,
                 "return the pool's ETH and tokens to the funder, then exit")
        ->excludes(fund)->group(pool);
}

NodeOptions node_options(const Flags& flags)
{
    NodeOptions node = flags.node;
    node.devnet.args = flags.devnet_args.empty() ? DevnetOptions::load_defaults() : split_words(flags.devnet_args);
    return node;
}

PoolSettings pool_settings(const Flags& flags)
{
    const auto strategy = pool::parse_strategy(flags.fund_strategy);
    if (!strategy)
        throw CLI::ValidationError("--fund-strategy",
                                   "\"" + flags.fund_strategy + "\" is not one of auto, dev_rpc, multisend, tree");
    PoolSettings settings{
        .options = {.seed_name = flags.seed,
                    .size = flags.wallets,
                    .need = {.token = U256(flags.tokens_per_wallet) * U256(1'000'000'000'000'000'000ull)},
                    .strategy = *strategy,
                    .state_dir = flags.state_dir,
                    // --tokens-per-wallet 0: no token at all (a node without contracts, e.g. the null node)
                    .contracts = flags.tokens_per_wallet != 0
                                     ? std::vector<std::string>{std::string(kTokenContract)}
                                     : std::vector<std::string>{}},
        .txns_per_wallet = flags.txs_per_wallet,
        .fees_paid_by_paymaster = flags.load.paymaster.has_value(),
        .fee_token = flags.load.paymaster_token};
    if (!flags.rich_key_file.empty())
        settings.rich_key_file = flags.rich_key_file;
    if (!flags.eth_per_wallet.empty())
    {
        try
        {
            settings.eth_per_wallet = parse_u256(flags.eth_per_wallet);
        }
        catch (const std::invalid_argument& e)
        {
            throw CLI::ValidationError("--eth-per-wallet", e.what());
        }
    }
    return settings;
}

}  // namespace zkload::bench
