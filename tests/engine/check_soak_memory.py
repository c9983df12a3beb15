#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""zkload's memory does not grow with the transactions it sends: the zkload binary drives
2,000,000 transfers through a soak row against the null node (a loopback node that answers at
once and seals a block every 100 ms), and this script reads zkload's resident set from
/proc/<pid>/status at each of its progress lines. From the first 200,000 transactions in blocks to
the last tenth of the row (the median of its readings) the resident set may grow by less than
5 MB; a burst on the way (a generator that fell behind on a busy machine opens connections for
its catch-up, and frees them seconds later) may not rise more than 20 MB above the start. The
JSON must count every transaction in a block and none lost.
Usage: check_soak_memory.py ZKLOAD NULL_NODE [TXS]"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

ROW = "soak/eth_transfer/rate:20000"
AFTER = 200_000
LIMIT_MB = 5.0
BURST_LIMIT_MB = 20.0
TIME_LIMIT_S = 900
# Any key: the null node checks no signature and holds every balance.
RICH_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"
IN_BLOCKS = re.compile(r", ([\d,]+) / ([\d,]+) in blocks")
IN_FLIGHT = re.compile(r"in flight ([\d,]+)")


def ledger_of(row):
    """A load row's ledger, and whether it balances with none lost: every offered operation in
    exactly one of included, reverted, failed, lost and dropped (an open loop's start never made)."""
    ledger = {k: row.get(k, 0) for k in ("offered", "included", "reverted", "failed", "lost", "dropped")}
    settled = sum(v for k, v in ledger.items() if k != "offered")
    return ledger, ledger["lost"] == 0 and settled == ledger["offered"]


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def start_null_node(binary, log):
    node = subprocess.Popen([binary, "--port", "0"], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with open(log.name) as f:
            match = re.search(r"listening on (http://\S+)", f.read())
        if match:
            return node, match.group(1)
        if node.poll() is not None:
            break
        time.sleep(0.05)
    node.kill()
    sys.exit(f"the null node did not start: {open(log.name).read()[-2000:]}")


def stop(process):
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


def main(zkload, null_node, txs):
    with tempfile.TemporaryDirectory() as workdir:
        out = os.path.join(workdir, "soak.json")
        with open(os.path.join(workdir, "node.log"), "w") as node_log:
            node, url = start_null_node(null_node, node_log)
            try:
                curve = []  # (seconds, in blocks, rss MB)
                began = time.monotonic()
                run = subprocess.Popen(
                    [zkload, "--rpc-url", url, "--tokens-per-wallet", "0", f"--benchmark_filter={ROW}/",
                     "--txs", str(txs), "--wallets", "4000", "--threads", "2", "--progress", "always",
                     f"--benchmark_out={out}"],
                    env={**os.environ, "ZKLOAD_RICH_KEY": RICH_KEY}, stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE, text=True)
                tail = []
                try:
                    for line in run.stderr:
                        tail = (tail + [line])[-20:]
                        match = IN_BLOCKS.search(line)
                        if match and line.startswith(ROW):
                            curve.append((time.monotonic() - began, int(match.group(1).replace(",", "")),
                                          rss_mb(run.pid)))
                        if time.monotonic() - began > TIME_LIMIT_S:
                            sys.exit(f"zkload ran past {TIME_LIMIT_S} s")
                    run.wait(timeout=60)
                finally:
                    stop(run)
            finally:
                stop(node)
        if run.returncode != 0:
            sys.exit(f"zkload exited {run.returncode}:\n{''.join(tail)}")
        with open(out) as f:
            rows = [r for r in json.load(f)["benchmarks"] if r["name"].startswith(ROW + "/")]
    problems = []
    if len(rows) != 1 or rows[0].get("error_occurred"):
        sys.exit(f"the soak row did not run: {rows}")
    row = rows[0]
    if row["included"] != txs or row["lost"] != 0:
        problems.append(f"included {row['included']:.0f} of {txs}, lost {row['lost']:.0f}")
    after = [point for point in curve if point[1] >= AFTER]
    last_tenth = sorted(point[2] for point in curve if point[1] >= 0.9 * txs)
    if len(after) < 5 or not last_tenth:
        problems.append(f"only {len(after)} readings after {AFTER:,} transactions: {curve}")
    else:
        start_mb = after[0][2]
        peak_mb = max(point[2] for point in after)
        end_mb = last_tenth[len(last_tenth) // 2]
        print(f"resident set at {after[0][1]:,} in blocks: {start_mb:.1f} MB; in the last tenth (median): "
              f"{end_mb:.1f} MB (+{end_mb - start_mb:.2f} MB); highest after: {peak_mb:.1f} MB "
              f"(+{peak_mb - start_mb:.2f} MB); {curve[-1][0]:.0f} s")
        step = max(1, len(curve) // 10)
        print("curve (s, in blocks, MB): " + ", ".join(f"({t:.0f}, {n:,}, {mb:.1f})" for t, n, mb in curve[::step]))
        if end_mb - start_mb >= LIMIT_MB:
            problems.append(f"the resident set grew {end_mb - start_mb:.2f} MB after {AFTER:,} transactions "
                            f"(limit {LIMIT_MB} MB)")
        if peak_mb - start_mb >= BURST_LIMIT_MB:
            problems.append(f"a burst took the resident set {peak_mb - start_mb:.2f} MB above its level at "
                            f"{AFTER:,} transactions (limit {BURST_LIMIT_MB} MB)")
        print(f"the row's own figure: gen_rss_slope_mb_per_h {row.get('gen_rss_slope_mb_per_h')}")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 2_000_000))
