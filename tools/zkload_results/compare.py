# SPDX-License-Identifier: Apache-2.0
"""Compares two result sets row by row and metric by metric, and decides on regressions."""
import fnmatch
import math
import re
from dataclasses import dataclass, field

from . import metrics, stats
from .load import CENTRE_AGGREGATES

# With no --max-regression: a row whose wall time per operation grew by more than 10% (its
# throughput fell by ~9%) is a regression. Given thresholds replace this default.
DEFAULT_THRESHOLDS = {"real_time": 0.10}
ALIASES = {"time": "real_time", "cpu": "cpu_time"}
DEFAULT_ALPHA = 0.05
# Context entries worth a warning when the two sides differ.
CONTEXT_KEYS = ("host_name", "num_cpus", "node_client_version", "chain_id", "chain_kind")


class UsageError(Exception):
    """A malformed command line value (exit status 2)."""


@dataclass
class MetricDiff:
    metric: str
    direction: str
    old: float
    new: float
    change: float = None
    worse: float = None
    n_old: int = 0
    n_new: int = 0
    cv_old: float = None
    cv_new: float = None
    p_value: float = None
    threshold: float = None
    verdict: str = ""


@dataclass
class RowDiff:
    name: str
    status: str  # compared | only_old | only_new | error_old | error_new | error_both
    old_error: str = ""
    new_error: str = ""
    label_old: str = ""
    label_new: str = ""
    metrics: list = field(default_factory=list)

    @property
    def regressed(self):
        return self.status == "error_new" or any(m.verdict == "regression" for m in self.metrics)


@dataclass
class Comparison:
    rows: list
    warnings: list
    thresholds: dict
    alpha: float

    @property
    def regressions(self):
        out = []
        for row in self.rows:
            if row.status == "error_new":
                out.append(f"{row.name}: now fails ({row.new_error})")
            out += [f"{row.name}: {m.metric} {metrics.format_percent(m.change)}"
                    for m in row.metrics if m.verdict == "regression"]
        return out


def parse_thresholds(text):
    """'included_per_s=5%,incl_p99_ms=10%' -> {'included_per_s': 0.05, ...}. Names may be globs
    (incl_p*_ms) and the aliases time (real_time) and cpu (cpu_time); '5%' and '5' both mean 5%."""
    if text is None:
        return dict(DEFAULT_THRESHOLDS)
    thresholds = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        match = re.fullmatch(r"([A-Za-z0-9_:*?\[\]]+)\s*=\s*([0-9]*\.?[0-9]+)\s*%?", item)
        if not match:
            raise UsageError(f"--max-regression: cannot read {item!r}; write METRIC=PERCENT, "
                             "e.g. included_per_s=5%,incl_p99_ms=10%")
        name = ALIASES.get(match.group(1), match.group(1))
        thresholds[name] = float(match.group(2)) / 100.0
    if not thresholds:
        raise UsageError("--max-regression: empty; write METRIC=PERCENT[,...]")
    return thresholds


def threshold_for(metric, thresholds):
    if metric in thresholds:
        return thresholds[metric]
    globbed = [v for pattern, v in thresholds.items() if fnmatch.fnmatchcase(metric, pattern)]
    return min(globbed) if globbed else None


def side_values(group, metric):
    """(centre, samples, cv) of one metric on one side: the median of the repetitions, or the
    median (else mean) aggregate when only aggregates were written."""
    samples = [row.values[metric] for row in group.samples if metric in row.values]
    cv_row = group.aggregates.get("cv")
    cv = cv_row.values.get(metric) if cv_row else None
    if samples:
        if cv is None:
            cv = stats.coefficient_of_variation(samples)
        centre = stats.median(samples)
        return (centre if centre is not None else math.nan), samples, cv
    for name in CENTRE_AGGREGATES:
        row = group.aggregates.get(name)
        if row and metric in row.values:
            return row.values[metric], [], cv
    return None, [], cv


def metric_names(group):
    names = []
    for row in group.samples + [group.aggregates[a] for a in CENTRE_AGGREGATES
                                if a in group.aggregates]:
        names += [n for n in row.values if n not in names]
    return names


def compare_metric(metric, old_group, new_group, thresholds, alpha, warned):
    old, old_samples, cv_old = side_values(old_group, metric)
    new, new_samples, cv_new = side_values(new_group, metric)
    diff = MetricDiff(metric=metric, direction=metrics.direction(metric), old=old, new=new,
                      n_old=len(old_samples), n_new=len(new_samples), cv_old=cv_old,
                      cv_new=cv_new)
    if old is None or new is None:
        diff.verdict = "only_new" if old is None else "only_old"
        return diff
    diff.change = metrics.relative_change(old, new)
    diff.worse = metrics.worse_by(diff.direction, diff.change)
    if diff.change is None:
        diff.verdict = "not_comparable"  # NaN on a side
        return diff
    repeated = min(diff.n_old, diff.n_new) >= 2
    if repeated:
        diff.p_value = stats.u_test(old_samples, new_samples)
        if min(diff.n_old, diff.n_new) < stats.MIN_REPETITIONS_FOR_U_TEST:
            warned.add("few_repetitions")
    decisive = (diff.p_value is not None
                and min(diff.n_old, diff.n_new) >= stats.MIN_REPETITIONS_FOR_U_TEST)
    if diff.direction is None:
        diff.verdict = "info"
        return diff
    diff.threshold = threshold_for(metric, thresholds)
    significant = not decisive or diff.p_value < alpha
    if diff.worse == 0:
        diff.verdict = "same"
    elif diff.threshold is not None and diff.worse > diff.threshold and significant:
        diff.verdict = "regression"
    elif diff.threshold is not None and -diff.worse > diff.threshold and significant:
        diff.verdict = "improvement"
    else:
        diff.verdict = "worse" if diff.worse > 0 else "better"
    return diff


