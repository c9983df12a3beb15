#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Writes real Prometheus exposition text with the prometheus_client library (Debian's
python3-prometheus-client), named like a zkSync Era server's series, plus what the C++ parser
must read back from it.

Usage: write_exposition.py OUT_DIR
Writes OUT_DIR/exposition.txt (text format 0.0.4), OUT_DIR/exposition.openmetrics.txt
(OpenMetrics 1.0) and OUT_DIR/expected.json: every sample the library wrote (name, labels,
value as a hexadecimal float, so no decimal rounding hides a parsing error), and the figures a
zkSync snapshot must find."""
import json
import math
import pathlib
import sys

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.openmetrics.exposition import generate_latest as generate_openmetrics

WEB3_BUCKETS = (0.001, 0.005, 0.025, 0.1, 0.5, 2.5, 10.0)
# A backslash and a newline, which HELP lines escape.
PROCESSED_HELP = "Transactions by stage\\ handled.\nSecond line"


def build_registry():
    registry = CollectorRegistry()
    processed = Counter("server_processed_txs", PROCESSED_HELP,
                        ["stage"], registry=registry)
    processed.labels("mempool_added").inc(123456)
    processed.labels("state_keeper").inc(120001.5)
    processed.labels("duplicated").inc(7)
    mempool = Gauge("server_state_keeper_mempool_l2_size", "L2 transactions in the mempool",
                    registry=registry)
    mempool.set(3456)
    web3 = Histogram("api_web3_call", "Latency of a Web3 call", ["method"],
                     buckets=WEB3_BUCKETS, registry=registry)
    for seconds in (0.0004, 0.003, 0.02, 0.02, 0.3, 1.7):
        web3.labels("eth_sendRawTransaction").observe(seconds)
    for seconds in (0.0002, 0.0009, 0.004):
        web3.labels("eth_getBalance").observe(seconds)
    odd = Gauge("zkload_test_odd_values", "Values that stress the number syntax",
                ["case"], registry=registry)
    odd.labels("nan").set(math.nan)
    odd.labels("plus_inf").set(math.inf)
    odd.labels("minus_inf").set(-math.inf)
    odd.labels("tiny").set(1e-300)
    odd.labels("huge").set(1.7976931348623157e308)
    odd.labels("third").set(1 / 3)
    odd.labels("negative").set(-42.125)
    odd.labels('quote " backslash \\ newline \n end').set(0.1 + 0.2)
    return registry


def expected_samples(registry):
    samples = []
    for family in registry.collect():
        for sample in family.samples:
            samples.append({"name": sample.name,
                            "labels": dict(sample.labels),
                            "value": float(sample.value).hex()})
    return samples


def main():
    out_dir = pathlib.Path(sys.argv[1])
    out_dir.mkdir(parents=True, exist_ok=True)
    registry = build_registry()
    (out_dir / "exposition.txt").write_bytes(generate_latest(registry))
    (out_dir / "exposition.openmetrics.txt").write_bytes(generate_openmetrics(registry))
    sends = (0.0004, 0.003, 0.02, 0.02, 0.3, 1.7)
    reads = (0.0002, 0.0009, 0.004)
    expected = {
        "samples": expected_samples(registry),
        "help": {"server_processed_txs_total": PROCESSED_HELP},
        "zksync": {
            "mempool_added": float(123456).hex(),
            "state_keeper_processed": float(120001.5).hex(),
            "mempool_l2_size": float(3456).hex(),
            "web3_call_count": float(len(sends) + len(reads)).hex(),
            "web3_call_seconds_sum": (sum(sends) + sum(reads)).hex(),
        },
    }
    (out_dir / "expected.json").write_text(json.dumps(expected, indent=1))


if __name__ == "__main__":
    main()
