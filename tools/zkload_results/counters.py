# SPDX-License-Identifier: Apache-2.0
"""Every counter zkload writes, in one table: its name (a pattern where a part varies), which way
is better (compare reads it), and what it is. The binary's output is tested against it (a counter
it writes that the table lacks fails tests/tools/check_counter_table.py), and so is the README's
list of counters."""
import re

HIGHER, LOWER, INFO = "higher", "lower", None

# Placeholders in a name and what each stands for.
PARTS = {
    "<pNN>": r"(p50|p90|p99|p999)",
    "<class>": r"[a-z0-9_]+",
    "<stage>": r"[a-z0-9]+(_[a-z0-9]+)*",
    "<op>": r"[a-z0-9]+(_[a-z0-9]+)*",
    "<unit>": r"(ns|us|ms|s)",
    "NN": r"\d\d",
}

# (name, direction, meaning)
TABLE = (
    # Google Benchmark's own time columns (per included operation in zkload's load rows).
    ("real_time", LOWER, "wall time per operation (load rows: per included transaction)"),
    ("cpu_time", LOWER, "the main thread's CPU time per operation"),
    # Load rows: the ledger.
    ("offered", INFO, "operations the row started"),
    ("submitted", INFO, "operations the node answered"),
    ("included", INFO, "transactions in a block with status 1 (reads: answered)"),
    ("failed", LOWER, "operations the node refused or that failed in transport"),
    ("failed_<class>", LOWER, "failures of one class (transport, timeout, nonce_too_low, pool_full, ...)"),
    ("reverted", LOWER, "transactions in a block with status 0"),
    ("lost", LOWER, "accepted transactions not in a block after --inclusion-timeout"),
    ("late", LOWER, "open loop: starts more than their allowance after the intended time"),
    ("late_on_wake", INFO, "open loop: of late, starts due while the generator slept on its timer for them and "
                           "the host woke it past their allowance (the host's scheduling, not zkload's work)"),
    ("dropped", LOWER, "open loop: due starts never made before the row ended"),
    ("behind_idle_pct", INFO, "open loop: of the time behind its schedule, the share the generator sat idle waiting "
                              "for a wallet or request slot (the rest it was busy)"),
    ("rebroadcasts", LOWER, "transactions sent again with the same bytes"),
    ("send_timeouts", LOWER, "sends the node did not answer within the RPC timeout (kept as sent: they end "
                             "included or lost, never failed)"),
    ("nonce_resyncs", LOWER, "times a wallet's nonce was read again from the node"),
    # Load rows: rates, latencies, costs.
    ("submitted_per_s", HIGHER, "answers per second while sending"),
    ("included_per_s", HIGHER, "included per second over the steady window (else the whole row)"),
    ("included_per_s_total", HIGHER, "included per second, first send to last inclusion"),
    ("offered_per_s", INFO, "open loop: the rate asked for"),
    ("gas_per_s", HIGHER, "gas of included transactions per second"),
    ("ack_<pNN>_us", LOWER, "send to the node's answer"),
    ("incl_<pNN>_ms", LOWER, "send (open loop: intended send) to the block holding it"),
    ("gen_cpu_us_per_tx", LOWER, "zkload's CPU per included operation, signing included"),
    ("presign_us_per_tx", LOWER, "of that, signing before the window"),
    ("pct_of_ceiling", HIGHER, "included_per_s as a share of ceiling/<op> in the same run"),
    # Load rows: settings as the row ran them.
    ("steady_blocks", INFO, "block intervals the steady window spans"),
    ("max_pending_per_wallet", INFO, "the per-wallet pending cap the row ended with"),
    ("rpc_batch", INFO, "the most transactions one JSON-RPC request carries"),
    ("ops_per_request", INFO, "operations per request as sent (an open loop batches the starts due together)"),
    ("threads", INFO, "engine threads"),
    ("presigned", INFO, "transactions signed before the window"),
    ("receipts_read", INFO, "receipts read after the window (deferred receipts)"),
    ("receipts_s", INFO, "seconds spent reading them, outside the row's time"),
    ("receipts_missing", INFO, "receipts asked for after the window that the node no longer had (counted "
                               "included, no status)"),
    # Finality stages (--stage-timeout): a sample of a write row's transactions, after the row.
    ("stage_samples", INFO, "transactions followed to finality after the row (--stage-sample)"),
    ("stage_requests", INFO, "JSON-RPC calls that following took, after the row"),
    ("<stage>_reached", INFO, "followed transactions that reached the stage (commit, prove, execute on zkSync; "
                              "safe, finalized elsewhere) within --stage-timeout"),
    # MPI runs (mpirun -np N): rank 0 merges the ranks' rows.
    ("mpi_merge_ms", INFO, "rank 0's time to gather and merge the ranks' results once every rank is done, "
                           "after the row"),
    # Host metrics, every node row.
    ("gen_cpu_pct", INFO, "zkload's CPU over the window, 100 = one core"),
    ("gen_rss_mb", INFO, "zkload's peak resident set"),
    ("host_cpu_busy_pct", INFO, "the whole machine's CPU over the window, all cores, 0-100 (at least zkload's "
                                "and the node's)"),
    ("host_sign_us", INFO, "the machine's speed before the row: µs per EIP-1559 signature, fastest of 20 "
                           "batches of 50"),
    ("node_cpu_pct", INFO, "the node process's CPU over the window"),
    ("node_rss_mb", INFO, "the node process's peak resident set"),
    ("node_processed_per_s", HIGHER, "--metrics-url: transactions the state keeper processed per second"),
    ("node_mempool_added_per_s", HIGHER, "--metrics-url: transactions added to the mempool per second"),
    ("node_mempool_size", INFO, "--metrics-url: mempool size at the row's end"),
    ("node_web3_calls_per_s", HIGHER, "--metrics-url: API calls served per second"),
    ("node_web3_call_mean_ms", LOWER, "--metrics-url: mean API call time"),
    # Capacity rows.
    ("capacity_per_s", HIGHER, "the highest offered rate that passed"),
    ("capacity_included_per_s", HIGHER, "included per second at that rate"),
    ("capacity_incl_p99_ms", INFO, "inclusion p99 at that rate"),
    ("capacity_slo_p99_ms", INFO, "the p99 objective a probe had to meet"),
    ("capacity_bracket_pct", INFO, "how far the lowest failing rate lies above the capacity"),
    ("probes", INFO, "probes run"),
    ("search_s", INFO, "seconds the search took"),
    ("probeNN_offered_per_s", INFO, "a probe's rate"),
    ("probeNN_included_per_s", INFO, "a probe's steady included rate"),
    ("probeNN_incl_p99_ms", INFO, "a probe's inclusion p99"),
    ("probeNN_steady_blocks", INFO, "a probe's steady window in blocks"),
    ("probeNN_passed", INFO, "1 when the probe passed"),
    ("probeNN_retried", INFO, "1 when the probe failed but an earlier one disproved it, so its rate ran again"),
    ("probeNN_late_for_wallets_pct", INFO, "a probe's starts late while no wallet was free to send (each "
                                           "awaited the node's answer), percent of its starts"),
    ("probeNN_pool_bound", INFO, "1 when the probe failed with more than 1% of its starts late waiting for a free "
                                 "wallet: the pool, at the node's answer time, could not offer the rate"),
    # Soak rows.
    ("soak_s", INFO, "the soak's planned length"),
    ("minutes", INFO, "whole minutes measured"),
    ("late_pct", LOWER, "starts later than their allowance, percent of starts"),
    ("gen_rss_slope_mb_per_h", LOWER, "zkload's resident set trend after the first 10% (least squares)"),
    ("node_rss_slope_mb_per_h", LOWER, "the node process's resident set trend after the first 10%"),
    ("worst_minute_included_per_s", HIGHER, "the whole minute with the fewest inclusions (the first only when alone)"),
    ("worst_minute_incl_p99_ms", LOWER, "the whole minute with the highest inclusion p99"),
    ("sampleNN_t_s", INFO, "a point of the curve: seconds since the start"),
    ("sampleNN_included_per_s", INFO, "a point: inclusions per second since the previous point"),
    ("sampleNN_incl_p99_ms", INFO, "a point: the worst inclusion p99 of the minutes that ended since the previous"),
    ("sampleNN_gen_rss_mb", INFO, "a point: zkload's resident set"),
    ("sampleNN_gen_cpu_pct", INFO, "a point: zkload's CPU since the previous point"),
    ("sampleNN_node_rss_mb", INFO, "a point: the node's resident set"),
    ("sampleNN_node_cpu_pct", INFO, "a point: the node's CPU since the previous point"),
    # Funding rows.
    ("transactions", INFO, "transactions the funding sent"),
    ("wallets", INFO, "wallets funded"),
    ("wallets_per_s", HIGHER, "wallets funded and verified per second"),
    # Bridge rows.
    ("completed", INFO, "deposits or withdrawals that went through every stage"),
    ("<stage>_<pNN>_<unit>", LOWER, "latency of one stage (bridge rows: l1_incl_ms, l2_exec_ms, proof_s, "
                                    "finalize_s, ...; finality stages: commit_p50_s, ..., from the block's "
                                    "timestamp)"),
    ("<stage>_gas", INFO, "mean gas of one step (l1_gas, l2_gas, approve_gas, finalize_gas)"),
    # Micro rows.
    ("bytes_per_second", HIGHER, "micro: bytes processed per second"),
    ("items_per_second", HIGHER, "micro: items processed per second"),
    ("connections", INFO, "micro rpc: connections used"),
    # Mix rows, last: <op> would also match the probes' and curve points' names above, which the
    # first match keeps informational.
    ("<op>_included", INFO, "mix rows: the operation's transactions included with status 1"),
    ("<op>_reverted", INFO, "mix rows: the operation's transactions in blocks with status 0"),
    ("<op>_included_per_s", HIGHER, "mix rows: the operation's share of included_per_s"),
    ("<op>_incl_p50_ms", LOWER, "mix rows: the operation's inclusion latency, median"),
    ("<op>_incl_p99_ms", LOWER, "mix rows: the operation's inclusion latency, 99th percentile"),
)


def _compile(name):
    pattern = re.escape(name)
    for part, regex in PARTS.items():
        pattern = pattern.replace(re.escape(part), regex)
    return re.compile(f"^{pattern}$")


_EXACT = {name: (direction, meaning) for name, direction, meaning in TABLE if not any(p in name for p in PARTS)}
_PATTERNS = [(_compile(name), name, direction) for name, direction, _ in TABLE if any(p in name for p in PARTS)]


def entry(metric):
    """(table name, direction) of a counter, or None when the table does not know it."""
    if metric in _EXACT:
        return metric, _EXACT[metric][0]
    for regex, name, direction in _PATTERNS:
        if regex.match(metric):
            return name, direction
    return None
