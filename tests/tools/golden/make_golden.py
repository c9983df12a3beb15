#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the golden result files of tests/tools (run it again only to change them; the files
are committed). Hand-made rows in zkload's naming, shaped as Google Benchmark 1.7 writes them."""
import copy
import json
import math
import pathlib

HERE = pathlib.Path(__file__).resolve().parent


def context(host="ci-a", sha="1111111", **extra):
    base = {"date": "2026-11-28T10:00:00+00:00", "host_name": host,
            "executable": "build/benchmarks/zkload", "num_cpus": 2, "mhz_per_cpu": 2596,
            "cpu_scaling_enabled": False, "caches": [], "load_avg": [0.5, 0.4, 0.3],
            "library_build_type": "debug", "zkload_version": "0.1.0", "zkload_git_sha": sha,
            "node_client_version": "anvil/v1.7.1", "chain_id": "31337", "chain_kind": "evm"}
    base.update(extra)
    return base


def row(name, real_time, unit="ms", rep=None, reps=1, aggregate=None, **counters):
    out = {"name": name if aggregate is None else f"{name}_{aggregate}", "run_name": name,
           "run_type": "iteration" if aggregate is None else "aggregate",
           "repetitions": reps, "threads": 1, "iterations": 1,
           "real_time": real_time, "cpu_time": real_time / 10, "time_unit": unit}
    if aggregate is None:
        out["repetition_index"] = rep or 0
    else:
        out["aggregate_name"] = aggregate
        out["aggregate_unit"] = "percentage" if aggregate == "cv" else "time"
    out.update(counters)
    return out


def error_row(name, message):
    return {"name": name, "run_name": name, "run_type": "iteration", "repetitions": 1,
            "repetition_index": 0, "threads": 1, "error_occurred": True,
            "error_message": message, "iterations": 1, "real_time": 0, "cpu_time": 0,
            "time_unit": "ms"}


def closed(n, rate, p99):
    return row(f"eth_transfer/closed/concurrency:{n}", 1e3 / rate, included_per_s=rate,
               submitted_per_s=rate * 1.01, incl_p50_ms=p99 / 3, incl_p90_ms=p99 / 1.5,
               incl_p99_ms=p99, incl_p999_ms=p99 * 1.5, ack_p50_us=300, ack_p99_us=900,
               failed_nonce=0, gen_cpu_us_per_tx=45, gen_cpu_pct=12.0 * n ** 0.3,
               node_cpu_pct=60.0 * n ** 0.25, label="")


def opened(rate, included, p50, late=0):
    return row(f"eth_transfer/open/rate:{rate}", 1e3 / included, included_per_s=included,
               offered_per_s=rate, submitted_per_s=included, incl_p50_ms=p50,
               incl_p90_ms=p50 * 2, incl_p99_ms=p50 * 4, incl_p999_ms=p50 * 6, late=late)


def base_rows():
    rows = [closed(1, 100, 30), closed(8, 700, 45), closed(64, 2000, 120)]
    rows += [opened(100, 100, 20), opened(500, 499, 22), opened(1000, 985, 40),
             opened(2000, 1400, 900, late=3000)]
    rows.append(row("deposit_eth/closed/concurrency:4", 12000, included_per_s=0.33,
                    l1_incl_p50_ms=2100, l1_incl_p99_ms=4000, l2_exec_p50_ms=900,
                    l2_exec_p99_ms=1500, finalize_p50_s=8.5, finalize_p99_s=12.0))
    rows += [row(f"fund/{s}/wallets:{n}", t, unit="s") for s, n, t in
             (("multisend", 100, 1.2), ("multisend", 1000, 4.5), ("multisend", 10000, 31.0),
              ("transfer", 100, 3.0), ("transfer", 1000, 29.0))]
    rows.append(row("rpc/eth_blockNumber", 0.05, calls_per_s=20000.0))
    rows.append(row("micro/keccak/32", 310.0, unit="ns", bytes_per_second=1.0e8))
    rows.append(row("deploy/closed/concurrency:8", 20.0, included_per_s=50.0, incl_p99_ms=300))
    rows.append(error_row("rpc/eth_call", "the node refused eth_call: method not found"))
    return rows


def scaled(rows, name, **factors):
    """A copy of rows in which row `name` has each named value multiplied."""
    out = copy.deepcopy(rows)
    for item in out:
        if item["name"] == name:
            for key, factor in factors.items():
                item[key] *= factor
    return out


def write(name, document):
    (HERE / name).write_text(json.dumps(document, indent=1) + "\n")


def repetitions(name, values, reps_noise, extra_ms=0.0):
    rows = []
    for index, rate in enumerate(values):
        rows.append(row(name, 1e3 / rate + extra_ms, rep=index, reps=len(values),
                        included_per_s=rate, incl_p99_ms=100 + reps_noise[index]))
    return rows


