#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The soak row as the zkload binary wrote it on the embedded devnet: every transaction offered is
in a block and none lost; its curve has one point per span of the planned length (at least four
block intervals each), in time order,
each point's included/s near the offered rate and its resident sets and CPU plausible for the two
processes; the slopes and late_pct are there and agree with the curve. Then the listing: soak rows
exist only when the filter names them.
Usage: check_soak_json.py ZKLOAD RESULTS.json ROW SECONDS"""
import json
import re
import subprocess
import sys

SAMPLE = re.compile(r"^sample(\d\d)_(.+)$")
POINTS = 24


def curve(row):
    found = {}
    for key, value in row.items():
        match = SAMPLE.match(key)
        if match:
            found.setdefault(int(match.group(1)), {})[match.group(2)] = value
    return [found[i] for i in sorted(found)]


def check_row(row, seconds):
    problems = []
    rate = row["offered_per_s"]
    for counter in ("soak_s", "late_pct", "gen_rss_slope_mb_per_h", "node_rss_slope_mb_per_h", "minutes",
                    "gen_rss_mb", "node_rss_mb", "included_per_s"):
        if counter not in row:
            problems.append(f"no counter {counter}")
    if problems:
        return problems
    if row["soak_s"] != seconds:
        problems.append(f"soak_s {row['soak_s']}, asked for {seconds}")
    if row["lost"] != 0 or row["included"] != row["offered"] - row["dropped"] or row["failed"] != 0:
        problems.append(f"offered {row['offered']}, dropped {row['dropped']}, included {row['included']}, "
                        f"failed {row['failed']}, lost {row['lost']}")
    if abs(row["offered"] - rate * seconds) > 0.02 * rate * seconds:
        problems.append(f"offered {row['offered']:.0f} in a {seconds} s row at {rate:.0f}/s")
    late = 100 * row["late"] / max(1, row["offered"] - row["dropped"])
    if abs(late - row["late_pct"]) > 1e-6 * max(1, late):
        problems.append(f"late_pct {row['late_pct']} but late {row['late']} of {row['offered']}")
    points = curve(row)
    # At most 24 points, each at least 4 block intervals (one second on the devnet).
    wanted = min(POINTS, int(seconds / 4))
    span = seconds / wanted
    if len(points) not in (wanted - 1, wanted):
        problems.append(f"{len(points)} points, want {wanted}")
    previous = 0
    for number, point in enumerate(points, 1):
        where = f"sample{number:02d}"
        missing = {"t_s", "included_per_s", "gen_rss_mb", "gen_cpu_pct", "node_rss_mb", "node_cpu_pct"} - set(point)
        if missing:
            problems.append(f"{where} lacks {sorted(missing)}")
            continue
        if not previous < point["t_s"] <= seconds + span:
            problems.append(f"{where} at {point['t_s']} s after {previous} s")
        # A span of 4 one-second blocks holds 3 to 5 of them once the first has come.
        if number > 1 and not 0.6 * rate <= point["included_per_s"] <= 1.4 * rate:
            problems.append(f"{where}: {point['included_per_s']:.0f} included/s at {rate:.0f}/s offered")
        if not 5 <= point["gen_rss_mb"] <= row["gen_rss_mb"] + 1:
            problems.append(f"{where}: zkload's resident set {point['gen_rss_mb']} MB, peak {row['gen_rss_mb']}")
        if not 20 <= point["node_rss_mb"] <= row["node_rss_mb"] * 1.5:
            problems.append(f"{where}: the node's resident set {point['node_rss_mb']} MB")
        if not 0 <= point["gen_cpu_pct"] <= 400 or not 0 <= point["node_cpu_pct"] <= 400:
            problems.append(f"{where}: CPU {point['gen_cpu_pct']} / {point['node_cpu_pct']} %")
        previous = point["t_s"]
    # Over the whole curve, the points' inclusions add up to about the row's.
    total = sum(p["included_per_s"] * (p["t_s"] - t0) for p, t0 in zip(points, [0] + [p["t_s"] for p in points]))
    if points and not 0.85 * row["included"] <= total <= 1.02 * row["included"]:
        problems.append(f"the curve holds {total:.0f} inclusions, the row {row['included']:.0f}")
    if "soak" not in row.get("label", ""):
        problems.append(f"label {row.get('label')!r}")
    return problems


def listed(zkload, *filter_args):
    proc = subprocess.run([zkload, "--benchmark_list_tests=true", *filter_args], capture_output=True, text=True,
                          timeout=120)
    return [line for line in proc.stdout.splitlines() if line.startswith("soak/")]


def main(zkload, path, name, seconds):
    with open(path) as f:
        rows = [r for r in json.load(f)["benchmarks"] if r["name"].startswith(name + "/")]
    if len(rows) != 1 or rows[0].get("error_occurred"):
        sys.exit(f"{name}: not run: {rows}")
    problems = check_row(rows[0], seconds)
    if listed(zkload):
        problems.append("soak rows are registered without a filter naming them")
    if listed(zkload, "--benchmark_filter=-soak"):
        problems.append("soak rows are registered under a filter that excludes them")
    named = listed(zkload, "--benchmark_filter=soak/")
    if len(named) < 2 or not all(line.startswith(("soak/eth_transfer/", "soak/erc20_transfer/")) for line in named):
        problems.append(f"--benchmark_filter=soak/ lists {named}")
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{name}: {len(curve(rows[0]))} points checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])))
