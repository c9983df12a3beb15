#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""A pool state file written by the last release (format version 1, golden/pool-state-v1.json) is
taken over by this zkload on the chain it describes: nothing deployed or paid again, the file
rewritten as version 2 with the same contracts in its map, and a row runs on the recorded token.

The chain: an anvil with the golden file's fixed genesis (see golden/README.md). This zkload first
funds a pool in a folder of its own, which deploys the token and multisend at the funder's nonces
0 and 1, where the release put them. Then the release's file goes into a second folder and this
zkload funds from it. Usage: check_state_migration.py ZKLOAD ANVIL"""
import json
import os
import pathlib
import shutil
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "engine"))
from anvil_chain import ANVIL_KEY, anvil_chain, calls_to, finish, rpc  # noqa: E402

GOLDEN = pathlib.Path(__file__).resolve().parent / "golden" / "pool-state-v1.json"
# anvil's first dev account, the address of ANVIL_KEY.
FUNDER = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"
TRANSFER = "0xa9059cbb"  # transfer(address,uint256)


def zkload(binary, url, state_dir, *flags):
    env = dict(os.environ, ZKLOAD_RICH_KEY=ANVIL_KEY)
    run = subprocess.run([binary, "--rpc-url", url, "--wallets", "10", "--fund-strategy", "multisend",
                          "--state-dir", str(state_dir), *flags], env=env, capture_output=True, text=True,
                         timeout=240)
    if run.returncode != 0:
        sys.exit(f"zkload {' '.join(flags)} exited {run.returncode}:\n{run.stdout[-2000:]}{run.stderr[-3000:]}")
    return run.stdout


def funder_nonce(url):
    return int(rpc(url, "eth_getTransactionCount", [FUNDER, "latest"]), 16)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, anvil_path = sys.argv[1:]
    release = json.loads(GOLDEN.read_text())
    if release["format_version"] != 1:
        sys.exit(f"{GOLDEN} must stay the version-1 file the release wrote")
    with anvil_chain(anvil_path, ("--timestamp", "1700000000")) as (url, tmp):
        problems = []
        genesis = rpc(url, "eth_getBlockByNumber", ["0x0", False])["hash"]
        if genesis != release["genesis_hash"]:
            sys.exit(f"anvil's genesis is {genesis}, the golden file's {release['genesis_hash']}: "
                     "anvil no longer derives its genesis from --timestamp alone")
        zkload(binary, url, tmp / "fresh", "--fund")

        migrated = tmp / "migrated"
        migrated.mkdir()
        state_file = migrated / f"pool-31337-{genesis[2:]}.json"
        shutil.copyfile(GOLDEN, state_file)
        nonce_before = funder_nonce(url)
        out = zkload(binary, url, migrated, "--fund")
        if funder_nonce(url) != nonce_before:
            problems.append(f"the funder sent {funder_nonce(url) - nonce_before} transactions: the release's "
                            "state was not trusted, or its contracts were deployed again")
        aside = [p.name for p in migrated.iterdir() if ".corrupt-" in p.name]
        if aside:
            problems.append(f"the release's state file was moved aside as corrupt: {aside}")
        state = json.loads(state_file.read_text())
        expected = {name: release[name] for name in ("token", "multisend")}
        if state.get("format_version") != 2 or state.get("contracts") != expected:
            problems.append(f"the rewritten state is version {state.get('format_version')} with contracts "
                            f"{state.get('contracts')}, expected version 2 with {expected}")
        for field in ("seed_name", "pool_size", "chain_id", "genesis_hash"):
            if state.get(field) != release[field]:
                problems.append(f"{field} became {state.get(field)!r}, the release wrote {release[field]!r}")
        for name, address in expected.items():
            if f"{name} {address}" not in out:
                problems.append(f"--fund does not show {name} at {address}:\n{out}")

        first_block = int(rpc(url, "eth_blockNumber", []), 16) + 1
        row_json = tmp / "row.json"
        zkload(binary, url, migrated, "--benchmark_filter=erc20_transfer/closed/concurrency:1/", "--txs", "20",
               f"--benchmark_out={row_json}")
        row = json.loads(row_json.read_text())["benchmarks"][0]
        tokens = {to for to, _, status in calls_to(url, TRANSFER, first_block) if status == 1}
        if row.get("included") != 20 or tokens != {release["token"]}:
            problems.append(f"the ERC20 row included {row.get('included')} of 20 transfers, to the contracts "
                            f"{sorted(tokens)}; expected the release's token {release['token']}")
        finish(problems, f"the release's state file was taken over: no transaction, rewritten as version 2 with "
                         f"{expected}, and the ERC20 row sent its 20 transfers to the recorded token")


if __name__ == "__main__":
    main()
