#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The zkload binary funds its wallet pool on a zkSync chain with 0x71 transactions and no contract,
so a chain without the EVM emulator hosts a pool. zkSync Era does not install here, so the L2 is
zkload-l2-double (tests/ only, not a node): it decodes each transaction (the 0x71 digest rebuilt,
the signature checked against its sender), refuses a nonce out of order or a transaction whose
value and most fee exceed the sender's balance, charges fees, credits the recipient, and refuses to estimate a contract creation, as a chain
without the EVM emulator does. Only the funder holds ETH at the start. Checked:
- --fund --fund-strategy tree, 300 wallets (two groups of at most 250): the funder pays the two
  distributors, each distributor pays the rest of its group, one 0x71 per wallet: 300 in all, no
  type 2, no creation; every wallet then holds what the pool needs (a second --fund finds none
  short and sends nothing), and an ETH transfer row on that pool includes all it offers; --sweep
  then sends each wallet's ETH back in one 0x71, leaving it only the fee it reserved;
- --fund-strategy multisend, 40 wallets for 10 transactions each: the funder pays each wallet itself
  (40 0x71, no contract), and a row of 400 transfers on that pool includes all of them, the double
  charging each its fee and checking gas limit x max fee + value up front as zkSync Era does;
- a pool that needs tokens there fails before anything is sent, naming the EVM emulator;
- with --paymaster P (the general flow pays the fees), the wallets need only what they send: the
  pool's ETH per wallet is far below the fee-paying pool's, and a paymaster row on it includes all;
  a deploy row there (a creation is paid by its sender) fails saying the wallets hold no ETH;
- with --paymaster-token T as well (the approval flow takes T), the funder tops each wallet up to
  the fees a fee-paying wallet holds in wei, in T's base units, one 0x71 transfer(wallet, amount)
  each; the wallets' balanceOf shows it, a second --fund sends nothing, the approval row includes
  all; a funder short of T fails before sending anything, naming the paymaster's token.
