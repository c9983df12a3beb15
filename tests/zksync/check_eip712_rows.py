#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The zkload binary's transfer rows on a zkSync chain send 0x71 transactions with the fees the node
gives once per row. zkSync Era does not install here, so the L2 is zkload-l2-double (tests/ only,
not a node): it decodes what it is sent (the 0x71 digest rebuilt, the signature checked against
the sender the transaction names), puts each in a block and counts what it took
(zkload_doubleStats). Checked:
- auto on the double: every transaction of the row (and of its one check) is 0x71; its gas per
  pubdata limit is the larger of zks_estimateFee's limit and zks_gasPerPubdata (the double prices
  pubdata above the estimate's limit here, so the larger one is the price); its max fee is
  zks_estimateFee's; zks_estimateFee was asked at most twice for the whole row, not per
  transaction; the row included what it offered, lost none, and its label says 0x71; with
  --stage-timeout, 1% of its transactions were followed through zks_getBlockDetails to commit,
  prove and execute, whose percentiles are the double's scripted 1, 2 and 3 s after each block's
  timestamp, and the following made fewer calls than 1% of all the double served for the row;
- --tx-type 1559 on a fresh double: every transaction is type 2 and the label does not say 0x71;
- --paymaster P, the double's paymaster: every transaction carries P with the general flow's input
  (general(bytes) of nothing, spelled out here from the ABI), and the row includes them all;
  with --paymaster-token T as well, the approval-based flow's input: approvalBased(T, max fee x gas
  limit, nothing), the gas limit being the double's eth_estimateGas plus zkload's 30%;
  --paymaster of another address fails the row with the node's words (the check transaction, or
  the estimate, is where a paymaster is validated), and a paymaster with --tx-type 1559 is refused;
- --tx-type 712 against a plain EVM node (the null node) fails the row with words naming the flag;
- a --paymaster that is not an address is a usage error naming the flag, before anything runs.
Usage: check_eip712_rows.py ZKLOAD L2_DOUBLE NULL_NODE"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "engine"))
from check_soak_memory import RICH_KEY, start_null_node, stop  # noqa: E402

ROW = "eth_transfer/closed/concurrency:8"
TXS = 1000
STAGES_S = {"commit": 1.0, "prove": 2.0, "execute": 3.0}  # the double's scripted stage times
PUBDATA_PRICE = 60_000  # above the double's estimate limit (50,000)
ESTIMATE_MAX_FEE = 2 * 45_250_000  # the double's zks_estimateFee max_fee_per_gas
TIME_LIMIT_S = 120
PAYMASTER = "0x00000000000000000000000000000000000000aa"
# general(bytes) of no inner input: selector, the offset of the bytes (32) and their length (0).
GENERAL_FLOW_INPUT = "0x8c5a3445" + f"{0x20:064x}" + f"{0:064x}"
TOKEN = "0x00000000000000000000000000000000000000cc"
GAS_LIMIT = 0x30000 + 0x30000 * 3 // 10  # the double's eth_estimateGas, plus zkload's 30%
# approvalBased(address,uint256,bytes): the token, the allowance, the offset of the bytes (96), none.
APPROVAL_FLOW_INPUT = ("0x949431dc" + "0" * 24 + TOKEN[2:] + f"{ESTIMATE_MAX_FEE * GAS_LIMIT:064x}" + f"{0x60:064x}" +
                       f"{0:064x}")


def start_double(binary, log, *flags):
    double = subprocess.Popen([binary, "--starting-balance", str(10**24), "--gas-per-pubdata",
                               str(PUBDATA_PRICE), "--max-lifetime-s", "600", *flags],
                              stdout=subprocess.PIPE, stderr=log, text=True)
    url = double.stdout.readline().strip()
    if not url.startswith("http://127.0.0.1:"):
        stop(double)
        sys.exit(f"the L2 double did not start: {url!r}")
    return double, url


def double_stats(url):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "zkload_doubleStats", "params": []}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.load(reply)["result"]


