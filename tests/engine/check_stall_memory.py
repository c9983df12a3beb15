#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""What a stalled node piles up in zkload goes back once it answers again. The zkload binary runs
a soak row at 1,000 transfers a second against the null node, and the node stops answering
for 6.5 s (SIGSTOP, then SIGCONT) three times, as a real node does when it compacts its state:
thousands of sends wait on it, each on its own connection, and the blocks after it bring replies hundreds of
times the usual size. This script reads zkload's resident set from /proc/<pid>/status once a second.
Checked, each level the median of the last readings before the next event:
- what the first stall leaves behind once it settled is under 8 MB (14.5 MB while a reply buffer
  of up to 4 MiB was kept per handle; 4 to 12 MB, by chance, while glibc let its trim threshold
  follow the largest block freed; 3.5 to 5.7 MB now);
- the third stall leaves less than 2 MB more than the second: a stall's memory is reused, not
  added up over a soak. (The first pair is not the one compared: glibc's heap takes two stalls
  to settle. Measured, levels after each stall over the one before: +3.5 to +5.7, +1.0 to +2.9
  (once +3.7, after a first level that came out low), +0.5 to +0.9 MB; before the transport ran
  on epoll, the first pair moved by -2.3 to +2.2 MB, fewer requests then being in flight during
  a stall because the loop spun on their sockets instead of starting them.)
None may be lost, the row's ledger must balance (a send that could not reach the stopped node is
counted failed; a start still due when the row ended, after the open loop fell behind in a stall, is
counted dropped), and at least 99% must be included.
Usage: check_stall_memory.py ZKLOAD NULL_NODE"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

from check_soak_memory import RICH_KEY, ledger_of, rss_mb, start_null_node, stop

ROW = "soak/eth_transfer/rate:1000"
DURATION_S = 112
STALLS_AT_S = (25, 53, 81)
STALL_S = 6.5
SETTLE_S = 15  # after a stall's end, before its level is read
LEVEL_READINGS = 5
STALL_LEFT_LIMIT_MB = 8.0
LATER_STALL_LIMIT_MB = 2.0
TIME_LIMIT_S = 300


def main(zkload, null_node):
    with tempfile.TemporaryDirectory() as workdir:
        out = os.path.join(workdir, "soak.json")
        curve = []  # (seconds, rss MB)
        with open(os.path.join(workdir, "node.log"), "w") as node_log, \
                open(os.path.join(workdir, "zkload.log"), "w") as zkload_log:
            node, url = start_null_node(null_node, node_log)
            try:
                began = time.monotonic()
                run = subprocess.Popen(
                    [zkload, "--rpc-url", url, "--tokens-per-wallet", "0", f"--benchmark_filter={ROW}/",
                     "--duration", str(DURATION_S), "--wallets", "2000", "--threads", "1",
                     f"--benchmark_out={out}"],
                    env={**os.environ, "ZKLOAD_RICH_KEY": RICH_KEY}, stdout=subprocess.DEVNULL,
                    stderr=zkload_log)
                try:
                    stalls = list(STALLS_AT_S)
                    while run.poll() is None:
                        now = time.monotonic() - began
                        if now > TIME_LIMIT_S:
                            sys.exit(f"zkload ran past {TIME_LIMIT_S} s")
                        if stalls and now >= stalls[0]:
                            stalls.pop(0)
                            os.kill(node.pid, signal.SIGSTOP)
                            try:
                                time.sleep(STALL_S)
                            finally:
                                os.kill(node.pid, signal.SIGCONT)
                            continue
                        try:
                            curve.append((now, rss_mb(run.pid)))
                        except (OSError, RuntimeError):
                            break  # it just ended
                        time.sleep(1)
                    run.wait(timeout=60)
                finally:
                    stop(run)
            finally:
                os.kill(node.pid, signal.SIGCONT)
                stop(node)
        if run.returncode != 0:
            with open(os.path.join(workdir, "zkload.log")) as f:
                sys.exit(f"zkload exited {run.returncode}:\n{f.read()[-3000:]}")
        with open(out) as f:
            rows = [r for r in json.load(f)["benchmarks"] if r["name"].startswith(ROW + "/")]
    if len(rows) != 1 or rows[0].get("error_occurred"):
        sys.exit(f"the soak row did not run: {rows}")
    row = rows[0]

    def level(begin, end):
        readings = sorted(mb for t, mb in curve if begin <= t < end)[-LEVEL_READINGS:]
        if len(readings) < LEVEL_READINGS:
            sys.exit(f"only {len(readings)} readings between {begin:.0f} s and {end:.0f} s: {curve}")
        return readings[len(readings) // 2]

    first, second, third = STALLS_AT_S
    before_mb = level(first - 15, first)
    first_mb = level(first + STALL_S + SETTLE_S, second)
    second_mb = level(second + STALL_S + SETTLE_S, third)
    third_mb = level(third + STALL_S + SETTLE_S, float("inf"))
    print(f"resident set before the first stall: {before_mb:.1f} MB; settled after it: {first_mb:.1f} MB "
          f"(+{first_mb - before_mb:.2f} MB); after the second: {second_mb:.1f} MB "
          f"(+{second_mb - first_mb:.2f} MB); after the third: {third_mb:.1f} MB "
          f"(+{third_mb - second_mb:.2f} MB); highest: {max(mb for _, mb in curve):.1f} MB")
    print("curve (s, MB): " + ", ".join(f"({t:.0f}, {mb:.1f})" for t, mb in curve[::4]))
    problems = []
    # A send that could not reach the stopped node (its connection timed out) is a failure, counted
    # as one; a start due when the row ended but never made is dropped (the open loop's own bucket);
    # none may be lost, and every offered transaction must be in exactly one bucket.
    ledger, balanced = ledger_of(row)
    print("ledger: " + ", ".join(f"{k} {v:,.0f}" for k, v in ledger.items()))
    if not balanced:
        problems.append(f"the ledger does not balance or lost some: {ledger}")
    if ledger["included"] < 0.99 * ledger["offered"]:
        problems.append(f"only {ledger['included']:,.0f} of {ledger['offered']:,.0f} included")
    if first_mb - before_mb >= STALL_LEFT_LIMIT_MB:
        problems.append(f"a stall of the node left {first_mb - before_mb:.2f} MB behind once it settled "
                        f"(limit {STALL_LEFT_LIMIT_MB} MB)")
    if third_mb - second_mb >= LATER_STALL_LIMIT_MB:
        problems.append(f"a third stall left {third_mb - second_mb:.2f} MB more than the second "
                        f"(limit {LATER_STALL_LIMIT_MB} MB)")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
