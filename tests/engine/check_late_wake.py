#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""An open loop that the host runs late says so, and blames the host, not zkload. The zkload
binary runs eth_transfer/open/rate:500 against the null node while this script stops zkload
itself (SIGSTOP, then SIGCONT) for 100 ms every 500 ms: the way a busy hypervisor or an
overcommitted machine holds a process that sleeps on a timer. Each stop in the timed window makes
the ~50 starts due in it late, while the engine thread sleeps on its timer for the next start.
Checked on the row zkload wrote:
- `late` counts them (at least 100 over the row);
- `late_on_wake` puts at least 80% of them on the host (the thread slept on its timer for them
  and woke past their allowance; a stop that lands while the thread works is its own doing);
- the label says `the host woke the generator late`, with the latest wake-up at least 50 ms,
  unless the machine was saturated (then the label says that first);
- the ledger balances, nothing is lost, and everything offered is included.
Usage: check_late_wake.py ZKLOAD NULL_NODE"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

from check_soak_memory import RICH_KEY, ledger_of, start_null_node, stop

ROW = "eth_transfer/open/rate:500"
TXS = 3000  # six seconds of schedule
STOP_EVERY_S = 0.5
STOP_FOR_S = 0.1
TIME_LIMIT_S = 120
MACHINE_SATURATED_PCT = 90  # fixtures/host_metrics.hpp's kMachineSaturatedPct


def run_with_stops(zkload, url, out, log):
    run = subprocess.Popen(
        [zkload, "--rpc-url", url, "--tokens-per-wallet", "0", f"--benchmark_filter={ROW}/", "--txs", str(TXS),
         "--wallets", "200", "--threads", "1", f"--benchmark_out={out}"],
        env={**os.environ, "ZKLOAD_RICH_KEY": RICH_KEY}, stdout=subprocess.DEVNULL, stderr=log)
    began = time.monotonic()
    stops = 0
    try:
        while run.poll() is None:
            if time.monotonic() - began > TIME_LIMIT_S:
                sys.exit(f"zkload ran past {TIME_LIMIT_S} s")
            time.sleep(STOP_EVERY_S - STOP_FOR_S)
            try:
                os.kill(run.pid, signal.SIGSTOP)
            except ProcessLookupError:
                break
            try:
                time.sleep(STOP_FOR_S)
            finally:
                os.kill(run.pid, signal.SIGCONT)
            stops += 1
        run.wait(timeout=60)
    finally:
        if run.poll() is None:
            os.kill(run.pid, signal.SIGCONT)
        stop(run)
    return run.returncode, stops


def main(zkload, null_node):
    with tempfile.TemporaryDirectory() as workdir:
        out = os.path.join(workdir, "open.json")
        with open(os.path.join(workdir, "node.log"), "w") as node_log, \
                open(os.path.join(workdir, "zkload.log"), "w") as zkload_log:
            node, url = start_null_node(null_node, node_log)
            try:
                code, stops = run_with_stops(zkload, url, out, zkload_log)
            finally:
                stop(node)
        if code != 0:
            with open(os.path.join(workdir, "zkload.log")) as f:
                sys.exit(f"zkload exited {code}:\n{f.read()[-3000:]}")
        with open(out) as f:
            rows = [r for r in json.load(f)["benchmarks"] if r["name"].startswith(ROW + "/")]
    if len(rows) != 1 or rows[0].get("error_occurred") or rows[0].get("skipped"):
        sys.exit(f"the open-loop row did not run: {rows}")
    row = rows[0]
    late, on_wake = row["late"], row["late_on_wake"]
    label = row.get("label", "")
    print(f"{stops} stops of {STOP_FOR_S * 1000:.0f} ms; offered {row['offered']:,.0f}, late {late:,.0f}, "
          f"late_on_wake {on_wake:,.0f}, host_cpu_busy_pct {row['host_cpu_busy_pct']:.0f}")
    print(f"label: {label}")
    problems = []
    if late < 100:
        problems.append(f"only {late:.0f} late starts: the stops did not show")
    if on_wake < 0.8 * late:
        problems.append(f"late_on_wake {on_wake:.0f} is under 80% of late {late:.0f}: the host's stops were "
                        "put on zkload's work")
    if row["host_cpu_busy_pct"] < MACHINE_SATURATED_PCT:
        match = re.search(r"the host woke the generator late \(.*up to ([0-9.]+) ms late", label)
        if not match:
            problems.append("the label does not blame the host")
        elif float(match.group(1)) < 50:
            problems.append(f"the latest wake-up says {match.group(1)} ms, yet the process was held "
                            f"{STOP_FOR_S * 1000:.0f} ms at a time")
    ledger, balanced = ledger_of(row)
    if not balanced or ledger["included"] != TXS:
        problems.append(f"the ledger does not balance, lost some or did not include all {TXS}: {ledger}")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
