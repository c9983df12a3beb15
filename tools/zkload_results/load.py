# SPDX-License-Identifier: Apache-2.0
"""Google Benchmark JSON files (or folders of them) into rows grouped by benchmark."""
import json
import pathlib
import re
from dataclasses import dataclass, field

# Keys of a row that are not measurements.
ROW_KEYS = {
    "name", "run_name", "run_type", "repetitions", "repetition_index", "threads", "iterations",
    "time_unit", "aggregate_name", "aggregate_unit", "family_index", "per_family_instance_index",
    "error_occurred", "error_message", "skipped", "skip_message", "label", "complexity_n",
    "big_o", "rms", "cpu_coefficient", "real_coefficient",
}
TIME_UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
# The noise figures of aggregate rows, and the aggregates that stand for a row's value.
NOISE_AGGREGATES = {"stddev", "cv"}
CENTRE_AGGREGATES = ("median", "mean")


class UnusableInput(Exception):
    """An input that is missing or not Google Benchmark JSON: tools exit with status 2."""


@dataclass
class Row:
    """One JSON row. Times are in nanoseconds; counters as written."""
    name: str
    key: str
    run_type: str
    aggregate_name: str = ""
    aggregate_unit: str = ""
    error: str = ""
    label: str = ""
    values: dict = field(default_factory=dict)


@dataclass
class Group:
    """Every row of one benchmark: its repetitions (iteration rows), their aggregates and errors."""
    key: str
    samples: list = field(default_factory=list)
    aggregates: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    label: str = ""


@dataclass
class ResultSet:
    source: str
    context: dict
    groups: dict
    files: list


def group_key(run_name):
    """The name rows are matched by: run_name without a `/repeats:N` that a repetition count
    set in code adds, so runs with different repetition counts still match."""
    return re.sub(r"/repeats:\d+", "", run_name)


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return None


def parse_row(raw, where):
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise UnusableInput(f"{where}: a row without a name: not Google Benchmark output")
    run_name = raw.get("run_name", raw["name"])
    run_type = raw.get("run_type", "iteration")
    unit_ns = TIME_UNIT_NS.get(raw.get("time_unit", "ns"))
    if unit_ns is None:
        raise UnusableInput(f"{where}: row {raw['name']!r} has unknown time_unit "
                            f"{raw.get('time_unit')!r}")
    row = Row(name=raw["name"], key=group_key(run_name), run_type=run_type,
              aggregate_name=raw.get("aggregate_name", ""),
              aggregate_unit=raw.get("aggregate_unit", "time"),
              label=raw.get("label", "") or "")
    if raw.get("error_occurred") or raw.get("skipped") in (True, "error", "error_occurred"):
        row.error = raw.get("error_message") or raw.get("skip_message") or "error"
    for name, value in raw.items():
        number = _number(value)
        if name in ROW_KEYS or number is None:
            continue
        # A percentage aggregate (_cv) is a ratio in every column, times included.
        if name in ("real_time", "cpu_time") and row.aggregate_unit != "percentage":
            number *= unit_ns
        row.values[name] = number
    return row


def _read_json(path):
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UnusableInput(f"{path}: no such file") from None
    except OSError as error:
        raise UnusableInput(f"{path}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise UnusableInput(f"{path}: not text, so not a Google Benchmark JSON file") from None
    if not text.strip():
        raise UnusableInput(f"{path}: empty file (did the benchmark run crash before writing?)")
    try:
        # Python's json reads NaN and Infinity, which Google Benchmark writes for such counters.
        return json.loads(text)
    except json.JSONDecodeError as error:
        hint = "" if text.rstrip().endswith("}") else " (truncated: did the run crash?)"
        raise UnusableInput(f"{path}: not JSON: {error.msg} at line {error.lineno}{hint}") from None


def load_file(path):
    """(context, rows) of one file; UnusableInput when it is not benchmark output."""
    data = _read_json(path)
    if (not isinstance(data, dict) or not isinstance(data.get("benchmarks"), list)
            or not isinstance(data.get("context"), dict)):
        raise UnusableInput(f"{path}: JSON, but not a Google Benchmark file (no \"context\" "
                            "object and \"benchmarks\" list; write it with "
                            "--benchmark_out=FILE --benchmark_out_format=json)")
    rows = [parse_row(raw, path) for raw in data["benchmarks"]]
    return data["context"], rows


def group_rows(rows):
    groups = {}
    for row in rows:
        group = groups.setdefault(row.key, Group(key=row.key))
        group.label = group.label or row.label
        if row.run_type == "aggregate":
            group.aggregates[row.aggregate_name] = row
        elif row.error:
            group.errors.append(row.error)
        else:
            group.samples.append(row)
    return groups


def load(path_text):
    """A result file, or a folder: the union of its *.json files (the same row in several files
    counts as repetitions; the context is the newest file's)."""
    path = pathlib.Path(path_text)
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise UnusableInput(f"{path}: a folder without *.json result files")
    elif path.exists() or path.suffix:
        files = [path]
    else:
        raise UnusableInput(f"{path}: no such file or folder")
    context, rows = {}, []
    for file in files:
        file_context, file_rows = load_file(file)
        context = file_context if not context or _date(file_context) >= _date(context) else context
        rows.extend(file_rows)
    return ResultSet(source=str(path), context=context, groups=group_rows(rows),
                     files=[str(f) for f in files])


def _date(context):
    return str(context.get("date", ""))
