# SPDX-License-Identifier: Apache-2.0
"""tools/report: the command line."""
import argparse
import pathlib
import sys

from .load import UnusableInput, load

DESCRIPTION = """Plots zkload results (Google Benchmark JSON files or folders): throughput vs
concurrency (<op>/closed/concurrency:<n>), latency percentiles vs offered rate with the knee
(<op>/open/rate:<r>), the probes of capacity searches (capacity/<op> with probeNN_* counters), soaks over
time (soak/<op>/rate:<r> with sampleNN_* counters), per-stage latency of deposits and withdrawals (deposit_*/..., withdraw*/...
with <stage>_p50_<unit> counters) and funding time (fund/<strategy>/wallets:<n>). Writes one
self-contained HTML page (figures embedded) and prints its path. Sections without data are left
out. Exit status 2 on unusable input."""


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="report", description=DESCRIPTION)
    parser.add_argument("inputs", nargs="+", help="result JSON files or folders")
    parser.add_argument("--out", help="the HTML file (default: next to the first input, "
                        "named like it with .html)")
    parser.add_argument("--png-dir", help="also write each figure as a PNG file into this folder")
    return parser.parse_args(argv)


def default_out(first_input):
    path = pathlib.Path(first_input)
    if path.is_dir():
        return path / "report.html"
    return path.with_suffix(".html")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        results_list = [load(path) for path in args.inputs]
    except UnusableInput as error:
        print(f"report: error: {error}", file=sys.stderr)
        return 2
    # matplotlib is imported only now: --help and input errors do not pay for it.
    from . import html_page, plots
    figures = plots.figures(results_list)
    out = pathlib.Path(args.out) if args.out else default_out(args.inputs[0])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html_page.page(results_list, figures), encoding="utf-8")
    if args.png_dir:
        png_dir = pathlib.Path(args.png_dir)
        png_dir.mkdir(parents=True, exist_ok=True)
        for stem, _, png, _ in figures:
            (png_dir / f"{stem}.png").write_bytes(png)
    print(out)
    return 0