def aggregates(name, values):
    rows = []
    mean = sum(values) / len(values)
    stddev = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
    median = sorted(values)[len(values) // 2]
    for aggregate, value in (("mean", mean), ("median", median), ("stddev", stddev),
                             ("cv", stddev / mean)):
        if aggregate == "cv":
            rows.append(row(name, value, reps=len(values), aggregate="cv", included_per_s=value))
        elif aggregate == "stddev":
            rows.append(row(name, 1e3 * stddev / mean ** 2, reps=len(values),
                            aggregate=aggregate, included_per_s=value))
        else:
            rows.append(row(name, 1e3 / value, reps=len(values), aggregate=aggregate,
                            included_per_s=value))
    return rows


def main():
    base = base_rows()
    write("base.json", {"context": context(), "benchmarks": base})
    within = scaled(base, "eth_transfer/closed/concurrency:64", real_time=1.03,
                    included_per_s=0.97, incl_p99_ms=1.04)
    within = [r for r in within if r["name"] != "micro/keccak/32"]  # one-sided rows
    within.append(row("rpc/eth_getBalance", 0.06, calls_per_s=16000.0))
    write("within_limits.json", {"context": context(sha="2222222"), "benchmarks": within})
    worse = scaled(base, "eth_transfer/closed/concurrency:64", real_time=1.25,
                   included_per_s=0.8, incl_p99_ms=1.3)
    write("regression.json", {"context": context(sha="3333333"), "benchmarks": worse})
    failing = [error_row(r["name"], "the node refused: read-only endpoint")
               if r["name"] == "deploy/closed/concurrency:8" else r for r in base]
    write("new_error.json", {"context": context(sha="4444444"), "benchmarks": failing})
    write("other_host.json", {"context": context(host="ci-b", num_cpus=16), "benchmarks": base})

    # Three repetitions with aggregates; and a row written with aggregates only.
    old3, new3 = [100.0, 104.0, 98.0], [86.0, 88.0, 85.0]
    name = "erc20_transfer/closed/concurrency:8"
    only = "erc20_transfer/closed/concurrency:64"
    write("reps3_old.json", {"context": context(), "benchmarks":
          repetitions(name, old3, [0, 1, 2]) + aggregates(name, old3)
          + aggregates(only, [300.0, 310.0, 290.0])})
    write("reps3_new.json", {"context": context(sha="5555555"), "benchmarks":
          repetitions(name, new3, [0, 1, 2]) + aggregates(name, new3)
          + aggregates(only, [301.0, 305.0, 296.0])})

    # Ten repetitions: a real 8% shift with 1% noise, and a 6% median difference in 20% noise.
    name10 = "eth_transfer/closed/concurrency:512"
    steady = [1000, 1010, 990, 1005, 995, 1012, 988, 1003, 997, 1001]
    noisy = [1000, 1250, 800, 1150, 850, 1300, 700, 1080, 920, 1010]
    noisy_new = [940, 1180, 760, 1300, 720, 1200, 950, 840, 1050, 760]
    flat = [0] * 10
    write("reps10_old.json", {"context": context(), "benchmarks":
          repetitions(name10, steady, flat)
          + repetitions("noisy/closed/concurrency:1", noisy, flat)})
    write("reps10_new.json", {"context": context(sha="6666666"), "benchmarks":
          repetitions(name10, [v * 0.92 for v in steady], flat)
          + repetitions("noisy/closed/concurrency:1", noisy_new, flat)})

    nan_old = [row("eth_transfer/closed/concurrency:1", 10.0, included_per_s=100.0,
                   incl_p99_ms=float("nan"), incl_p999_ms=50.0, gas_per_s=float("inf")),
               row("rpc/eth_blockNumber", 0.05, calls_per_s=float("nan"))]
    nan_new = [row("eth_transfer/closed/concurrency:1", 10.1, included_per_s=99.0,
                   incl_p99_ms=40.0, incl_p999_ms=float("inf"), gas_per_s=float("inf")),
               row("rpc/eth_blockNumber", 0.05, calls_per_s=19000.0)]
    write("nan_inf_old.json", {"context": context(), "benchmarks": nan_old})
    write("nan_inf_new.json", {"context": context(sha="7777777"), "benchmarks": nan_new})

    write("micro_only.json", {"context": context(), "benchmarks":
          [row("micro/keccak/32", 310.0, unit="ns"),
           row("micro/sign/eip1559", 41000.0, unit="ns")]})
    write("not_benchmark.json", {"rows": [], "note": "JSON, but not Google Benchmark output"})
    (HERE / "not_json.txt").write_text("eth_transfer 100 tx/s\n")
    text = (HERE / "base.json").read_text()
    (HERE / "truncated.json").write_text(text[: len(text) // 2])


if __name__ == "__main__":
    main()
