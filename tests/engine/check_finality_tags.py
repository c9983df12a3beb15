#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""On an EVM chain a write row's sampled transactions are followed to the safe and finalized
block tags after the row, when --stage-timeout asks for it. The zkload binary runs an ETH row on an
anvil of its own with 0.1 s blocks (anvil marks a block safe 32 blocks and finalized 64 blocks
behind the head: about 3.2 s and 6.4 s here). Checked:
- with --stage-timeout 30 (and the default --stage-sample, 1%): the row followed 20 of its 2,000
  transactions (every 100th), every one reached both tags, safe before finalized, each 2 to 15 s
  after the row saw its block (the tags' lag, the polls' pause); the following took fewer calls
  than 1% of the row's transactions (the issue's budget: under 1% of the node's load of the row,
  which is at least one call per transaction);
- without --stage-timeout (the default) the row reports no stage at all.
Usage: check_finality_tags.py ZKLOAD ANVIL"""
import sys

from anvil_chain import anvil_chain, run_row

ROW = "eth_transfer/closed/concurrency:8/"
TXS = 2000


def main(zkload, anvil):
    problems = []
    with anvil_chain(anvil, block_time="0.1") as (url, tmp):
        row = run_row(zkload, url, tmp, ROW, "--txs", str(TXS), "--wallets", "20", "--stage-timeout", "30")
        plain = run_row(zkload, url, tmp, ROW, "--txs", str(TXS), "--wallets", "20")
    stages = {k: v for k, v in row.items() if k.startswith(("stage_", "safe_", "finalized_", "commit_"))}
    print(f"with --stage-timeout: {stages}")
    if row.get("stage_samples") != TXS // 100:
        problems.append(f"expected {TXS // 100} transactions followed (every 100th), got {row.get('stage_samples')}")
    for tag in ("safe", "finalized"):
        if row.get(f"{tag}_reached") != row.get("stage_samples"):
            problems.append(f"{tag}: {row.get(f'{tag}_reached')} of {row.get('stage_samples')} reached it")
        if not 2 <= row.get(f"{tag}_p50_s", 0) <= 15:
            problems.append(f"{tag}_p50_s {row.get(f'{tag}_p50_s')} is outside 2 to 15 s")
    if row.get("safe_p50_s", 0) > row.get("finalized_p50_s", 0):
        problems.append("a block was finalized before it was safe")
    if any(k.startswith(("commit_", "prove_", "execute_")) for k in row):
        problems.append("zkSync's stages on an EVM chain")
    if not 0 < row.get("stage_requests", 0) < 0.01 * TXS:
        problems.append(f"the following took {row.get('stage_requests')} calls for a row of {TXS}")
    leaked = [k for k in plain if k.startswith(("stage_", "safe_", "finalized_"))]
    if leaked:
        problems.append(f"a row without --stage-timeout reports stages: {leaked}")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