def run_row(zkload, url, workdir, *flags):
    out = os.path.join(workdir, "row.json")
    run = subprocess.run([zkload, "--rpc-url", url, "--tokens-per-wallet", "0", "--wallets", "20",
                          f"--benchmark_filter={ROW}/", "--txs", str(TXS), f"--benchmark_out={out}", *flags],
                         env={**os.environ, "ZKLOAD_RICH_KEY": RICH_KEY}, capture_output=True, text=True,
                         timeout=TIME_LIMIT_S)
    with open(out) as f:
        rows = [r for r in json.load(f)["benchmarks"] if r["name"].startswith(ROW + "/")]
    if len(rows) != 1:
        sys.exit(f"expected one {ROW} row, found {len(rows)}:\n{run.stderr[-2000:]}")
    return rows[0], run


def main(zkload, l2_double, null_node):
    problems = []
    usage = subprocess.run([zkload, "--paymaster", "0x12", "--benchmark_filter=none"], capture_output=True, text=True,
                           timeout=60)
    if usage.returncode == 0 or "--paymaster: not an address" not in usage.stderr:
        problems.append(f"--paymaster 0x12: exit {usage.returncode}, {usage.stderr[-500:]!r}")
    with tempfile.TemporaryDirectory() as workdir, open(os.path.join(workdir, "node.log"), "w") as log:
        double, url = start_double(l2_double, log)
        try:
            row, run = run_row(zkload, url, workdir, "--stage-timeout", "15")
            stats = double_stats(url)
        finally:
            stop(double)
        served = sum(n for method, n in stats["calls"].items() if method != "zkload_doubleStats")
        print("stages: " + ", ".join(f"{k} {v}" for k, v in row.items()
                                     if k.startswith(("stage_", "commit_", "prove_", "execute_"))) +
              f"; the double served {served} calls")
        print(f"auto: included {row.get('included')}, label {row.get('label')!r}; double took {stats['types']}, "
              f"gas per pubdata {stats['gas_per_pubdata']}, max fees {stats['max_fee_per_gas']}, "
              f"zks_estimateFee asked {stats['calls'].get('zks_estimateFee', 0)} times")
        if row.get("error_occurred"):
            problems.append(f"the 0x71 row failed: {row.get('error_message')}\n{run.stderr[-2000:]}")
        else:
            if stats["types"] != {"0x71": TXS + 1}:
                problems.append(f"expected {TXS + 1} 0x71 transactions (the row's and its check's), "
                                f"the double took {stats['types']}")
            if stats["gas_per_pubdata"] != [hex(PUBDATA_PRICE)]:
                problems.append(f"gas per pubdata limits {stats['gas_per_pubdata']}, expected the price "
                                f"{hex(PUBDATA_PRICE)} (above the estimate's limit)")
            if stats["max_fee_per_gas"] != [hex(ESTIMATE_MAX_FEE)]:
                problems.append(f"max fees {stats['max_fee_per_gas']}, expected zks_estimateFee's "
                                f"{hex(ESTIMATE_MAX_FEE)}")
            if not 1 <= stats["calls"].get("zks_estimateFee", 0) <= 2:
                problems.append(f"zks_estimateFee asked {stats['calls'].get('zks_estimateFee', 0)} times for "
                                f"one row of {TXS}: once or twice per row, never per transaction")
            if row["included"] != TXS or row["offered"] != TXS or row["lost"] != 0 or row["failed"] != 0:
                problems.append(f"the 0x71 row's ledger: offered {row['offered']}, included {row['included']}, "
                                f"lost {row['lost']}, failed {row['failed']}")
            if not row.get("label", "").startswith("0x71; "):
                problems.append(f"the 0x71 row's label does not say so: {row.get('label')!r}")
            if row.get("stage_samples") != TXS // 100:
                problems.append(f"followed {row.get('stage_samples')} transactions to finality, not 1% of {TXS}")
            for stage, seconds in STAGES_S.items():
                if row.get(f"{stage}_reached") != row.get("stage_samples"):
                    problems.append(f"{stage}: {row.get(f'{stage}_reached')} of {row.get('stage_samples')} reached it")
                for q in ("p50", "p99"):
                    if abs(row.get(f"{stage}_{q}_s", -1) - seconds) > 0.01 * seconds:
                        problems.append(f"{stage}_{q}_s {row.get(f'{stage}_{q}_s')}, the double's is {seconds}")
            if not 0 < row.get("stage_requests", 0) <= 0.01 * served:
                problems.append(f"following to finality took {row.get('stage_requests')} calls of {served}")

        double, url = start_double(l2_double, log)
        try:
            row, run = run_row(zkload, url, workdir, "--tx-type", "1559")
            stats = double_stats(url)
        finally:
            stop(double)
        print(f"--tx-type 1559: included {row.get('included')}, double took {stats['types']}")
        if row.get("error_occurred") or stats["types"] != {"0x2": TXS + 1} or "0x71" in row.get("label", ""):
            problems.append(f"--tx-type 1559: {row.get('error_message')}, took {stats['types']}, "
                            f"label {row.get('label')!r}")

        # the double keeps TOKEN's ledger: with --paymaster-token the pool checks the wallets hold it
        double, url = start_double(l2_double, log, "--paymaster", PAYMASTER, "--token", TOKEN)
        try:
            row, run = run_row(zkload, url, workdir, "--paymaster", PAYMASTER)
            stats = double_stats(url)
            refused, _ = run_row(zkload, url, workdir, "--paymaster", "0x00000000000000000000000000000000000000bb")
            approval, _ = run_row(zkload, url, workdir, "--paymaster", PAYMASTER, "--paymaster-token", TOKEN)
            approval_stats = double_stats(url)
            type_2, _ = run_row(zkload, url, workdir, "--paymaster", PAYMASTER, "--tx-type", "1559")
        finally:
            stop(double)
        print(f"--paymaster: included {row.get('included')}, paid by {stats['paid_by']}, "
              f"inputs {stats['paymaster_inputs']}; another paymaster: {refused.get('error_message')!r}; "
              f"with type 2: {type_2.get('error_message')!r}")
        if row.get("error_occurred") or row.get("included") != TXS:
            problems.append(f"the paymaster row: {row.get('error_message')}, included {row.get('included')}")
        if stats["paid_by"] != {PAYMASTER: TXS + 1} or stats["paymaster_inputs"] != [GENERAL_FLOW_INPUT]:
            problems.append(f"expected {TXS + 1} transactions paid by {PAYMASTER} through the general flow "
                            f"({GENERAL_FLOW_INPUT}), the double took {stats['paid_by']} with {stats['paymaster_inputs']}")
        approval_inputs = set(approval_stats["paymaster_inputs"]) - set(stats["paymaster_inputs"])
        print(f"--paymaster-token: included {approval.get('included')}, new inputs {approval_inputs}")
        if approval.get("error_occurred") or approval.get("included") != TXS:
            problems.append(f"the approval-based row: {approval.get('error_message')}")
        if approval_inputs != {APPROVAL_FLOW_INPUT} or \
                approval_stats["paid_by"].get(PAYMASTER) != stats["paid_by"].get(PAYMASTER) + TXS + 1:
            problems.append(f"the approval-based row's inputs {approval_inputs}, expected {APPROVAL_FLOW_INPUT}, "
                            f"paid by {approval_stats['paid_by']}")
        if not refused.get("error_occurred") or "failed paymaster validation" not in refused.get("error_message", ""):
            problems.append(f"a paymaster the node refuses should fail the row with its words: {refused}")
        if not type_2.get("error_occurred") or "a paymaster pays only" not in type_2.get("error_message", ""):
            problems.append(f"--paymaster with --tx-type 1559 should fail the row: {type_2.get('error_message')!r}")

        node, node_url = start_null_node(null_node, log)
        try:
            row, run = run_row(zkload, node_url, workdir, "--tx-type", "712")
        finally:
            stop(node)
        message = row.get("error_message", "")
        print(f"--tx-type 712 on an EVM node: {message!r}, exit {run.returncode}")
        if not row.get("error_occurred") or not re.search(r"--tx-type 712 .* not a zkSync chain", message):
            problems.append(f"--tx-type 712 on a plain EVM node should fail the row naming the flag: {message!r}")
        if run.returncode == 0:
            problems.append("--tx-type 712 on a plain EVM node: zkload exited 0")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
