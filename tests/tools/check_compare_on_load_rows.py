#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""tools/compare on what zkload really writes: the load rows of the smoke run (names ending in
/iterations:1/manual_time, counters as the binary sets them). The file against itself is no
regression and lists every row; a copy in which one row lost 30% of its included rate (and its
time per operation grew to match) is a regression naming that row; the same copy under a 50%
threshold is not. Every load row carries the machine's speed (host_sign_us); a copy in which it
is 50% higher everywhere (a slower machine) makes compare say that the machines ran at different
speeds, and one in which a single row's reading is 50% above the fastest says the machine's speed
moved during that run; the file against itself says neither about its two sides."""
import copy
import json
import pathlib
import subprocess
import sys
import tempfile

COMPARE = pathlib.Path(__file__).resolve().parents[2] / "tools" / "compare"
SLOWED = "eth_transfer/closed/concurrency:8/iterations:1/manual_time"


def compare(*args):
    done = subprocess.run([sys.executable, str(COMPARE), *map(str, args)], capture_output=True, text=True,
                          timeout=120, check=False)
    return done.returncode, done.stdout + done.stderr


DIFFERENT_SPEEDS = "the machines ran at different speeds"


def check_machine_speed(path, doc):
    problems = []
    load_rows = [r for r in doc["benchmarks"] if "included_per_s" in r]
    unmeasured = [r["name"] for r in load_rows if not r.get("host_sign_us", 0) > 0]
    if not load_rows or unmeasured:
        return [f"load rows without a positive host_sign_us: {unmeasured or 'no load rows at all'}"]
    code, out = compare(path, path)
    if DIFFERENT_SPEEDS in out:
        problems.append(f"the file against itself reads as two machines:\n{out}")
    with tempfile.TemporaryDirectory() as workdir:
        slower = copy.deepcopy(doc)
        for row in slower["benchmarks"]:
            if "host_sign_us" in row:
                row["host_sign_us"] *= 1.5
        slower_path = pathlib.Path(workdir) / "slower_machine.json"
        slower_path.write_text(json.dumps(slower))
        code, out = compare(path, slower_path)
        if code != 0 or DIFFERENT_SPEEDS not in out or "+50.0%" not in out:
            problems.append(f"a machine 50% slower everywhere is not named (exit {code}):\n{out}")
        moved = copy.deepcopy(doc)
        fastest = min(r["host_sign_us"] for r in moved["benchmarks"] if "host_sign_us" in r)
        slowest = max((r for r in moved["benchmarks"] if "host_sign_us" in r), key=lambda r: r["host_sign_us"])
        slowest["host_sign_us"] = fastest * 1.5
        moved_path = pathlib.Path(workdir) / "speed_moved.json"
        moved_path.write_text(json.dumps(moved))
        code, out = compare(path, moved_path)
        if code != 0 or "the machine's speed moved during the new run" not in out:
            problems.append(f"one row 50% slower than the fastest is not named as the machine's (exit {code}):\n{out}")
    return problems


def main(path):
    problems = []
    doc = json.loads(pathlib.Path(path).read_text())
    rows = [r for r in doc["benchmarks"] if r.get("run_type") != "aggregate"]
    code, out = compare(path, path)
    if code != 0 or "no regression" not in out:
        problems.append(f"the file against itself: exit {code}\n{out}")
    if f"{len(rows)} rows compared" not in out:
        problems.append(f"the file against itself should compare all {len(rows)} rows:\n{out}")
    slowed = [r for r in doc["benchmarks"] if r["name"] == SLOWED]
    if len(slowed) != 1:
        sys.exit(f"{SLOWED} is not in {path}")
    row = slowed[0]
    row["included_per_s"] *= 0.7
    row["real_time"] /= 0.7
    row["cpu_time"] /= 0.7
    with tempfile.TemporaryDirectory() as workdir:
        worse = pathlib.Path(workdir) / "worse.json"
        worse.write_text(json.dumps(doc))
        code, out = compare(path, worse)
        short = SLOWED.split("/iterations")[0]
        if code != 1 or "REGRESSION" not in out or short not in out:
            problems.append(f"a 30% slower {short} is not a regression (exit {code}):\n{out}")
        code, out = compare(path, worse, "--max-regression", "time=50%,included_per_s=50%")
        if code != 0:
            problems.append(f"within a 50% threshold it must pass (exit {code}):\n{out}")
    problems += check_machine_speed(path, json.loads(pathlib.Path(path).read_text()))
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(rows)} real rows, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
