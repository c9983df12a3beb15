#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The capacity row as the zkload binary wrote it: every probe's figures are there, each probe's
verdict follows from its own figures by the documented rule (included >= 97% of offered over a
steady window of at least MIN_BLOCKS blocks, inclusion p99 within the objective), the search
doubled before it bisected, a rate ran twice only after a failure an earlier probe at a higher rate
disproved (it included that rate within the objective), and the capacity is the highest rate that
passed.
Usage: check_capacity_json.py RESULTS.json ROW MIN_BLOCKS"""
import json
import re
import sys

PROBE = re.compile(r"^probe(\d\d)_(offered_per_s|included_per_s|incl_p99_ms|steady_blocks|passed|retried)$")


def probes_of(row):
    found = {}
    for key, value in row.items():
        match = PROBE.match(key)
        if match:
            found.setdefault(int(match.group(1)), {})[match.group(2)] = value
    return [found[i] for i in sorted(found)]


def passes(probe, slo_ms, min_blocks):
    return (probe["steady_blocks"] >= min_blocks
            and probe["included_per_s"] >= 0.97 * probe["offered_per_s"]
            and probe.get("incl_p99_ms", float("inf")) <= slo_ms)


def check(row, min_blocks):
    problems = []
    for counter in ("capacity_per_s", "capacity_slo_p99_ms", "probes", "search_s"):
        if counter not in row:
            problems.append(f"no counter {counter}")
    if problems:
        return problems
    probes = probes_of(row)
    if len(probes) != row["probes"] or len(probes) < 2:
        problems.append(f"{len(probes)} probes written, the row says {row['probes']} (want 2 or more)")
    slo = row["capacity_slo_p99_ms"]
    passed = []
    for index, probe in enumerate(probes, 1):
        missing = {"offered_per_s", "included_per_s", "steady_blocks", "passed"} - probe.keys()
        if missing:
            problems.append(f"probe {index} lacks {sorted(missing)}")
            continue
        if bool(probe["passed"]) != passes(probe, slo, min_blocks):
            problems.append(f"probe {index} at {probe['offered_per_s']:.0f}/s: verdict {probe['passed']} does not "
                            f"follow from its figures {probe} (objective {slo} ms)")
        if probe["passed"]:
            passed.append(probe["offered_per_s"])
    rates = [p["offered_per_s"] for p in probes]
    # A rate runs twice only right after a failure an earlier, higher probe disproved (retried).
    for index, probe in enumerate(probes):
        earlier = [p for p in probes[:index] if p["offered_per_s"] == probe["offered_per_s"]]
        if earlier and (len(earlier) > 1 or earlier[0] is not probes[index - 1] or not earlier[0].get("retried")):
            problems.append(f"a rate probed twice without a retried failure just before: {rates}")
        if probe.get("retried"):
            disproving = [p for p in probes[:index] if p["offered_per_s"] > probe["offered_per_s"]
                          and passes({**p, "offered_per_s": probe["offered_per_s"]}, slo, min_blocks)]
            if probe["passed"] or earlier or not disproving:
                problems.append(f"probe {index + 1} at {probe['offered_per_s']:.0f}/s was retried, but no earlier "
                                f"probe at a higher rate included that rate within the objective: {probes}")
    if len(rates) >= 2 and probes[0]["passed"] and rates[1] != 2 * rates[0]:
        problems.append(f"after a first pass the search doubles: {rates}")
    if row["capacity_per_s"] != (max(passed) if passed else 0):
        problems.append(f"capacity_per_s {row['capacity_per_s']} is not the highest passing rate of {rates}")
    if passed and "capacity_incl_p99_ms" not in row:
        problems.append("no capacity_incl_p99_ms for the rate found")
    label = row.get("label", "")
    if not label.startswith("open-loop search:") or f"{rates[0]:.0f}/s" not in label:
        problems.append(f"the label does not show the search: {label!r}")
    return problems


def main():
    path, name, min_blocks = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rows = [r for r in json.load(open(path))["benchmarks"] if r["name"].split("/iterations:")[0] == name]
    if len(rows) != 1:
        sys.exit(f"{path}: {len(rows)} rows named {name}")
    row = rows[0]
    if row.get("error_occurred"):
        sys.exit(f"{name} errored: {row.get('error_message')}")
    problems = check(row, min_blocks)
    if problems:
        sys.exit("\n".join(problems))
    print(f"{name}: {row['capacity_per_s']:.0f}/s after {row['probes']:.0f} probes in {row['search_s']:.0f} s "
          f"({row['label']})")


if __name__ == "__main__":
    main()
