#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Shape test of the load rows' JSON (google/benchmark "output test" style): every row that
sends or reads has the documented counters, open-loop rows their own, the context names the
generator and the node, and the ledger adds up."""
import json
import sys

WRITE_COUNTERS = ["offered", "submitted", "included", "submitted_per_s", "included_per_s", "failed",
                  "reverted", "lost", "nonce_resyncs", "gas_per_s", "gen_cpu_us_per_tx", "threads",
                  "gen_cpu_pct", "node_cpu_pct", "node_rss_mb", "included_per_s_total", "steady_blocks",
                  "rebroadcasts", "max_pending_per_wallet", "receipts_s", "receipts_read", "rpc_batch"]
LATENCY = [f"{kind}_{p}_{unit}" for kind, unit in (("ack", "us"), ("incl", "ms"))
           for p in ("p50", "p90", "p99", "p999")]
READ_COUNTERS = ["offered", "submitted", "included", "included_per_s", "failed", "ack_p50_us", "ack_p999_us"]
OPEN_COUNTERS = ["offered_per_s", "late", "dropped"]
CONTEXT = ["zkload_version", "zkload_git_sha", "node_client_version", "chain_id", "chain_kind",
           "block_gas_limit", "devnet_flags", "generator_threads", "generator_cpus",
           "generator_cpus_allowed", "node_binding"]


def check_row(name, row, expected_ops, ceiling_ran):
    problems = []
    if row.get("error_occurred"):
        return [f"{name} errored: {row.get('error_message')}"]
    reads = name.startswith("rpc/")
    ceiling = name.startswith("ceiling/")
    wanted = READ_COUNTERS if reads else WRITE_COUNTERS + ([] if ceiling else LATENCY)
    if ceiling_ran and name.startswith("eth_transfer/"):
        wanted = wanted + ["pct_of_ceiling"]  # the ceiling row ran first in the same process
    if "/open/" in name:
        wanted = wanted + OPEN_COUNTERS
    problems += [f"{name} lacks {c}" for c in wanted if c not in row]
    if problems:
        return problems
    if row["included"] != expected_ops or row["offered"] != expected_ops:
        problems.append(f"{name}: offered {row['offered']}, included {row['included']}, want {expected_ops}")
    settled = row["included"] + row.get("reverted", 0) + row.get("lost", 0) + row["failed"] + row.get("dropped", 0)
    if row["offered"] != settled:
        problems.append(f"{name}: ledger does not add up")
    if row["time_unit"] != "us" or not row["real_time"] > 0:
        problems.append(f"{name}: no manual time per included operation")
    # Time per operation is the inverse of the included rate.
    if abs(row["real_time"] * 1e-6 * row["included_per_s"] - 1) > 0.01:
        problems.append(f"{name}: time {row['real_time']} us is not 1/included_per_s {row['included_per_s']}")
    if not ceiling and not 0 < row["ack_p50_us"] <= row["ack_p999_us"]:
        problems.append(f"{name}: ack percentiles not ordered")
    # On the embedded devnet (this machine) --presign auto signs every one of --txs before the
    # window, and reports their cost apart, inside the total.
    if not reads:
        if row.get("presigned") != expected_ops:
            problems.append(f"{name}: presigned {row.get('presigned')}, want all {expected_ops}")
        elif not 0 < row.get("presign_us_per_tx", 0) < row["gen_cpu_us_per_tx"]:
            problems.append(f"{name}: presign_us_per_tx {row.get('presign_us_per_tx')} is not part of "
                            f"gen_cpu_us_per_tx {row['gen_cpu_us_per_tx']}")
    return problems


def main(path, expected_ops, *names):
    with open(path) as f:
        doc = json.load(f)
    problems = [f"context lacks {k}" for k in CONTEXT if k not in doc["context"]]
    rows = {row["name"]: row for row in doc["benchmarks"]}
    for name in names:
        row = rows.get(name + "/iterations:1/manual_time")
        if row is None:
            problems.append(f"row missing: {name} (have {sorted(rows)})")
            continue
        problems += check_row(name, row, int(expected_ops), "ceiling/eth_transfer" in names)
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(names)} rows checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
