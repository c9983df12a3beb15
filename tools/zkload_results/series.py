# SPDX-License-Identifier: Apache-2.0
"""Picks the rows each report section plots out of a result set, by their names."""
import re

from . import stats

CLOSED = re.compile(r"^(?P<op>.+)/closed/concurrency:(?P<x>\d+)$")
OPEN = re.compile(r"^(?P<op>.+)/open/rate:(?P<x>\d+(\.\d+)?)$")
FUND = re.compile(r"^fund/(?P<op>[^/]+)/wallets:(?P<x>\d+)$")
BRIDGE = re.compile(r"^(deposit|withdraw)[^/]*/")
CAPACITY = re.compile(r"^capacity/(?P<op>.+)$")
PROBE = re.compile(r"^probe(?P<index>\d+)_(?P<field>.+)$")
SOAK = re.compile(r"^soak/(?P<op>.+)$")
SAMPLE = re.compile(r"^sample(?P<index>\d+)_(?P<field>.+)$")
PERCENTILES = ("p50", "p90", "p99", "p999")
STAGE = re.compile(r"^(?P<stage>.+)_(?P<pct>p50|p90|p99|p999)_(?P<unit>ns|us|ms|s)$")
UNIT_SECONDS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
# What Google Benchmark appends to a row's name for its run options: zkload's load and funding
# rows run one iteration on manual time ("…/concurrency:64/iterations:1/manual_time").
RUN_OPTIONS = re.compile(r"(/(iterations|repeats|threads|min_time|min_warmup_time):[^/]+|/manual_time|/real_time)+$")


def row_name(key):
    """The row's own name, without the run options Google Benchmark appended to it."""
    return RUN_OPTIONS.sub("", key)


def value(group, metric):
    """The row's value of a metric: the median over repetitions, else the median/mean aggregate."""
    samples = [row.values[metric] for row in group.samples if metric in row.values]
    if samples:
        return stats.median(samples)
    for name in ("median", "mean"):
        row = group.aggregates.get(name)
        if row and metric in row.values:
            return row.values[metric]
    return None


def swept(results, pattern):
    """{op: [(x, group), ...] sorted by x} for the rows whose names match a sweep pattern."""
    out = {}
    for key, group in results.groups.items():
        match = pattern.match(row_name(key))
        if match and (group.samples or group.aggregates):
            out.setdefault(match.group("op"), []).append((float(match.group("x")), group))
    for points in out.values():
        points.sort(key=lambda point: point[0])
    return out


def throughput(group):
    """Included operations per second: the counter, else 1 / wall time per operation."""
    rate = value(group, "included_per_s")
    if rate is None:
        time_ns = value(group, "real_time")
        rate = 1e9 / time_ns if time_ns else None
    return rate


# An open-loop rate is past the knee when the node included less than this share of what was
# offered, or when more than LATE_SHARE of the starts went out late because the generator was
# waiting on the node (every request slot or wallet busy).
INCLUDED_SHARE = 0.95
LATE_SHARE = 0.01


def late_shares(group):
    """(share of the starts that were late, the part of it spent waiting on the node, whether the
    file says which part that is).

    `behind_idle_pct` says how much of the time the generator was behind its schedule it sat
    idle waiting for a request slot or a wallet (the node's answers or blocks); the rest it was
    busy or not scheduled at all, which is its own host's doing. Files written before zkload had
    that counter cannot tell the two apart: all of their lateness counts as the node's."""
    late = value(group, "late") or 0
    sends = value(group, "offered") or 0
    share = late / sends if sends else (1.0 if late > 0 else 0.0)
    idle_pct = value(group, "behind_idle_pct")
    on_node = share if idle_pct is None else share * idle_pct / 100.0
    return share, on_node, idle_pct is not None


def knee_finding(points):
    """(offered rate, why) of the first rate the node did not keep up with: included below
    INCLUDED_SHARE of offered, or more than LATE_SHARE of the sends late while the generator waited
    on the node. (None, None) when it kept up everywhere (or nothing says)."""
    for offered, group in points:
        target = value(group, "offered_per_s") or offered
        included = value(group, "included_per_s")
        if included is not None and included < INCLUDED_SHARE * target:
            return offered, f"{included:,.0f}/s included of {target:,.0f}/s offered"
        _, on_node, told = late_shares(group)
        if on_node > LATE_SHARE:
            if not told:
                return offered, (f"{100 * on_node:.1f}% of the starts late; the file does not say "
                                 "whether the generator was waiting on the node")
            return offered, f"{100 * on_node:.1f}% of the starts late waiting on the node"
    return None, None


def knee(points):
    """The offered rate of knee_finding, or None."""
    return knee_finding(points)[0]


def generator_late(points):
    """[(offered rate, late share)] of the rates at which more than LATE_SHARE of the starts were
    late with the generator busy itself rather than waiting on the node: its host's hiccups (a
    busy machine, the node's own bursts on shared cores), not a knee of the node."""
    out = []
    for offered, group in points:
        share, on_node, _ = late_shares(group)
        if share > LATE_SHARE and on_node <= LATE_SHARE:
            out.append((offered, share))
    return out


def stages(group):
    """{stage: {percentile: seconds}} from counters named <stage>_<pNN>_<unit>."""
    out = {}
    for metric in sorted({m for row in group.samples for m in row.values}
                         | {m for row in group.aggregates.values() for m in row.values}):
        match = STAGE.match(metric)
        number = value(group, metric) if match else None
        if number is not None:
            out.setdefault(match.group("stage"), {})[match.group("pct")] = (
                number * UNIT_SECONDS[match.group("unit")])
    return out


def bridge_rows(results):
    return [(key, group) for key, group in results.groups.items()
            if BRIDGE.match(key) and stages(group)]


def _rows(results, pattern, has_data):
    """[(op, group)] sorted by op, of the rows whose names match `pattern` and that have data."""
    out = []
    for key, group in results.groups.items():
        match = pattern.match(row_name(key))
        if match and has_data(group):
            out.append((match.group("op"), group))
    return sorted(out, key=lambda item: item[0])


def capacity_rows(results):
    """[(op, group)] of the capacity searches (capacity/<op> rows that wrote their probes)."""
    return _rows(results, CAPACITY, probes)


def _numbered(group, pattern, required):
    """[{field: value}] in index order from counters named <name>NN_<field> (first repetition's),
    those that have the required field."""
    rows = group.samples or [row for row in (group.aggregates.get("median"),) if row]
    if not rows:
        return []
    found = {}
    for metric, number in rows[0].values.items():
        match = pattern.match(metric)
        if match:
            found.setdefault(int(match.group("index")), {})[match.group("field")] = number
    return [found[i] for i in sorted(found) if required in found[i]]


def probes(group):
    """A capacity row's probes in the order it ran them: [{offered_per_s, included_per_s,
    incl_p99_ms, passed, ...}], from its counters probeNN_<field>."""
    return _numbered(group, PROBE, "offered_per_s")


def soak_rows(results):
    """[(op/rate:<r>, group)] of the soak rows (soak/<op>/rate:<r> rows that wrote their curve)."""
    return _rows(results, SOAK, samples)


def samples(group):
    """A soak row's curve in time order: [{t_s, included_per_s, gen_rss_mb, gen_cpu_pct,
    node_rss_mb, node_cpu_pct, incl_p99_ms}] (node and p99 fields where measured), from its
    counters sampleNN_<field>."""
    return _numbered(group, SAMPLE, "t_s")