def compare_groups(name, old_group, new_group, thresholds, alpha, warned):
    row = RowDiff(name=name, status="compared", label_old=old_group.label,
                  label_new=new_group.label)
    old_failed = bool(old_group.errors) and not old_group.samples and not old_group.aggregates
    new_failed = bool(new_group.errors) and not new_group.samples and not new_group.aggregates
    row.old_error = old_group.errors[0] if old_group.errors else ""
    row.new_error = new_group.errors[0] if new_group.errors else ""
    if old_failed or new_failed:
        row.status = ("error_both" if old_failed and new_failed
                      else "error_old" if old_failed else "error_new")
        return row
    for metric in metric_names(old_group) + [m for m in metric_names(new_group)
                                             if m not in metric_names(old_group)]:
        row.metrics.append(compare_metric(metric, old_group, new_group, thresholds, alpha, warned))
    return row


def context_warnings(old, new):
    warnings = []
    debug = [side for side, results in (("old", old), ("new", new))
             if results.context.get("library_build_type") == "debug"]
    if debug:
        warnings.append(f"library_build_type is \"debug\" on {' and '.join(debug)}: that is "
                        "Google Benchmark's library (Debian's package says so), not zkload's code; "
                        "compare results made with the same library")
    for key in CONTEXT_KEYS:
        if key in old.context and key in new.context and old.context[key] != new.context[key]:
            warnings.append(f"context differs: {key} is {old.context[key]!r} (old) and "
                            f"{new.context[key]!r} (new): the numbers may not be comparable")
    return warnings


# The counter every load row carries for the machine's speed (us per signature before the row),
# and the change in it from which compare says the numbers are the machine's as much as the node's.
SPEED_METRIC = "host_sign_us"
SPEED_TOLERANCE = 0.10


def speed_readings(results):
    """Every host_sign_us of a result set, a repetition's or (only aggregates written) a centre's."""
    readings = []
    for group in results.groups.values():
        centre, samples, _ = side_values(group, SPEED_METRIC)
        if samples:
            readings += samples
        elif centre is not None and not math.isnan(centre):
            readings.append(centre)
    return readings


def speed_warnings(old, new):
    """The machine's speed, read from host_sign_us: different between the two sides, or moving
    within one side's rows, by more than SPEED_TOLERANCE."""
    warnings = []
    sides = {"old": speed_readings(old), "new": speed_readings(new)}
    for side, readings in sides.items():
        if len(readings) >= 2 and min(readings) > 0 and max(readings) / min(readings) - 1 > SPEED_TOLERANCE:
            warnings.append(f"the machine's speed moved during the {side} run: {SPEED_METRIC} (us per signature "
                            f"before each row) from {min(readings):.1f} to {max(readings):.1f} "
                            f"({metrics.format_percent(max(readings) / min(readings) - 1)}): its rows and "
                            "repetitions differ by the machine's speed as well as the node's")
    if sides["old"] and sides["new"]:
        old_speed, new_speed = stats.median(sides["old"]), stats.median(sides["new"])
        change = metrics.relative_change(old_speed, new_speed)
        if change is not None and abs(change) > SPEED_TOLERANCE:
            warnings.append(f"the machines ran at different speeds: {SPEED_METRIC} median {old_speed:.1f} (old) "
                            f"and {new_speed:.1f} (new) us per signature, {metrics.format_percent(change)}: "
                            "time and rate changes include the machine's")
    return warnings


def compare(old, new, thresholds, alpha=DEFAULT_ALPHA):
    warned = set()
    rows = []
    for name in list(old.groups) + [n for n in new.groups if n not in old.groups]:
        if name not in new.groups:
            rows.append(RowDiff(name=name, status="only_old"))
        elif name not in old.groups:
            rows.append(RowDiff(name=name, status="only_new"))
        else:
            rows.append(compare_groups(name, old.groups[name], new.groups[name], thresholds,
                                       alpha, warned))
    warnings = context_warnings(old, new) + speed_warnings(old, new)
    if "few_repetitions" in warned:
        warnings.append(f"fewer than {stats.MIN_REPETITIONS_FOR_U_TEST} repetitions on a side: "
                        "the Mann-Whitney U test cannot tell a shift from noise, its p-values are "
                        "shown but not used (run with --benchmark_repetitions=9 or more)")
    repeated = any(m.n_old >= 2 and m.n_new >= 2 for r in rows for m in r.metrics)
    if repeated and stats.mannwhitneyu() is None:
        warnings.append("python3-scipy is not installed: no Mann-Whitney U test (tools/bootstrap "
                        "installs it)")
    seen = {m.metric for r in rows for m in r.metrics}
    for pattern in thresholds:
        if not any(fnmatch.fnmatchcase(metric, pattern) for metric in seen):
            warnings.append(f"--max-regression names {pattern!r}, which no compared row has")
        elif all(metrics.direction(m) is None for m in seen if fnmatch.fnmatchcase(m, pattern)):
            warnings.append(f"--max-regression names {pattern!r}, which is informational "
                            "(neither higher nor lower is better): ignored")
    nan_rows = sorted({r.name for r in rows for m in r.metrics if m.verdict == "not_comparable"})
    if nan_rows:
        warnings.append("NaN values, not compared: " + ", ".join(nan_rows))
    return Comparison(rows=rows, warnings=warnings, thresholds=thresholds, alpha=alpha)
