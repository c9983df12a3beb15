#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The rows a user's filters and compare baselines name stay as they were: the zkload binary lists
every row of golden/rows_and_counters.json (written by the binary before operations became
plug-ins; its "made_by" says how), soak rows included, in the same order among themselves (new rows
may come between them), and each row of the smoke run's JSON carries the same keys. Usage: check_rows_unchanged.py ZKLOAD SMOKE_LOAD_JSON"""
import json
import pathlib
import subprocess
import sys

GOLDEN = pathlib.Path(__file__).resolve().parent / "golden" / "rows_and_counters.json"
# Counters a row sets only when something happened: an open loop's idle share exists only when
# one of its starts was behind its schedule.
CONDITIONAL = {"behind_idle_pct"}


def listed(zkload, *args):
    proc = subprocess.run([zkload, "--benchmark_list_tests", *args], capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        sys.exit(f"zkload --benchmark_list_tests {' '.join(args)} exited {proc.returncode}: {proc.stderr.strip()}")
    return [line for line in proc.stdout.splitlines() if line]


def sequence_problems(what, got, want):
    """Rows may be added; none may go, and those there before keep their order."""
    problems = [f"{what}: missing {name}" for name in want if name not in got]
    kept = [name for name in got if name in want]
    if not problems and kept != want:
        first = next(i for i, (a, b) in enumerate(zip(kept, want)) if a != b)
        problems.append(f"{what}: the rows there before come in another order from #{first}: "
                        f"{kept[first]} where {want[first]} was")
    added = [name for name in got if name not in want]
    if added:
        print(f"{what}: {len(added)} new, e.g. {added[0]}")
    return problems


def counter_problems(path, want):
    rows = {row["name"]: set(row) for row in json.loads(pathlib.Path(path).read_text())["benchmarks"]}
    problems = []
    for name, keys in want.items():
        if name not in rows:
            problems.append(f"{path}: no row {name}")
            continue
        for key in sorted((set(keys) ^ rows[name]) - CONDITIONAL):
            change = "lost" if key in keys else "gained"
            problems.append(f"{name} {change} {key}")
    return problems


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    zkload, smoke_json = sys.argv[1:]
    golden = json.loads(GOLDEN.read_text())
    problems = sequence_problems("rows", listed(zkload), golden["rows"])
    problems += sequence_problems("soak rows", listed(zkload, "--benchmark_filter=soak"), golden["soak_rows"])
    problems += counter_problems(smoke_json, golden["counters"])
    for p in problems:
        print(p)
    if problems:
        sys.exit(f"{len(problems)} differences from {GOLDEN.name}")
    print(f"{len(golden['rows'])} rows, {len(golden['soak_rows'])} soak rows and the counters of "
          f"{len(golden['counters'])} smoke rows as before")


if __name__ == "__main__":
    main()
