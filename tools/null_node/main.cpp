// SPDX-License-Identifier: Apache-2.0
// zkload-null-node: a loopback JSON-RPC server that takes transactions, seals blocks of their
// hashes and serves receipts, so the load generator's own ceiling can be measured without a
// real node in the way. Not a node simulator: no state, no execution, no signature checks.
//
//   zkload-null-node --port 0 [--host 127.0.0.1] [--block-time-ms 100] [--chain-id 31337]
//                    [--threads 1] [--max-blocks 1000] [--drop-ahead] [--drop-fraction F]
//                    [--seed N] [--reply-delay-max-us US]
//
// Prints `listening on http://127.0.0.1:<port>` once listening, serves until SIGTERM or SIGINT
// and exits 0 then; exits 2 for a usage error (a non-loopback host too), 1 when it cannot listen.
#include "admission.hpp"
#include "block_producer.hpp"
#include "chain_of_hashes.hpp"
#include "loopback_listener.hpp"
#include "rpc_dispatch.hpp"
#include "serving_loop.hpp"

#include <pthread.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <cstdint>
#include <exception>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace zkload::null_node;

namespace {

struct Options
{
    std::string host = "127.0.0.1";
    uint16_t port = 0;
    unsigned block_time_ms = 100;
    uint64_t chain_id = 31337;
    unsigned threads = 1;
    size_t max_blocks = 1000;
    AdmissionOptions admission;
    unsigned reply_delay_max_us = 0;
    bool batch_last_first = false;
};

/// Waits a random time up to `max_us` before a reply leaves (per serving thread, seeded by it),
/// so that a client's requests are answered out of the order it sent them.
void delay_reply(unsigned max_us, uint64_t seed)
{
    if (max_us == 0)
        return;
    thread_local std::mt19937_64 random(seed ^ std::hash<std::thread::id>{}(std::this_thread::get_id()));
    std::uniform_int_distribution<unsigned> delay(0, max_us);
    std::this_thread::sleep_for(std::chrono::microseconds(delay(random)));
}

/// Thousands of kept-alive connections need as many descriptors: take the hard limit.
void raise_descriptor_limit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

/// Serves on `threads` loops until SIGTERM or SIGINT; returns once every thread has ended.
void serve(const Options& options, const sigset_t& stop_signals)
{
    ChainOfHashes chain(unix_seconds_now(), RetentionLimits{.max_blocks = options.max_blocks});
    LoopbackListener listener(options.host, options.port);
    const int stop_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (stop_fd < 0)
        throw std::runtime_error("eventfd failed");
    const NodeIdentity identity{options.chain_id, "zkload-null-node/" ZKLOAD_VERSION};
    const bool admits = options.admission.drop_ahead || options.admission.drop_fraction > 0;
    Admission admission(options.admission);

    std::vector<std::unique_ptr<ServingLoop>> loops;
    for (unsigned i = 0; i < options.threads; ++i)
    {
        auto dispatcher = std::make_shared<RpcDispatcher>(chain, identity, admits ? &admission : nullptr,
                                                          options.batch_last_first);
        auto reply = std::make_shared<std::string>();
        const unsigned delay_us = options.reply_delay_max_us;
        const uint64_t seed = options.admission.seed + i;
        loops.push_back(std::make_unique<ServingLoop>(
            listener.fd(), stop_fd,
            [dispatcher, reply, delay_us, seed](std::string_view body) -> std::string_view
            {
                dispatcher->answer(body, *reply);
                delay_reply(delay_us, seed);
                return *reply;
            }));
    }
    BlockProducer producer(chain, std::chrono::milliseconds(options.block_time_ms));
    std::vector<std::thread> threads;
    for (auto& loop : loops)
        threads.emplace_back([&loop] { loop->run(); });

    std::cout << "listening on " << listener.url() << std::endl;

    int signal_number = 0;
    while (::sigwait(&stop_signals, &signal_number) != 0)
    {
    }
    const uint64_t one = 1;
    if (::write(stop_fd, &one, sizeof(one)) != sizeof(one))
        std::cerr << "zkload-null-node: could not wake the serving threads\n";
    producer.stop();
    for (auto& thread : threads)
        thread.join();
    ::close(stop_fd);
}

}  // namespace

int main(int argc, char** argv)
{
    Options options;
    CLI::App app{"zkload-null-node: a loopback JSON-RPC node that answers at once, for measuring "
                 "the load generator's own ceiling"};
    app.add_option("--host", options.host, "loopback address to listen on (127.0.0.0/8, ::1)")
        ->capture_default_str();
    app.add_option("--port", options.port, "TCP port; 0 picks a free one")->capture_default_str();
    app.add_option("--block-time-ms", options.block_time_ms, "milliseconds between blocks")
        ->check(CLI::Range(1u, 3'600'000u))
        ->capture_default_str();
    app.add_option("--chain-id", options.chain_id, "chain id to report")->capture_default_str();
    app.add_option("--threads", options.threads, "serving threads")
        ->check(CLI::Range(1u, 256u))
        ->capture_default_str();
    app.add_option("--max-blocks", options.max_blocks, "recent blocks kept in memory")
        ->check(CLI::Range(size_t{1}, size_t{1'000'000}))
        ->capture_default_str();
    app.add_flag("--drop-ahead", options.admission.drop_ahead,
                 "answer a transaction whose nonce is above its sender's next with its hash, then forget "
                 "it (a pool that never promotes future nonces); below it: nonce too low. Type 2 only");
    app.add_option("--drop-fraction", options.admission.drop_fraction,
                   "share of the transactions it would take that it answers with their hash and then forgets")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    app.add_flag("--batch-last-first", options.batch_last_first,
                 "handle a batch's requests from the last to the first (as a server that runs a batch's calls "
                 "concurrently may); replies keep the request order");
    app.add_option("--seed", options.admission.seed, "seed of the random drops and reply delays")
        ->capture_default_str();
    app.add_option("--reply-delay-max-us", options.reply_delay_max_us,
                   "wait a random time up to this before each reply (per serving thread; use --threads "
                   "to keep several requests in progress)")
        ->check(CLI::Range(0u, 10'000'000u))
        ->capture_default_str();
    app.set_version_flag("--version", "zkload-null-node " ZKLOAD_VERSION);
    try
    {
        app.parse(argc, argv);
    }
    catch (const CLI::ParseError& e)
    {
        return app.exit(e) == 0 ? 0 : 2;  // --help and --version exit 0, usage errors 2
    }

    // Every thread inherits this mask, so only sigwait below sees the stop signals.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    ::pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    ::signal(SIGPIPE, SIG_IGN);
    raise_descriptor_limit();
    try
    {
        serve(options, stop_signals);
    }
    catch (const NotLoopbackError& e)  // a usage error too
    {
        std::cerr << "zkload-null-node: error: " << e.what() << '\n';
        return 2;
    }
    catch (const std::exception& e)
    {
        std::cerr << "zkload-null-node: error: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
