# SPDX-License-Identifier: Apache-2.0
"""What the operation-row checks share: an anvil of their own on a free loopback port (stopped by
its pid), a zkload run against it, and the calls a chain holds."""
import contextlib
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


def rpc(url, method, params):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        answer = json.loads(reply.read())
    if "error" in answer:
        raise RuntimeError(f"{method}: {answer['error']}")
    return answer["result"]


def call_uint(url, to, data):
    return int(rpc(url, "eth_call", [{"to": to, "data": data}, "latest"]), 16)


def address_word(address):
    return "0" * 24 + address[2:].lower()


# What the operation rows want of the chain: room for a concurrency-64 row's blocks, and cancun.
ROW_CHAIN = ("--gas-limit", "1000000000", "--hardfork", "cancun")


@contextlib.contextmanager
def anvil_chain(anvil_path, chain_args=ROW_CHAIN, block_time="1"):
    """Yields (url, temporary folder) while an anvil with `block_time` seconds between blocks and
    `chain_args` runs."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        anvil = subprocess.Popen([anvil_path, "--host", "127.0.0.1", "--port", str(port), "--block-time", block_time,
                                  *chain_args],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 30
            while True:
                if anvil.poll() is not None:
                    sys.exit(f"anvil exited with {anvil.returncode} before answering")
                try:
                    rpc(url, "eth_chainId", [])
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        sys.exit("anvil did not answer within 30 s")
                    time.sleep(0.1)
            yield url, pathlib.Path(tmp)
        finally:
            anvil.send_signal(signal.SIGTERM)
            try:
                anvil.wait(timeout=10)
            except subprocess.TimeoutExpired:
                anvil.kill()
                anvil.wait()


def run_row(zkload, url, tmp, row, *flags):
    """Runs one row of the zkload binary on the chain (pool funded by the dev key, state in tmp);
    returns its JSON row, or exits naming why it did not run."""
    out = tmp / "row.json"
    env = dict(os.environ, ZKLOAD_RICH_KEY=ANVIL_KEY, ZKLOAD_STATE_DIR=str(tmp / "state"))
    run = subprocess.run([zkload, "--rpc-url", url, f"--benchmark_filter={row}", *flags, f"--benchmark_out={out}"],
                         env=env, capture_output=True, text=True, timeout=240)
    if run.returncode != 0:
        sys.exit(f"zkload exited {run.returncode}:\n{run.stderr[-3000:]}")
    result = json.loads(out.read_text())["benchmarks"][0]
    if result.get("error_occurred") or result.get("skipped"):
        sys.exit(f"{row} did not run: {result.get('error_message') or result.get('skip_message')}")
    return result


def block_number(url):
    return int(rpc(url, "eth_blockNumber", []), 16)


def calls(url, input_matches, first_block=0):
    """Every transaction to an address from `first_block` on whose input `input_matches`:
    (to, from, status) in chain order."""
    found = []
    for number in range(first_block, block_number(url) + 1):
        block = rpc(url, "eth_getBlockByNumber", [hex(number), True])
        for tx in block["transactions"]:
            if tx["to"] and input_matches(tx["input"]):
                receipt = rpc(url, "eth_getTransactionReceipt", [tx["hash"]])
                found.append((tx["to"], tx["from"], int(receipt["status"], 16)))
    return found


def calls_to(url, selector, first_block=0):
    """The calls of one function (its selector)."""
    return calls(url, lambda data: data.startswith(selector), first_block)


def plain_transfers(url, first_block=0):
    """The transactions without input: value transfers."""
    return calls(url, lambda data: data == "0x", first_block)


def finish(problems, summary):
    for p in problems:
        print(p)
    if problems:
        sys.exit(f"{len(problems)} problems")
    print(summary)
