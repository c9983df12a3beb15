#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""zkload's counter table (tools/zkload_results/counters.py) against what the binary writes and
what the READMEs say: every counter in the given result files (zkload's own output) has an entry,
results/README.md holds the table as `--markdown` prints it, and every counter README.md names
is in it. Usage: check_counter_table.py RESULTS.json [...]; check_counter_table.py --markdown"""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from zkload_results import counters  # noqa: E402
from zkload_results.load import ROW_KEYS  # noqa: E402

BEGIN, END = "<!-- counters: tests/tools/check_counter_table.py --markdown -->", "<!-- /counters -->"
NOT_COUNTERS = ROW_KEYS | {"real_time", "cpu_time", "label", "error_occurred", "error_message", "skipped",
                           "skip_message"}
# README.md's backticked snake_case words are counters, but for these (a new one fails the check:
# add it here when it is not a counter).
README_WORDS_NOT_COUNTERS = {"dev_rpc", "curl_multi", "curl_multi_socket_action", "epoll_pwait2", "zkload_codec",
                            "mpi_rank_hosts", "mpi_wallet_shards"}
SNAKE_WORD = re.compile(r"`([a-z][a-z0-9]*(_[a-z0-9<>]+)+|probeNN_[a-z_]+)`")


def markdown():
    lines = ["| counter | better | what |", "|---|---|---|"]
    for name, direction, meaning in counters.TABLE:
        lines.append(f"| `{name}` | {direction or '-'} | {meaning} |")
    return "\n".join(lines)


def problems_in_results(paths):
    problems = []
    for path in paths:
        for row in json.loads(pathlib.Path(path).read_text())["benchmarks"]:
            for key in row:
                if key not in NOT_COUNTERS and counters.entry(key) is None:
                    problems.append(f"{path}: {row['name']} has counter {key}, which the table lacks")
    return problems


def problems_in_readmes():
    problems = []
    results_readme = (ROOT / "results" / "README.md").read_text()
    if f"{BEGIN}\n{markdown()}\n{END}" not in results_readme:
        problems.append("results/README.md: its counter table is not the one counters.py makes (between "
                        f"'{BEGIN}' and '{END}'): paste the output of check_counter_table.py --markdown")
    for match in SNAKE_WORD.finditer((ROOT / "README.md").read_text()):
        name = match.group(1)
        if name in README_WORDS_NOT_COUNTERS:
            continue
        if not any(name == entry for entry, _, _ in counters.TABLE) and counters.entry(name) is None:
            problems.append(f"README.md names counter {name}, which the table lacks")
    return problems


def main():
    if sys.argv[1:] == ["--markdown"]:
        print(markdown())
        return
    if not sys.argv[1:]:
        sys.exit(__doc__)
    problems = problems_in_results(sys.argv[1:]) + problems_in_readmes()
    if problems:
        sys.exit("\n".join(sorted(set(problems))))
    print(f"{len(counters.TABLE)} counters in the table; every counter of {len(sys.argv) - 1} result files and "
          "both READMEs found in it")


if __name__ == "__main__":
    main()
