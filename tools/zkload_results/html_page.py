# SPDX-License-Identifier: Apache-2.0
"""One self-contained HTML page: context, figures as data: URIs, and a table of every row."""
import base64
import html

from . import metrics, series

# Context entries shown first, in this order (the rest follows alphabetically).
CONTEXT_FIRST = ("date", "host_name", "executable", "num_cpus", "mhz_per_cpu",
                 "node_client_version", "chain_id", "chain_kind", "block_gas_limit", "target",
                 "devnet_flags", "cpus", "cpu_binding", "zkload_version", "zkload_git_sha",
                 "library_build_type", "load_avg")
ROW_COUNTERS = ("included_per_s", "submitted_per_s", "incl_p50_ms", "incl_p99_ms",
                "ack_p99_us", "node_cpu_pct", "gen_cpu_pct")
STYLE = """body{font-family:sans-serif;margin:2em;max-width:1200px;color:#222}
table{border-collapse:collapse;margin:1em 0;font-size:90%}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}
td.n{text-align:right;font-family:monospace}img{max-width:100%;border:1px solid #eee}
.err{color:#b00}"""


def _context_rows(context):
    keys = [k for k in CONTEXT_FIRST if k in context]
    keys += sorted(k for k in context if k not in keys and k != "caches")
    out = []
    for key in keys:
        value = context[key]
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        out.append(f"<tr><th>{html.escape(key)}</th><td>{html.escape(str(value))}</td></tr>")
    return "\n".join(out)


def _rows_table(results):
    header = "".join(f"<th>{html.escape(h)}</th>"
                     for h in ("benchmark", "time / op") + ROW_COUNTERS + ("label",))
    lines = [f"<table><tr>{header}</tr>"]
    for key, group in results.groups.items():
        if not group.samples and not group.aggregates:
            message = html.escape(group.errors[0] if group.errors else "no data")
            lines.append(f"<tr><td>{html.escape(key)}</td><td class=err colspan="
                         f"{len(ROW_COUNTERS) + 2}>error: {message}</td></tr>")
            continue
        cells = [metrics.format_time(series.value(group, "real_time"))]
        cells += [metrics.format_number(series.value(group, c)) for c in ROW_COUNTERS]
        body = "".join(f"<td class=n>{html.escape(c)}</td>" for c in cells)
        lines.append(f"<tr><td>{html.escape(key)}</td>{body}"
                     f"<td>{html.escape(group.label)}</td></tr>")
    lines.append("</table>")
    return "\n".join(lines)


def page(results_list, figures):
    parts = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\">",
             "<title>zkload report</title>", f"<style>{STYLE}</style></head><body>",
             "<h1>zkload report</h1>"]
    for results in results_list:
        parts.append(f"<h2>Context: {html.escape(results.source)}</h2>")
        parts.append(f"<table>{_context_rows(results.context)}</table>")
    if not figures:
        parts.append("<p>No plottable rows (closed-loop, open-loop, bridge or funding sweeps) "
                     "in these results.</p>")
    for stem, title, png, findings in figures:
        data = base64.b64encode(png).decode("ascii")
        parts.append(f"<h2 id=\"{stem}\">{html.escape(title)}</h2>")
        parts.append(f"<img alt=\"{html.escape(title)}\" src=\"data:image/png;base64,{data}\">")
        parts.extend(f"<p class=\"finding\">{html.escape(line)}</p>" for line in findings)
    for results in results_list:
        parts.append(f"<h2>Rows: {html.escape(results.source)}</h2>")
        parts.append(_rows_table(results))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
