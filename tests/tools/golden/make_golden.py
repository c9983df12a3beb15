#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the golden result files of tests/tools by running the zkload binary; the files are
committed, so run this again only to change them (after `tools/test` built zkload):

    tests/tools/golden/make_golden.py [--zkload build/benchmarks/zkload]

Raw zkload output, as written (COMMANDS.md beside the files lists each run's command):
  base.json        the embedded devnet: closed and open ETH sweeps, deploy, reads, funding, a
                   micro row, a short capacity search, and a deposit row that fails (no L1)
  bridge.json      a deposit row: the real zkSync L1 contracts in anvil (the state in
                   ../shared/zksync-l1) and tests' zkload-l2-double as the L2
  micro_only.json  micro rows only
  reps3_old.json   erc20_transfer/closed/concurrency:8 three times, with aggregates
  reps3_new.json   the same row three times with --max-pending-per-wallet 1 --rpc-batch 1: a
                   real slowdown of the same build
  aggregates_old.json / aggregates_new.json  one row with --benchmark_report_aggregates_only
  reps10_old.json  micro/keccak/32 ten times
  noise_old.json / noise_new.json  rpc/eth_blockNumber/closed/concurrency:1 ten times each, two runs of
                   the same build picked (up to 8 tries) so that their medians differ by more than
                   5% while a U test finds no significant difference: noise, not a change
Derived from those by one stated change (a known answer for the test):
  within_limits.json  base, concurrency:64 3% slower (time ×1.03, included ×0.97, p99 ×1.04),
                      micro/keccak/32 left out, micro_only's micro/keccak/200 added
  regression.json     base, concurrency:64 25% slower (time ×1.25, included ×0.8, p99 ×1.3)
  new_error.json      base, the deploy row replaced by an error row
  other_host.json     base with another host_name and num_cpus in its context
  reps10_new.json     reps10_old with every repetition 50% slower (beyond its spread: a shift
                      the U test must find)
  nan_inf_old.json / nan_inf_new.json  two of base's rows with NaN and infinite values put in
                      (zkload never writes them; other producers of the format may)
  truncated.json      the first half of base.json's text
Kept from a longer run, not rewritten by this script (KEPT):
  open_late.json  the three open-loop rows of a default tools/bench run on a busy 2-core machine:
                  the node kept up at every rate while the generator's own thread was late on
                  3-5% of its starts (behind_idle_pct 0), which no short run here reproduces
Not zkload output at all: not_json.txt, not_benchmark.json."""
import argparse
import copy
import gzip
import json
import os
import pathlib
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
ANVIL = ROOT / "tools/node/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
L1_STATE = ROOT.parent / "shared/zksync-l1/v29-l1-state.json.gz"
DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"  # anvil's first account
C64 = "eth_transfer/closed/concurrency:64/iterations:1/manual_time"
DEVNET_ROWS = ("eth_transfer/closed/concurrency:(1|8|64)/|eth_transfer/open/rate:(250|1000|4000)/"
               "|deploy/closed/concurrency:8/|rpc/eth_blockNumber/closed/concurrency:8/"
               "|fund/(dev_rpc|multisend)/wallets:1000/|fund/dev_rpc/wallets:10000/|micro/keccak/32$"
               "|capacity/eth_transfer/|deposit_eth/closed/concurrency:1/")
COMMANDS = {}
KEPT = {"open_late.json": "tools/bench (its default rows, zkload 2d78597), then only the rows "
                          "eth_transfer/open/rate:(1000|2000|4000)/ kept with their context"}


def zkload(binary, name, *args, cwd):
    """Runs zkload writing name's JSON; returns the document. Rows that fail are kept (their
    error is part of the golden data); a crash or a usage error stops everything."""
    out = HERE / name
    command = [str(binary), *args, f"--benchmark_out={out}", "--benchmark_out_format=json"]
    COMMANDS[name] = "zkload " + " ".join(args)
    print("$", COMMANDS[name], file=sys.stderr)
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, timeout=900, check=False)
    if done.returncode not in (0, 1) or not out.exists():
        sys.exit(f"zkload exited {done.returncode} writing {name}")
    document = json.loads(out.read_text())
    document["context"]["executable"] = "build/benchmarks/zkload"  # not this machine's path
    write(name, document)
    return document


def write(name, document):
    (HERE / name).write_text(json.dumps(document, indent=1) + "\n")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    body = b'{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}'
    while time.monotonic() < deadline:
        done = subprocess.run(["curl", "-s", "-m", "1", "-H", "content-type: application/json", "-d", body, url],
                              capture_output=True, check=False)
        if done.returncode == 0 and b"result" in done.stdout:
            return
        time.sleep(0.2)
    sys.exit(f"nothing answered at {url}")


def bridge_run(binary, double, scratch):
    """deposit_eth at concurrency 1: L1 anvil with the zkSync state, the L2 double."""
    state = scratch / "l1.json"
    with gzip.open(L1_STATE) as packed, open(state, "wb") as plain:
        shutil.copyfileobj(packed, plain)
    port = free_port()
    anvil = subprocess.Popen([str(ANVIL), "--port", str(port), "--load-state", str(state)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    l2 = None
    try:
        l1_url = f"http://127.0.0.1:{port}"
        wait_for(l1_url)
        l2 = subprocess.Popen([str(double), "--l1-rpc-url", l1_url, "--max-lifetime-s", "300"],
                              stdout=subprocess.PIPE, text=True)
        l2_url = l2.stdout.readline().strip()
        key = scratch / "rich.key"
        key.write_text(DEV_KEY + "\n")
        key.chmod(0o600)
        document = zkload(binary, "bridge.json", "--rpc-url", l2_url, "--l1-rpc-url", l1_url, "--rich-key-file",
                          "rich.key", "--state-dir", "state", "--bridge-operations", "4",
                          "--bridge-stage-timeout-s", "20",
                          "--benchmark_filter=^deposit_eth/closed/concurrency:1/", cwd=scratch)
        COMMANDS["bridge.json"] = (COMMANDS["bridge.json"].replace(l2_url, "L2_URL").replace(l1_url, "L1_URL")
                                   + " (L1_URL: anvil --load-state with ../shared/zksync-l1/v29-l1-state.json.gz; "
                                   "L2_URL: build/tests/zksync/zkload-l2-double --l1-rpc-url L1_URL; rich.key: "
                                   "anvil's first dev key)")
        return document
    finally:
        for process in (l2, anvil):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)


def rows_named(document, name):
    return [r for r in document["benchmarks"] if r["run_name"] == name and r["run_type"] == "iteration"]


def scaled(document, name, **factors):
    out = copy.deepcopy(document)
    for row in out["benchmarks"]:
        if row["name"] == name:
            for key, factor in factors.items():
                row[key] *= factor
    return out


def u_test_p(old, new):
    from scipy.stats import mannwhitneyu
    return mannwhitneyu(old, new, alternative="two-sided").pvalue


def noise_pair(binary, scratch):
    """Two real 10-repetition runs of a short read row (~10% apart from one repetition to the
    next on a shared machine) whose medians differ by more than 5% and whose U test finds no
    significant difference."""
    args = ("--benchmark_filter=rpc/eth_blockNumber/closed/concurrency:1/", "--txs", "200",
            "--benchmark_repetitions=10")
    for attempt in range(8):
        old = zkload(binary, "noise_old.json", *args, cwd=scratch)
        new = zkload(binary, "noise_new.json", *args, cwd=scratch)
        name = old["benchmarks"][0]["run_name"]
        a = [r["included_per_s"] for r in rows_named(old, name)]
        b = [r["included_per_s"] for r in rows_named(new, name)]
        gap = abs(statistics.median(b) / statistics.median(a) - 1)  # either way: the pair is swapped below
        p = u_test_p(a, b)
        print(f"noise pair {attempt + 1}: medians differ by {gap:.1%}, p = {p:.2f}", file=sys.stderr)
        if gap > 0.05 and p > 0.05:
            if statistics.median(b) > statistics.median(a):  # the newer run the slower one
                write("noise_old.json", new)
                write("noise_new.json", old)
            return
    sys.exit("no pair of runs showed noise beyond 5% in 8 tries: run again")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--zkload", default=str(ROOT / "build/benchmarks/zkload"))
    parser.add_argument("--l2-double", default=str(ROOT / "build/tests/zksync/zkload-l2-double"))
    args = parser.parse_args()
    binary = pathlib.Path(args.zkload).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = pathlib.Path(tmp)
        base = zkload(binary, "base.json", f"--benchmark_filter={DEVNET_ROWS}", "--wallets", "200",
                      "--steady-blocks", "3", "--capacity-max-s", "30", "--benchmark_min_time=0.01", cwd=scratch)
        bridge_run(binary, pathlib.Path(args.l2_double).resolve(), scratch)
        micro = zkload(binary, "micro_only.json", "--benchmark_filter=micro/(keccak|sign)/",
                       "--benchmark_min_time=0.01", cwd=scratch)
        reps = ("--benchmark_filter=erc20_transfer/closed/concurrency:8/", "--txs", "300", "--wallets", "40",
                "--benchmark_repetitions=3")
        zkload(binary, "reps3_old.json", *reps, cwd=scratch)
        zkload(binary, "reps3_new.json", *reps, "--max-pending-per-wallet", "1", "--rpc-batch", "1", cwd=scratch)
        only = ("--benchmark_filter=erc20_transfer/closed/concurrency:64/", "--txs", "600", "--wallets", "40",
                "--benchmark_repetitions=3", "--benchmark_report_aggregates_only=true")
        zkload(binary, "aggregates_old.json", *only, cwd=scratch)
        zkload(binary, "aggregates_new.json", *only, cwd=scratch)
        reps10 = zkload(binary, "reps10_old.json", "--benchmark_filter=micro/keccak/32$",
                        "--benchmark_repetitions=10", "--benchmark_min_time=0.05", cwd=scratch)
        noise_pair(binary, scratch)

    within = scaled(base, C64, real_time=1.03, included_per_s=0.97, incl_p99_ms=1.04)
    within["benchmarks"] = [r for r in within["benchmarks"] if r["run_name"] != "micro/keccak/32"]
    within["benchmarks"] += [r for r in micro["benchmarks"] if r["run_name"] == "micro/keccak/200"]
    write("within_limits.json", within)
    write("regression.json", scaled(base, C64, real_time=1.25, included_per_s=0.8, incl_p99_ms=1.3))
    failing = copy.deepcopy(base)
    for index, row in enumerate(failing["benchmarks"]):
        if row["run_name"].startswith("deploy/closed/concurrency:8/"):
            failing["benchmarks"][index] = {
                key: row[key] for key in ("name", "family_index", "per_family_instance_index", "run_name",
                                          "run_type", "repetitions", "repetition_index", "threads", "iterations",
                                          "real_time", "cpu_time", "time_unit") if key in row}
            failing["benchmarks"][index].update(error_occurred=True, real_time=0, cpu_time=0,
                                                error_message="the node refused: read-only endpoint")
    write("new_error.json", failing)
    other = copy.deepcopy(base)
    other["context"].update(host_name="ci-b", num_cpus=16)
    write("other_host.json", other)
    slower = copy.deepcopy(reps10)
    for row in slower["benchmarks"]:
        if row["run_type"] == "iteration":
            row["real_time"] *= 1.5
            row["cpu_time"] *= 1.5
    times = [r["real_time"] for r in reps10["benchmarks"] if r["run_type"] == "iteration"]
    if max(times) >= min(times) * 1.5:
        sys.exit("micro/keccak/32 varied by 50% or more over its repetitions: run again on a quieter machine")
    slower["benchmarks"] = [r for r in slower["benchmarks"] if r["run_type"] == "iteration"]
    write("reps10_new.json", slower)
    pick = [r for r in base["benchmarks"]
            if r["run_name"].startswith(("eth_transfer/closed/concurrency:1/", "rpc/eth_blockNumber/"))]
    nan_old, nan_new = copy.deepcopy(pick), copy.deepcopy(pick)
    nan_old[0].update(incl_p99_ms=float("nan"), gas_per_s=float("inf"))
    nan_new[0].update(incl_p999_ms=float("inf"), gas_per_s=float("inf"))
    nan_old[1]["included_per_s"] = float("nan")
    write("nan_inf_old.json", {"context": base["context"], "benchmarks": nan_old})
    write("nan_inf_new.json", {"context": base["context"], "benchmarks": nan_new})
    write("not_benchmark.json", {"rows": [], "note": "JSON, but not Google Benchmark output"})
    (HERE / "not_json.txt").write_text("eth_transfer 100 tx/s\n")
    text = (HERE / "base.json").read_text()
    (HERE / "truncated.json").write_text(text[: len(text) // 2])
    lines = [f"| `{name}` | `{command}` |" for name, command in COMMANDS.items()]
    lines += [f"| `{name}` | {how} |" for name, how in KEPT.items()]
    (HERE / "COMMANDS.md").write_text(
        "# The zkload runs behind the golden files\n\nWritten by `make_golden.py` (see its docstring for the "
        "derived files); zkload commit " + base["context"].get("zkload_git_sha", "?") + ".\n\n| file | command |\n"
        "|---|---|\n" + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