Usage: check_zksync_pool.py ZKLOAD L2_DOUBLE"""
import json
from decimal import Decimal
import os
import re
import subprocess
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "engine"))
from check_soak_memory import RICH_KEY, stop  # noqa: E402

FUNDER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"  # the address of RICH_KEY (anvil's account 1)
ROW = "eth_transfer/closed/concurrency:8"
PAYMASTER = "0x00000000000000000000000000000000000000aa"
FEE_TOKEN = "0x00000000000000000000000000000000000000cc"  # the double keeps its ledger (balanceOf, transfer)
TIME_LIMIT_S = 120
EACH = re.compile(r"each holding at least ([\d.]+) ETH")


def start_double(binary, log, *flags, starting_balance=10**24):
    double = subprocess.Popen([binary, "--rich-account", FUNDER, "--starting-balance", str(starting_balance),
                               "--max-lifetime-s", "600", *flags], stdout=subprocess.PIPE, stderr=log, text=True)
    url = double.stdout.readline().strip()
    if not url.startswith("http://127.0.0.1:"):
        stop(double)
        sys.exit(f"the L2 double did not start: {url!r}")
    return double, url


def rpc(url, method, params=()):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.load(reply)["result"]


def zkload(binary, url, state_dir, *flags):
    return subprocess.run([binary, "--rpc-url", url, "--state-dir", state_dir, *flags],
                          env={**os.environ, "ZKLOAD_RICH_KEY": RICH_KEY}, capture_output=True, text=True,
                          timeout=TIME_LIMIT_S)


def fund(binary, url, state_dir, wallets, *flags):
    return zkload(binary, url, state_dir, "--fund", "--progress", "always", "--wallets", str(wallets),
                  "--tokens-per-wallet", "0", *flags)


def run_row(binary, url, state_dir, workdir, wallets, txs, *flags, row=ROW):
    out = os.path.join(workdir, "row.json")
    run = zkload(binary, url, state_dir, "--tokens-per-wallet", "0", "--wallets", str(wallets),
                 f"--benchmark_filter={row}/", "--txs", str(txs), f"--benchmark_out={out}", *flags)
    with open(out) as f:
        rows = [r for r in json.load(f)["benchmarks"] if r["name"].startswith(row + "/")]
    return (rows[0] if len(rows) == 1 else {"error_occurred": True, "error_message": run.stderr[-2000:]}), run


def main(binary, l2_double):
    problems = []
    with tempfile.TemporaryDirectory() as workdir, open(os.path.join(workdir, "node.log"), "w") as log:
        state = os.path.join(workdir, "state-tree")
        double, url = start_double(l2_double, log)
        try:
            first = fund(binary, url, state, 300, "--fund-strategy", "tree")
            stats = rpc(url, "zkload_doubleStats")
            again = fund(binary, url, state, 300, "--fund-strategy", "tree")
            stats_again = rpc(url, "zkload_doubleStats")
            row, run = run_row(binary, url, state, workdir, 300, 1000)
            before_sweep = rpc(url, "zkload_doubleStats")
            sweep = zkload(binary, url, state, "--sweep", "--wallets", "300", "--tokens-per-wallet", "0")
            after_sweep = rpc(url, "zkload_doubleStats")
            wallets = [a for a in after_sweep["senders"] if a != FUNDER.lower()]
            left = [int(rpc(url, "eth_getBalance", [a, "latest"]), 16) for a in wallets]
        finally:
            stop(double)
        print(f"tree, 300 wallets: exit {first.returncode}, the double took {stats['types']} from "
              f"{len(stats['senders'])} senders; again: exit {again.returncode}, "
              f"{again.stderr.strip().splitlines()[-2:] if again.stderr.strip() else ''}")
        print(f"a row on that pool: included {row.get('included')} of {row.get('offered')}")
        if first.returncode != 0:
            problems.append(f"--fund (tree) on the double failed:\n{first.stderr[-2000:]}")
        elif "funded 300 wallets by tree (0x71 transfers, no contract)" not in first.stderr:
            problems.append(f"--fund should say how it funded the pool:\n{first.stderr[-1500:]}")
        elif stats["types"] != {"0x71": 300} or stats["creations"] != 0:
            problems.append(f"expected 300 0x71 transfers and no creation, the double took {stats['types']}, "
                            f"{stats['creations']} creations")
        elif sorted(stats["senders"].values()) != [2, 49, 249] or stats["senders"].get(FUNDER.lower()) != 2:
            problems.append(f"expected the funder to pay 2 distributors and those 249 and 49 wallets: "
                            f"{stats['senders']}")
        if again.returncode != 0 or stats_again["types"] != stats["types"] or \
                "0 short of ETH" not in again.stderr:
            problems.append(f"a second --fund should find every wallet funded and send nothing: exit "
                            f"{again.returncode}, took {stats_again['types']}\n{again.stderr[-1500:]}")
        if row.get("error_occurred") or row.get("included") != 1000:
            problems.append(f"the row on the 0x71-funded pool: {row.get('error_message')}, included "
                            f"{row.get('included')}")
        swept = after_sweep["types"].get("0x71", 0) - before_sweep["types"].get("0x71", 0)
        per_wallet = int(float(EACH.search(first.stdout).group(1)) * 10**18) if EACH.search(first.stdout) else 0
        print(f"--sweep: exit {sweep.returncode}, {swept} 0x71 back; {len(wallets)} wallets keep at most "
              f"{max(left, default=None)} wei of {per_wallet}")
        if sweep.returncode != 0 or swept != 300 or after_sweep["types"].keys() != {"0x71"}:
            problems.append(f"--sweep should send each of the 300 wallets' ETH back in one 0x71: exit "
                            f"{sweep.returncode}, {swept} sent, types {after_sweep['types']}\n{sweep.stderr[-1500:]}")
        if len(wallets) != 300 or not left or max(left) * 100 > per_wallet:
            problems.append(f"after --sweep the wallets should keep only the fee of their transfer back: "
                            f"{len(wallets)} wallets, at most {max(left, default=None)} wei of {per_wallet}")

        double, url = start_double(l2_double, log)
        try:
            flat = fund(binary, url, os.path.join(workdir, "state-flat"), 40, "--fund-strategy", "multisend",
                        "--txs-per-wallet", "10")
            stats = rpc(url, "zkload_doubleStats")
            # The pool's whole budget spent, with the fees charged and checked up front as zkSync does.
            spent, _ = run_row(binary, url, os.path.join(workdir, "state-flat"), workdir, 40, 400,
                               "--txs-per-wallet", "10")
            before_tokens = rpc(url, "zkload_doubleStats")
            tokens = zkload(binary, url, os.path.join(workdir, "state-tokens"), "--fund", "--wallets", "40",
                            "--tokens-per-wallet", "1")
            stats_tokens = rpc(url, "zkload_doubleStats")
        finally:
            stop(double)
        print(f"multisend, 40 wallets: exit {flat.returncode}, took {stats['types']} from {stats['senders']}; "
              f"a row of their whole budget (10 each) included {spent.get('included')} of {spent.get('offered')}")
        if spent.get("error_occurred") or spent.get("included") != 400 or spent.get("failed"):
            problems.append(f"a pool funded for 10 transactions a wallet should afford 400 on 40 wallets at the "
                            f"node's fees: included {spent.get('included')}, failed {spent.get('failed')} "
                            f"({spent.get('error_message')})")
        print(f"tokens: exit {tokens.returncode}: {tokens.stderr.strip()[-400:]!r}")
        if flat.returncode != 0 or stats["types"] != {"0x71": 40} or stats["senders"] != {FUNDER.lower(): 40}:
            problems.append(f"--fund-strategy multisend on zkSync: exit {flat.returncode}, took {stats['types']} "
                            f"from {stats['senders']}\n{flat.stderr[-1500:]}")
        if tokens.returncode == 0 or "EVM emulator" not in tokens.stderr or \
                stats_tokens["types"] != before_tokens["types"]:
            problems.append(f"a pool needing tokens on a chain without the EVM emulator should fail before it "
                            f"sends anything, naming the emulator: exit {tokens.returncode}, took "
                            f"{stats_tokens['types']}\n{tokens.stderr[-1500:]}")

        double, url = start_double(l2_double, log, "--paymaster", PAYMASTER, "--token", FEE_TOKEN)
        try:
            paid = fund(binary, url, os.path.join(workdir, "state-paid"), 20)
            sponsored = fund(binary, url, os.path.join(workdir, "state-sponsored"), 20, "--paymaster", PAYMASTER,
                             "--seed", "sponsored")
            row, run = run_row(binary, url, os.path.join(workdir, "state-sponsored"), workdir, 20, 500,
                               "--paymaster", PAYMASTER, "--seed", "sponsored")
            stats = rpc(url, "zkload_doubleStats")
            creation, _ = run_row(binary, url, os.path.join(workdir, "state-sponsored"), workdir, 20, 10,
                                  "--paymaster", PAYMASTER, "--seed", "sponsored", row="deploy/closed/concurrency:1")
            approval_flags = ("--paymaster", PAYMASTER, "--paymaster-token", FEE_TOKEN, "--seed", "approval")
            before = rpc(url, "zkload_doubleStats")
            approval = fund(binary, url, os.path.join(workdir, "state-approval"), 20, *approval_flags)
            after = rpc(url, "zkload_doubleStats")
            approval_again = fund(binary, url, os.path.join(workdir, "state-approval"), 20, *approval_flags)
            after_again = rpc(url, "zkload_doubleStats")
            held = {to: int(rpc(url, "eth_call", [{"to": FEE_TOKEN, "data": "0x70a08231" + "0" * 24 + to[2:]},
                                                  "latest"]), 16) for to in after["token_paid"]}
            approval_row, _ = run_row(binary, url, os.path.join(workdir, "state-approval"), workdir, 20, 500,
                                      *approval_flags)
        finally:
            stop(double)
        fee_wei = int(Decimal(EACH.search(paid.stdout).group(1)) * 10**18) - 100 if EACH.search(paid.stdout) else None
        paid_token = {to: amount for to, amount in after["token_paid"].items()}
        print(f"--paymaster-token: exit {approval.returncode}, {len(paid_token)} wallets paid "
              f"{set(paid_token.values())} base units (a fee-paying wallet's fees: {fee_wei} wei); again: "
              f"{after_again['types'] == after['types']}; the approval row included {approval_row.get('included')}")
        if approval.returncode != 0 or "20 wallets short of the paymaster's token" not in approval.stderr:
            problems.append(f"--fund with --paymaster-token: exit {approval.returncode}\n{approval.stderr[-1500:]}")
        elif len(paid_token) != 20 or set(paid_token.values()) != {fee_wei} or held != paid_token:
            problems.append(f"each of the 20 wallets should hold the fees a fee-paying wallet holds in wei ({fee_wei}) "
                            f"in the paymaster's token: paid {paid_token}, hold {held}")
        if after["types"].get("0x71", 0) - before["types"].get("0x71", 0) != 40:
            problems.append(f"the approval pool should take 40 0x71: the 100 wei each wallet sends in its ETH "
                            f"transfers, and the token: {before['types']} -> {after['types']}")
        if approval_again.returncode != 0 or after_again["types"] != after["types"]:
            problems.append(f"a second --fund with --paymaster-token should send nothing: {after_again['types']}")
        if approval_row.get("error_occurred") or approval_row.get("included") != 500:
            problems.append(f"the approval row: {approval_row.get('error_message')}")

        double, url = start_double(l2_double, log, "--paymaster", PAYMASTER, "--token", FEE_TOKEN,
                                   starting_balance=10**16)
        try:
            poor = fund(binary, url, os.path.join(workdir, "state-poor"), 20, *approval_flags)
            poor_stats = rpc(url, "zkload_doubleStats")
        finally:
            stop(double)
        print(f"--paymaster-token, funder short of it: exit {poor.returncode}, {poor.stderr.strip()[-300:]!r}")
        if poor.returncode == 0 or "the paymaster's token" not in poor.stderr or "short by" not in poor.stderr or \
                poor_stats["types"] != {}:
            problems.append(f"a funder short of the paymaster's token should fail before sending anything: exit "
                            f"{poor.returncode}, took {poor_stats['types']}\n{poor.stderr[-1500:]}")
        print(f"a deploy row on the paymaster's pool: {creation.get('error_message')!r}")
        if not creation.get("error_occurred") or "hold no ETH for fees under --paymaster" not in creation.get("error_message", ""):
            problems.append(f"a creation on a pool without ETH should fail the row saying why: {creation}")
        paid_each, sponsored_each = (float(m.group(1)) if (m := EACH.search(r.stdout)) else None
                                     for r in (paid, sponsored))
        print(f"ETH per wallet: {paid_each} paying fees, {sponsored_each} with the paymaster; "
              f"the paymaster row included {row.get('included')}, paid by {stats['paid_by']}")
        if paid.returncode != 0 or sponsored.returncode != 0 or paid_each is None or sponsored_each is None:
            problems.append(f"--fund with and without --paymaster: exits {paid.returncode}, {sponsored.returncode}"
                            f"\n{paid.stdout}{paid.stderr[-800:]}\n{sponsored.stdout}{sponsored.stderr[-800:]}")
        elif not sponsored_each * 100 < paid_each:
            problems.append(f"with a paymaster paying the fees a wallet should need far less ETH: "
                            f"{sponsored_each} vs {paid_each}")
        if row.get("error_occurred") or row.get("included") != 500:
            problems.append(f"the paymaster row on a pool without fee money: {row.get('error_message')}, "
                            f"included {row.get('included')}")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
