#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Shape test of zkload's JSON output (google/benchmark "output test" style): the rows and the
context keys a reader needs are there, no row errored, and the numbers are sane."""
import json
import sys

EXPECTED_ROWS = [
    "micro/keccak/32", "micro/keccak/200", "micro/sign/eip1559_transfer",
    "micro/rlp/encode_eip1559_transfer", "micro/rpc/eth_chainId/blocking/real_time",
    "micro/rpc/eth_chainId/multi/in_flight:32/real_time",
]
EXPECTED_CONTEXT = ["zkload_version", "zkload_git_sha", "node_client_version", "chain_id",
                    "chain_kind", "block_gas_limit", "devnet_flags", "library_build_type"]


def main(path):
    with open(path) as f:
        doc = json.load(f)
    problems = []
    context = doc["context"]
    problems += [f"context lacks {k}" for k in EXPECTED_CONTEXT if k not in context]
    if context.get("chain_id") != "31337" or context.get("chain_kind") != "evm":
        problems.append(f"devnet context wrong: {context.get('chain_id')} {context.get('chain_kind')}")
    rows = {row["name"]: row for row in doc["benchmarks"]}
    problems += [f"row missing: {name}" for name in EXPECTED_ROWS if name not in rows]
    for name, row in rows.items():
        if row.get("error_occurred"):
            problems.append(f"{name} errored: {row.get('error_message')}")
        elif not row["real_time"] > 0 or not row["cpu_time"] > 0:
            problems.append(f"{name} has no time")
    multi = rows.get("micro/rpc/eth_chainId/multi/in_flight:32/real_time", {})
    if multi and not 1 <= multi.get("connections", 0) <= 32:
        problems.append(f"in_flight:32 used {multi.get('connections')} connections")
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(rows)} rows checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
