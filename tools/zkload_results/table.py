# SPDX-License-Identifier: Apache-2.0
"""The comparison as a table for people (colour on a terminal) and as JSON for machines."""
import json
import math

from . import metrics

RED, GREEN, YELLOW, BOLD, RESET = "\033[31m", "\033[32m", "\033[33m", "\033[1m", "\033[0m"
VERDICT_TEXT = {
    "regression": "REGRESSION", "improvement": "improvement", "worse": "worse (within limit)",
    "better": "better", "same": "same", "info": "", "not_comparable": "NaN: not compared",
    "only_old": "only in old", "only_new": "only in new",
}
STATUS_TEXT = {
    "only_old": "only in old", "only_new": "only in new", "error_new": "REGRESSION: now fails",
    "error_old": "fixed: failed before", "error_both": "fails on both sides",
}


class Painter:
    def __init__(self, enabled):
        self.enabled = enabled

    def __call__(self, text, colour):
        return f"{colour}{text}{RESET}" if self.enabled and colour else text


def _verdict(diff, paint):
    text = VERDICT_TEXT.get(diff.verdict, diff.verdict)
    if diff.verdict == "regression":
        return paint(f"{text} (limit {100 * diff.threshold:g}%)", RED + BOLD)
    if diff.verdict == "improvement":
        return paint(text, GREEN)
    if diff.verdict == "not_comparable":
        return paint(text, YELLOW)
    return text


def _p(diff):
    return "-" if diff.p_value is None else f"{diff.p_value:.3g}"


def _noise(diff):
    if diff.cv_old is None and diff.cv_new is None:
        return ""
    show = lambda cv: "-" if cv is None or math.isnan(cv) else f"{100 * cv:.1f}%"  # noqa: E731
    return f"cv {show(diff.cv_old)}/{show(diff.cv_new)}"


def render(comparison, old, new, show_all, colour):
    paint = Painter(colour)
    lines = [f"old: {old.source}  ({_describe(old.context)})",
             f"new: {new.source}  ({_describe(new.context)})", ""]
    lines.append(paint(f"{'benchmark / metric':<28} {'old':>12} {'new':>12} {'change':>9} "
                       f"{'p':>7}  verdict", BOLD))
    for row in comparison.rows:
        if row.status != "compared":
            text = STATUS_TEXT[row.status]
            detail = row.new_error or row.old_error
            colour = RED + BOLD if row.status == "error_new" else YELLOW
            lines.append(f"{row.name}  " + paint(text, colour) + (f": {detail}" if detail else ""))
            continue
        lines.append(paint(row.name, BOLD) + (f"  [{row.label_new}]" if row.label_new else ""))
        for diff in row.metrics:
            if diff.direction is None and not show_all and diff.verdict != "not_comparable":
                continue
            name = {"real_time": "time", "cpu_time": "cpu"}.get(diff.metric, diff.metric)
            lines.append(f"  {name:<26} {metrics.format_value(diff.metric, diff.old):>12} "
                         f"{metrics.format_value(diff.metric, diff.new):>12} "
                         f"{metrics.format_percent(diff.change):>9} {_p(diff):>7}  "
                         f"{_verdict(diff, paint)}  {_noise(diff)}".rstrip())
    lines.append("")
    for warning in comparison.warnings:
        lines.append(paint("warning: ", YELLOW) + warning)
    regressions = comparison.regressions
    counts = {}
    for row in comparison.rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    lines.append(f"{counts.get('compared', 0)} rows compared, {counts.get('only_old', 0)} only in "
                 f"old, {counts.get('only_new', 0)} only in new; thresholds: "
                 + ", ".join(f"{k}={100 * v:g}%" for k, v in comparison.thresholds.items()))
    if regressions:
        lines.append(paint(f"REGRESSION in {len(regressions)} place(s):", RED + BOLD))
        lines += [f"  {item}" for item in regressions]
    else:
        lines.append(paint("no regression", GREEN))
    return "\n".join(lines) + "\n"


def _describe(context):
    parts = [str(context.get(k)) for k in ("date", "host_name", "zkload_git_sha")
             if context.get(k)]
    return ", ".join(parts) or "no context"


def _plain(value):
    """JSON has no NaN or Infinity: written as the strings "NaN", "Infinity", "-Infinity"."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return value


def to_json(comparison, old, new, exit_code):
    rows = []
    for row in comparison.rows:
        rows.append({
            "name": row.name, "status": row.status, "regressed": row.regressed,
            "old_error": row.old_error or None, "new_error": row.new_error or None,
            "label_old": row.label_old or None, "label_new": row.label_new or None,
            "metrics": [{
                "metric": d.metric, "direction": d.direction, "verdict": d.verdict,
                "old": _plain(d.old), "new": _plain(d.new),
                "change_pct": _plain(None if d.change is None else 100 * d.change),
                "worse_pct": _plain(None if d.worse is None else 100 * d.worse),
                "threshold_pct": None if d.threshold is None else 100 * d.threshold,
                "p_value": d.p_value, "n_old": d.n_old, "n_new": d.n_new,
                "cv_old_pct": _plain(None if d.cv_old is None else 100 * d.cv_old),
                "cv_new_pct": _plain(None if d.cv_new is None else 100 * d.cv_new),
            } for d in row.metrics],
        })
    document = {
        "schema": "zkload-compare/1",
        "old": {"source": old.source, "files": old.files, "context": old.context},
        "new": {"source": new.source, "files": new.files, "context": new.context},
        "thresholds_pct": {k: 100 * v for k, v in comparison.thresholds.items()},
        "alpha": comparison.alpha,
        "rows": rows,
        "warnings": comparison.warnings,
        "regressions": comparison.regressions,
        "exit_code": exit_code,
    }
    return json.dumps(_sanitise(document), indent=1, allow_nan=False) + "\n"


def _sanitise(value):
    if isinstance(value, dict):
        return {k: _sanitise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_sanitise(v) for v in value]
    return _plain(value)
