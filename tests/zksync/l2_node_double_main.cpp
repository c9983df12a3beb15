// SPDX-License-Identifier: Apache-2.0
// zkload-l2-double: the L2 test double (l2_node_double.hpp) as a process, so the zkload binary
// can run its bridge rows against the real L1 contracts in anvil on one side and the double on
// the other, and its load rows' 0x71 transactions against the double alone. Not a zkSync node. Listens on a free 127.0.0.1 port, prints its URL on one line,
// serves until SIGTERM or SIGINT (or --max-lifetime-s), then stops its threads and exits 0.
#include "l1_bridge_anvil.hpp"
#include "l2_node_double.hpp"

#include <CLI/CLI.hpp>

#include <signal.h>

#include <iostream>

namespace {

using namespace zkload;

std::optional<std::chrono::milliseconds> delay_or_never(int64_t ms)
{
    if (ms < 0)
        return std::nullopt;
    return std::chrono::milliseconds(ms);
}

/// Waits for SIGTERM or SIGINT (blocked in every thread, taken here), at most `lifetime`.
void wait_for_stop(const sigset_t& stop_signals, std::chrono::seconds lifetime)
{
    const auto deadline = std::chrono::steady_clock::now() + lifetime;
    const timespec second{1, 0};
    while (std::chrono::steady_clock::now() < deadline)
        if (sigtimedwait(&stop_signals, nullptr, &second) > 0)
            return;
}

std::vector<Address> parse_addresses(const std::vector<std::string>& texts)
{
    std::vector<Address> out;
    for (const std::string& text : texts)
        out.push_back(parse_address(text));
    return out;
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"zkload-l2-double: a test double of a zkSync Era L2 node (not a node) for the "
                 "bridge rows, on a free 127.0.0.1 port; prints its URL"};
    std::string l1_url;
    std::string bridgehub = to_hex(test::kBridgehub);
    std::string asset_router = to_hex(test::kAssetRouter);
    std::string diamond_proxy = to_hex(test::kDiamondProxy);
    int64_t execute_ms = 300;
    int64_t finalize_ms = 400;
    int64_t prove_ms = 200;
    int64_t lifetime_s = 900;
    std::string starting_balance = "0";
    std::vector<std::string> rich_accounts;
    app.add_option("--rich-account", rich_accounts,
                   "only this address holds --starting-balance (repeatable; none: every address does)");
    std::string token;
    app.add_option("--token", token, "an ERC20 the double keeps a ledger of: balanceOf and transfer; the "
                                     "--rich-account addresses hold --starting-balance of it");
    uint64_t gas_per_pubdata = test::L2NodeDouble::Config{}.gas_per_pubdata_price;
    app.add_option("--l1-rpc-url", l1_url, "the L1 whose NewPriorityRequest logs the double "
                                           "executes (anvil with the v29 state); none: no deposits");
    app.add_option("--starting-balance", starting_balance,
                   "wei every address holds before deposits (load rows: their wallets need no funding)")
        ->capture_default_str();
    app.add_option("--gas-per-pubdata", gas_per_pubdata, "zks_gasPerPubdata's answer")->capture_default_str();
    std::string paymaster;
    app.add_option("--paymaster", paymaster, "the one paymaster that validates (none: every one is refused)");
    app.add_option("--bridgehub", bridgehub, "zks_getBridgehubContract's answer")->capture_default_str();
    app.add_option("--l1-asset-router", asset_router, "zks_getBridgeContracts' L1 shared bridge")
        ->capture_default_str();
    app.add_option("--diamond-proxy", diamond_proxy, "whose logs on L1 are priority requests")
        ->capture_default_str();
    app.add_option("--execute-after-ms", execute_ms, "priority op → L2 receipt (-1: never)")
        ->capture_default_str();
    app.add_option("--finalize-after-ms", finalize_ms, "L2 send → block finalized (-1: never)")
        ->capture_default_str();
    app.add_option("--prove-after-ms", prove_ms, "finalized → log proof (-1: never)")->capture_default_str();
    app.add_option("--max-lifetime-s", lifetime_s, "exit by itself after this long")
        ->check(CLI::Range(1, 86400))->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // before any thread starts
    try
    {
        test::L2NodeDouble node({.bridgehub = parse_address(bridgehub),
                                 .l1_shared_bridge = parse_address(asset_router),
                                 .execute_after = delay_or_never(execute_ms),
                                 .finalize_after = delay_or_never(finalize_ms),
                                 .prove_after = delay_or_never(prove_ms),
                                 .l1_url = l1_url,
                                 .diamond_proxy = parse_address(diamond_proxy),
                                 .require_funds = true,
                                 .starting_balance = parse_u256(starting_balance),
                                 .rich_accounts = parse_addresses(rich_accounts),
                                 .token = token.empty() ? std::nullopt : std::optional(parse_address(token)),
                                 .gas_per_pubdata_price = gas_per_pubdata,
                                 .paymaster = paymaster.empty() ? std::nullopt
                                                                : std::optional(parse_address(paymaster))});
        std::cout << node.url() << std::endl;
        wait_for_stop(stop_signals, std::chrono::seconds(lifetime_s));
    }
    catch (const std::exception& e)
    {
        std::cerr << "zkload-l2-double: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
