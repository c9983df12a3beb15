#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Live progress as a person sees it: zkload runs a 4-second open-loop row on the embedded devnet
with --progress always and stderr in a file, then again with the default (auto, not a terminal).
The first must print a line a second naming the row, its elapsed time against the plan and the
rates; the second nothing of it; neither puts it in the JSON."""
import json
import subprocess
import sys
import tempfile

ROW = "eth_transfer/open/rate:250"


def run(zkload, workdir, name, *extra):
    out = f"{workdir}/{name}.json"
    proc = subprocess.run([zkload, f"--benchmark_filter={ROW}/", "--duration", "4", "--wallets", "20",
                           f"--benchmark_out={out}", *extra],
                          capture_output=True, text=True, timeout=240)
    if proc.returncode != 0:
        sys.exit(f"zkload {' '.join(extra)} exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    with open(out) as f:
        return proc.stderr, f.read()


def main(zkload):
    problems = []
    with tempfile.TemporaryDirectory() as workdir:
        shown, shown_json = run(zkload, workdir, "always", "--progress", "always")
        quiet, quiet_json = run(zkload, workdir, "auto")
    lines = [line for line in shown.splitlines() if line.startswith(ROW + "  ")]
    if len(lines) < 3:
        problems.append(f"--progress always: {len(lines)} progress lines for a 4 s row, want >= 3:\n{shown[-2000:]}")
    for line in lines:
        for part in (" / 4.0 s", " offered → ", " submitted → ", " in blocks /s", "in flight ", "awaiting a block ",
                     "failed 0, lost 0"):
            if part not in line:
                problems.append(f"progress line lacks '{part}': {line}")
    # A second into a 250/s row, it offers about that.
    if len(lines) >= 3:
        rate = int(lines[1].split(" | ")[1].split(" offered")[0].replace(",", ""))
        if not 150 <= rate <= 350:
            problems.append(f"offered {rate}/s in the second line of a 250/s row: {lines[1]}")
    if any(line.startswith(ROW + "  ") for line in quiet.splitlines()):
        problems.append(f"--progress auto printed progress with stderr not a terminal:\n{quiet[-2000:]}")
    for name, text in (("always", shown_json), ("auto", quiet_json)):
        if "offered →" in text or "ETA" in text:
            problems.append(f"progress leaked into the JSON of the {name} run")
        rows = [r for r in json.loads(text)["benchmarks"] if r["name"].startswith(ROW)]
        if len(rows) != 1 or rows[0].get("error_occurred"):
            problems.append(f"the {name} run's row: {rows}")
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(lines)} progress lines checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
