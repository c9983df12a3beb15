#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The swap/ row against the chain, twice on one anvil of its own: with the defaults (every swap
fills), and with swaps large enough to move the price past a 0.1% slippage within a few swaps (most
revert). Each time the row's `included` and `reverted` must equal the swaps the chain holds with
status 1 (less the check zkload makes before the row) and status 0, all to the row's own fresh
pair, and the pair's ether reserve must have grown by exactly the ether of the swaps that filled.
Usage: check_swap_on_chain.py ZKLOAD ANVIL"""
import sys

from anvil_chain import anvil_chain, block_number, call_uint, calls_to, finish, run_row

# Selectors, keccak256 of the signatures (ethers' id()).
SWAP = "0xb9a1454f"  # swapExactEthForTokens(uint256)
RESERVE_ETH = "0x899b1528"  # reserveEth()
LIQUIDITY_WEI = 10**12  # fixtures/operations/swap.cpp
TXS = 200


def check(url, row, first_block, swap_wei, what):
    calls = calls_to(url, SWAP, first_block)
    problems = []
    pairs = {c for c, _, _ in calls}
    if len(pairs) != 1:
        return [f"{what}: swaps went to {len(pairs)} pairs, expected the row's one fresh pair"]
    filled = sum(1 for c in calls if c[2] == 1)
    reverted = len(calls) - filled
    # One more filled swap in the chain than the row counts: the check before the row.
    if row["included"] != filled - 1 or row["reverted"] != reverted:
        problems.append(f"{what}: the row counts {row['included']} included and {row['reverted']} reverted, the "
                        f"chain holds {filled} filled swaps (one of them the check) and {reverted} reverted")
    if row["included"] + row["reverted"] != TXS:
        problems.append(f"{what}: {row['included'] + row['reverted']} swaps in blocks, {TXS} were asked for")
    reserve = call_uint(url, next(iter(pairs)), RESERVE_ETH)
    if reserve != LIQUIDITY_WEI + filled * swap_wei:
        problems.append(f"{what}: the pair holds {reserve} wei, not {LIQUIDITY_WEI} + {filled} x {swap_wei}")
    print(f"{what}: {filled - 1} filled (+1 check), {reverted} reverted, as the chain shows")
    return problems


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    zkload, anvil_path = sys.argv[1:]
    with anvil_chain(anvil_path) as (url, tmp):
        common = ("--txs", str(TXS), "--wallets", "20")
        start = block_number(url) + 1
        row = run_row(zkload, url, tmp, "swap/closed/concurrency:8/", *common)
        problems = check(url, row, start, 1000, "default swaps")
        if row["reverted"] != 0:
            problems.append(f"default swaps: {row['reverted']} reverted; the default slippage should hold them all")
        start = block_number(url) + 1
        row = run_row(zkload, url, tmp, "swap/closed/concurrency:8/", *common, "--swap-wei", "100000000",
                      "--swap-slippage-bps", "10")
        problems += check(url, row, start, 100_000_000, "large swaps")
        if not 0 < row["reverted"] < TXS:
            problems.append(f"large swaps: {row['reverted']} reverted; some should fill before the price moves "
                            "past 0.1%, and the rest revert")
        if "0.10% slippage allowed" not in row.get("label", ""):
            problems.append(f"the label does not say the slippage: {row.get('label')!r}")
        finish(problems, "swap rows count what the chain holds, reverts included")


if __name__ == "__main__":
    main()
