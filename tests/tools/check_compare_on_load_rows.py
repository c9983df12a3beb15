#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""tools/compare on what zkload really writes: the load rows of the smoke run (names ending in
/iterations:1/manual_time, counters as the binary sets them). The file against itself is no
regression and lists every row; a copy in which one row lost 30% of its included rate (and its
time per operation grew to match) is a regression naming that row; the same copy under a 50%
threshold is not."""
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
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(rows)} real rows, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
