#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""tools/report on a result file the zkload binary wrote (not a hand-made one): the page must
draw the sections its rows call for, each an embedded PNG, e.g. closed-loop and open-loop rows
named as Google Benchmark writes them ("…/concurrency:8/iterations:1/manual_time").
Usage: check_report_page.py RESULTS.json SECTION_ID [SECTION_ID ...]"""
import pathlib
import re
import sys
import tempfile

from report_page import draw


def main():
    results, sections = sys.argv[1], sys.argv[2:]
    with tempfile.TemporaryDirectory() as tmp:
        page = pathlib.Path(tmp) / "page.html"
        draw(results, page)
        html = page.read_text()
    problems = []
    if "No plottable rows" in html:
        problems.append("the page says it has no plottable rows")
    for section in sections:
        if not re.search(rf'<h2 id="{section}">[^<]*</h2>\s*<img [^>]*src="data:image/png;base64,', html):
            problems.append(f"no figure for section {section}")
    if problems:
        sys.exit("\n".join(problems))
    print(f"{results}: {', '.join(sections)} drawn")


if __name__ == "__main__":
    main()
