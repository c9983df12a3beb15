#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The storage/ row against the chain: starts anvil on a free loopback port, runs the zkload binary's
storage/closed/concurrency:8 row on it, then reads every block. The row's `included` must equal the
fill calls the chain holds (less the one zkload makes to check the operation before the row), all
to one fresh contract, none reverted, and that contract must say each sender filled --slots slots
per call it made. Usage: check_storage_on_chain.py ZKLOAD ANVIL"""
import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

# anvil's first dev account's key (public, from its default mnemonic): funds the wallet pool.
ANVIL_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
# Selectors, keccak256 of the signatures (ethers' id()): fill(uint256), filled(address).
FILL = "0x3fda5389"
FILLED = "0x3fca4118"
SLOTS = 3
TXS = 200


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rpc(url, method, params):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        answer = json.loads(reply.read())
    if "error" in answer:
        raise RuntimeError(f"{method}: {answer['error']}")
    return answer["result"]


def wait_for(url, anvil):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if anvil.poll() is not None:
            sys.exit(f"anvil exited with {anvil.returncode} before answering")
        try:
            return rpc(url, "eth_chainId", [])
        except OSError:
            time.sleep(0.1)
    sys.exit("anvil did not answer within 30 s")


def fill_calls(url):
    """Every fill call in the chain: (contract, sender, status)."""
    calls = []
    for number in range(int(rpc(url, "eth_blockNumber", []), 16) + 1):
        block = rpc(url, "eth_getBlockByNumber", [hex(number), True])
        for tx in block["transactions"]:
            if tx["input"].startswith(FILL) and tx["to"]:
                receipt = rpc(url, "eth_getTransactionReceipt", [tx["hash"]])
                calls.append((tx["to"], tx["from"], int(receipt["status"], 16)))
    return calls


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    zkload, anvil_path = sys.argv[1:]
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        anvil = subprocess.Popen([anvil_path, "--host", "127.0.0.1", "--port", str(port), "--block-time", "1",
                                  "--gas-limit", "1000000000", "--hardfork", "cancun"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(url, anvil)
            out = pathlib.Path(tmp) / "storage.json"
            env = dict(os.environ, ZKLOAD_RICH_KEY=ANVIL_KEY, ZKLOAD_STATE_DIR=str(pathlib.Path(tmp) / "state"))
            run = subprocess.run([zkload, "--rpc-url", url, "--benchmark_filter=storage/closed/concurrency:8/",
                                  "--txs", str(TXS), "--wallets", "20", "--slots", str(SLOTS),
                                  f"--benchmark_out={out}"], env=env, capture_output=True, text=True, timeout=240)
            if run.returncode != 0:
                sys.exit(f"zkload exited {run.returncode}:\n{run.stderr[-3000:]}")
            row = json.loads(out.read_text())["benchmarks"][0]
            if row.get("error_occurred") or row.get("skipped"):
                sys.exit(f"the row did not run: {row.get('error_message') or row.get('skip_message')}")
            calls = fill_calls(url)
            problems = []
            contracts = {c for c, _, _ in calls}
            if len(contracts) != 1:
                problems.append(f"fill calls went to {len(contracts)} contracts, expected one fresh contract")
            reverted = [c for c in calls if c[2] != 1]
            if reverted or row["reverted"] != 0:
                problems.append(f"{len(reverted)} fill calls reverted in the chain, the row says {row['reverted']}")
            # One more in the chain than the row counts: the check zkload makes before the row.
            if row["included"] != TXS or len(calls) - 1 != row["included"]:
                problems.append(f"the row counts {row['included']} included, the chain holds {len(calls)} fill "
                                f"calls (one of them the check), {TXS} were asked for")
            if contracts:
                contract = contracts.pop()
                per_sender = {}
                for _, sender, status in calls:
                    per_sender[sender] = per_sender.get(sender, 0) + (status == 1)
                for sender, count in sorted(per_sender.items()):
                    word = "0x" + "0" * 24 + sender[2:].lower()
                    filled = int(rpc(url, "eth_call", [{"to": contract, "data": FILLED + word[2:]}, "latest"]), 16)
                    if filled != count * SLOTS:
                        problems.append(f"{sender} made {count} calls but filled {filled} slots, not {count * SLOTS}")
            label = row.get("label", "")
            if f"{SLOTS} fresh storage slots a call" not in label:
                problems.append(f"the label does not say what a call writes: {label!r}")
            for p in problems:
                print(p)
            if problems:
                sys.exit(f"{len(problems)} problems")
            print(f"storage row: {row['included']} included = {len(calls) - 1} fill calls in the chain "
                  f"(+1 check) from {len(per_sender)} wallets, {SLOTS} slots each, none reverted")
        finally:
            anvil.send_signal(signal.SIGTERM)
            try:
                anvil.wait(timeout=10)
            except subprocess.TimeoutExpired:
                anvil.kill()
                anvil.wait()


if __name__ == "__main__":
    main()
