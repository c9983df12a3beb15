# SPDX-License-Identifier: Apache-2.0
"""Which way is better for each metric of a row, and how to print its value."""
import math
import re

from . import counters

LOWER, HIGHER = "lower", "higher"

# Wall time per operation (a zkload row's time is wall time per included transaction, so a
# time delta is a throughput delta) and the generator thread's CPU time per operation.
TIME_METRICS = ("real_time", "cpu_time")
# For counters zkload does not write (another producer's file): guesses from the name.
_LATENCY = re.compile(r"(^|_)(p50|p90|p99|p999|mean)_(ns|us|ms|s)$")
_LATENCY_INSIDE = re.compile(r"(^|_)(p50|p90|p99|p999)(_|$)")
_HIGHER = re.compile(r"(_per_s|_per_second)$")
_LOWER_COUNTS = re.compile(r"^(failed|failed_.+|late|dropped|lost|reverted)$")
_LOWER_COST = re.compile(r"_us_per_(tx|op)$")


def direction(metric):
    """LOWER, HIGHER or None (informational) for a metric name: zkload's counter table, else a
    guess from the name."""
    known = counters.entry(metric)
    if known:
        return known[1]
    if metric in TIME_METRICS or _LATENCY.search(metric) or _LATENCY_INSIDE.search(metric):
        return LOWER
    if _LOWER_COUNTS.match(metric) or _LOWER_COST.search(metric):
        return LOWER
    if _HIGHER.search(metric):
        return HIGHER
    return None


def relative_change(old, new):
    """(new - old) / |old|, with the edge cases a benchmark file really has: None when either
    is NaN; 0 when equal (infinities included); +-inf when old is 0 or either is infinite."""
    if old is None or new is None or math.isnan(old) or math.isnan(new):
        return None
    if old == new:
        return 0.0
    if old == 0 or math.isinf(old) or math.isinf(new):
        return math.copysign(math.inf, new - old)
    return (new - old) / abs(old)


def worse_by(metric_direction, change):
    """How much worse (a positive fraction) a change is in this direction; negative = better."""
    if change is None or metric_direction is None:
        return None
    return change if metric_direction == LOWER else -change


def format_time(ns):
    if ns is None:
        return "-"
    if math.isnan(ns) or math.isinf(ns):
        return format_number(ns)
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if abs(ns) >= scale:
            return f"{ns / scale:.4g} {unit}"
    return f"{ns:.4g} ns"


def format_number(value):
    if value is None:
        return "-"
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if value != 0 and (abs(value) >= 1e7 or abs(value) < 1e-3):
        return f"{value:.4g}"
    return f"{value:,.0f}" if abs(value) >= 1e4 else f"{value:.4g}"


def format_value(metric, value):
    return format_time(value) if metric in TIME_METRICS else format_number(value)


def format_percent(fraction):
    if fraction is None:
        return "-"
    if math.isinf(fraction):
        return "+inf%" if fraction > 0 else "-inf%"
    return f"{100 * fraction:+.1f}%"
