#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The mix/ row against the chain: runs the zkload binary's mix/closed/concurrency:8 row with
--mix eth_transfer=50,storage=30,swap=20 on an anvil of its own, the swaps so large that most of
them revert (slippage), then reads every block. Per operation, the row's <op>_included and <op>_reverted must equal what the chain holds by status
(less the one check zkload makes of each operation before the row), and the three must make up
the row's total. Usage: check_mix_on_chain.py ZKLOAD ANVIL"""
import sys

from anvil_chain import anvil_chain, calls_to, finish, plain_transfers, run_row

FILL = "0x3fda5389"  # StorageFill.fill(uint256)
SWAP = "0xb9a1454f"  # SwapPair.swapExactEthForTokens(uint256)
TXS = 300
WEIGHTS = {"eth_transfer": 50, "storage": 30, "swap": 20}


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    zkload, anvil_path = sys.argv[1:]
    with anvil_chain(anvil_path) as (url, tmp):
        mix = ",".join(f"{op}={w}" for op, w in WEIGHTS.items())
        row = run_row(zkload, url, tmp, "mix/closed/concurrency:8/", "--mix", mix, "--txs", str(TXS),
                      "--wallets", "20", "--swap-wei", "100000000", "--swap-slippage-bps", "10")
        chain = {"eth_transfer": plain_transfers(url), "storage": calls_to(url, FILL), "swap": calls_to(url, SWAP)}
        problems = []
        total = 0
        for op, found in chain.items():
            filled = sum(1 for c in found if c[2] == 1)
            reverted = len(found) - filled
            got = (row.get(f"{op}_included"), row.get(f"{op}_reverted"))
            # One more with status 1 in the chain than the row counts: the check of the operation.
            if got != (filled - 1, reverted):
                problems.append(f"{op}: the row counts {got[0]} included and {got[1]} reverted, the chain holds "
                                f"{filled} (one of them the check) and {reverted}")
            total += filled - 1 + reverted
            share = (filled - 1 + reverted) / TXS
            if abs(share - WEIGHTS[op] / 100) > 0.12:
                problems.append(f"{op}: {share:.0%} of the row's transactions, its weight is {WEIGHTS[op]}%")
            print(f"{op}: {filled - 1} included (+1 check), {reverted} reverted; "
                  f"{row.get(f'{op}_included_per_s', 0):.1f}/s, p99 {row.get(f'{op}_incl_p99_ms', 0):.0f} ms")
        if not row.get("swap_reverted") or row.get("eth_transfer_reverted") or row.get("storage_reverted"):
            problems.append("the swaps, and only they, should have reverted: "
                            + ", ".join(f"{op} {row.get(op + '_reverted')}" for op in WEIGHTS))
        if total != TXS or row["included"] + row["reverted"] != TXS:
            problems.append(f"the chain holds {total} of the row's transactions and the row counts "
                            f"{row['included'] + row['reverted']}; {TXS} were asked for")
        if f"mix {mix}" not in row.get("label", ""):
            problems.append(f"the label does not name the mix: {row.get('label')!r}")
        finish(problems, "the mix row counts each operation as the chain holds it")


if __name__ == "__main__":
    main()
