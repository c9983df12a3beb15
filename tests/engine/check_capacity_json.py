#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The capacity row as the zkload binary wrote it: every probe's figures are there, each probe's
verdict follows from its own figures by the documented rule (included >= 97% of offered over a
steady window of at least MIN_BLOCKS blocks, inclusion p99 within the objective), the search
doubled before it bisected, a rate ran twice only after a failure an earlier probe at a higher rate
disproved (it included that rate within the objective), the capacity is the highest rate that
passed, and a probe is marked pool-bound exactly when it failed with more than 1% of its starts late
waiting for a free wallet, the label then saying so and naming the pool's size.
Usage: check_capacity_json.py RESULTS.json ROW MIN_BLOCKS WALLETS [--expect-late-for-wallets]
  --expect-late-for-wallets: the pool is small for the rates (e.g. 40 wallets): some probe must show starts
  late waiting for a free wallet"""
import json
import re
import sys

POOL_BOUND_PCT = 1  # CapacityCriteria::max_late_for_wallets_share, in percent
PROBE = re.compile(r"^probe(\d\d)_(offered_per_s|included_per_s|incl_p99_ms|steady_blocks|passed|retried|late_for_wallets_pct|pool_bound)$")


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


def check(row, min_blocks, wallets, expect_late_for_wallets):
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
        missing = {"offered_per_s", "included_per_s", "steady_blocks", "passed", "late_for_wallets_pct"} - probe.keys()
        if missing:
            problems.append(f"probe {index} lacks {sorted(missing)}")
            continue
        if bool(probe["passed"]) != passes(probe, slo, min_blocks):
            problems.append(f"probe {index} at {probe['offered_per_s']:.0f}/s: verdict {probe['passed']} does not "
                            f"follow from its figures {probe} (objective {slo} ms)")
        if bool(probe.get("pool_bound")) != (not probe["passed"] and probe["late_for_wallets_pct"] > POOL_BOUND_PCT):
            problems.append(f"probe {index} at {probe['offered_per_s']:.0f}/s: pool_bound {probe.get('pool_bound')} "
                            f"does not follow from passed {probe['passed']} and late_for_wallets_pct "
                            f"{probe['late_for_wallets_pct']}")
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
    bound = [p for p in probes if p.get("pool_bound")]
    if label.count("(pool-bound)") != len(bound):
        problems.append(f"{len(bound)} probes pool-bound, the label marks {label.count('(pool-bound)')}: {label!r}")
    if bound:
        rate = bound[0]["offered_per_s"]
        said = (rf"; pool-bound: at {rate:.0f}/s .* waited for one of the pool's {wallets} wallets to be free, "
                rf"the node taking longer to answer than the {1000 * wallets / rate:.0f} ms they cover")
        if not re.search(said, label):
            problems.append(f"the label does not say at which rate the pool bound, its {wallets} wallets and the "
                            f"answer time they cover: {label!r}")
    if expect_late_for_wallets and not any(p["late_for_wallets_pct"] > POOL_BOUND_PCT for p in probes):
        problems.append(f"no probe waited for free wallets on more than {POOL_BOUND_PCT}% of its starts, with "
                        f"{wallets} wallets: {probes}")
    return problems


def main():
    path, name, min_blocks, wallets = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    expect_late_for_wallets = sys.argv[5:] == ["--expect-late-for-wallets"]
    rows = [r for r in json.load(open(path))["benchmarks"] if r["name"].split("/iterations:")[0] == name]
    if len(rows) != 1:
        sys.exit(f"{path}: {len(rows)} rows named {name}")
    row = rows[0]
    if row.get("error_occurred"):
        sys.exit(f"{name} errored: {row.get('error_message')}")
    problems = check(row, min_blocks, wallets, expect_late_for_wallets)
    if problems:
        sys.exit("\n".join(problems))
    print(f"{name}: {row['capacity_per_s']:.0f}/s after {row['probes']:.0f} probes in {row['search_s']:.0f} s "
          f"({row['label']})")


if __name__ == "__main__":
    main()
