#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The storage/ row against the chain: runs the zkload binary's storage/closed/concurrency:8 row on
an anvil of its own, then reads every block. The row's `included` must equal the fill calls the
chain holds (less the one zkload makes to check the operation before the row), all to one fresh
contract, none reverted, and that contract must say each sender filled --slots slots per call it
made. Usage: check_storage_on_chain.py ZKLOAD ANVIL"""
import sys

from anvil_chain import address_word, anvil_chain, call_uint, calls_to, finish, run_row

# Selectors, keccak256 of the signatures (ethers' id()): fill(uint256), filled(address).
FILL = "0x3fda5389"
FILLED = "0x3fca4118"
SLOTS = 3
TXS = 200


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    zkload, anvil_path = sys.argv[1:]
    with anvil_chain(anvil_path) as (url, tmp):
        row = run_row(zkload, url, tmp, "storage/closed/concurrency:8/", "--txs", str(TXS), "--wallets", "20",
                      "--slots", str(SLOTS))
        calls = calls_to(url, FILL)
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
        per_sender = {}
        for _, sender, status in calls:
            per_sender[sender] = per_sender.get(sender, 0) + (status == 1)
        if len(contracts) == 1:
            contract = next(iter(contracts))
            for sender, count in sorted(per_sender.items()):
                filled = call_uint(url, contract, FILLED + address_word(sender))
                if filled != count * SLOTS:
                    problems.append(f"{sender} made {count} calls but filled {filled} slots, not {count * SLOTS}")
        if f"{SLOTS} fresh storage slots a call" not in row.get("label", ""):
            problems.append(f"the label does not say what a call writes: {row.get('label')!r}")
        finish(problems, f"storage row: {row['included']:.0f} included = {len(calls) - 1} fill calls in the chain "
                         f"(+1 check) from {len(per_sender)} wallets, {SLOTS} slots each, none reverted")


if __name__ == "__main__":
    main()
