# SPDX-License-Identifier: Apache-2.0
"""tools/compare: the command line."""
import argparse
import os
import sys

from . import compare as comparing
from . import table
from .load import UnusableInput, load

EXIT_OK, EXIT_REGRESSION, EXIT_UNUSABLE = 0, 1, 2

DESCRIPTION = """Compares two zkload results (Google Benchmark JSON files, or folders of them)
row by row. Higher is better for *_per_s counters; lower for time, cpu, latency percentiles
(*_p50_*, *_p90_*, *_p99_*, *_p999_*), failed_*, late and lost; other counters are shown with
--all. With repetitions, a two-sided Mann-Whitney U test per metric decides whether a change
beyond its threshold is real (from 9 repetitions per side up).
Exit status: 0 no regression, 1 regression, 2 unusable input."""


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="compare", description=DESCRIPTION)
    parser.add_argument("old", help="baseline: a result JSON file or a folder of them")
    parser.add_argument("new", help="contender: a result JSON file or a folder of them")
    parser.add_argument("--max-regression", metavar="LIST",
                        help="allowed worsening per metric, e.g. 'included_per_s=5%%,"
                             "incl_p99_ms=10%%' (globs and the alias 'time' allowed); "
                             "default 'real_time=10%%' (wall time per operation); given "
                             "thresholds replace the default")
    parser.add_argument("--alpha", type=float, default=comparing.DEFAULT_ALPHA,
                        help="significance level of the U test (default %(default)s)")
    parser.add_argument("--json", metavar="FILE", help="also write the diff as JSON ('-': "
                        "to stdout instead of the table)")
    parser.add_argument("--all", action="store_true", help="also show informational counters")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour the table (auto: only on a terminal, and not with NO_COLOR)")
    return parser.parse_args(argv)


def use_colour(choice):
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        thresholds = comparing.parse_thresholds(args.max_regression)
        old, new = load(args.old), load(args.new)
    except (UnusableInput, comparing.UsageError) as error:
        print(f"compare: error: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    if not set(old.groups) & set(new.groups):
        print(f"compare: error: {old.source} and {new.source} have no benchmark in common "
              "(is one of them from another suite or filter?)", file=sys.stderr)
        return EXIT_UNUSABLE
    result = comparing.compare(old, new, thresholds, args.alpha)
    code = EXIT_REGRESSION if result.regressions else EXIT_OK
    if args.json != "-":
        sys.stdout.write(table.render(result, old, new, args.all, use_colour(args.color)))
    if args.json:
        text = table.to_json(result, old, new, code)
        if args.json == "-":
            sys.stdout.write(text)
        else:
            with open(args.json, "w", encoding="utf-8") as out:
                out.write(text)
    return code
