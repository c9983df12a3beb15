# SPDX-License-Identifier: Apache-2.0
"""The report's figures, as PNG bytes (matplotlib, Agg backend: no display needed)."""
import io
import os
import tempfile

os.environ.setdefault("MPLCONFIGDIR", os.path.join(tempfile.gettempdir(), "zkload-matplotlib"))
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from . import series  # noqa: E402

PERCENTILE_STYLE = {"p50": "-", "p90": "--", "p99": "-.", "p999": ":"}


def _png(figure):
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=100)
    plt.close(figure)
    return buffer.getvalue()


def _tag(results_list, results):
    return "" if len(results_list) == 1 else f" [{os.path.basename(results.source)}]"


def throughput_vs_concurrency(results_list):
    figure, (rate_axes, cpu_axes) = plt.subplots(1, 2, figsize=(11, 4.2))
    cpu_seen = False
    for results in results_list:
        for op, points in series.swept(results, series.CLOSED).items():
            xs = [x for x, _ in points]
            tag = op + _tag(results_list, results)
            rate_axes.plot(xs, [series.throughput(g) for _, g in points], "o-", label=tag)
            submitted = [series.value(g, "submitted_per_s") for _, g in points]
            if any(v is not None for v in submitted):
                rate_axes.plot(xs, submitted, "x--", alpha=0.6, label=f"{tag} submitted")
            for counter, style in (("node_cpu_pct", "s-"), ("gen_cpu_pct", "^--")):
                values = [series.value(g, counter) for _, g in points]
                if any(v is not None for v in values):
                    cpu_seen = True
                    cpu_axes.plot(xs, values, style, label=f"{tag} {counter}")
    rate_axes.set(xscale="log", xlabel="concurrency (transactions in flight)",
                  ylabel="included per second", title="Throughput vs concurrency (closed loop)")
    rate_axes.grid(True, alpha=0.3)
    rate_axes.legend(fontsize="small")
    if cpu_seen:
        cpu_axes.set(xscale="log", xlabel="concurrency", ylabel="CPU % (100 = one core)",
                     title="Node and generator CPU")
        cpu_axes.grid(True, alpha=0.3)
        cpu_axes.legend(fontsize="small")
    else:
        figure.delaxes(cpu_axes)
    return _png(figure)


def latency_vs_rate(results_list):
    figure, (latency_axes, rate_axes) = plt.subplots(1, 2, figsize=(11, 4.2))
    top = 0
    for results in results_list:
        for op, points in series.swept(results, series.OPEN).items():
            xs = [x for x, _ in points]
            tag = op + _tag(results_list, results)
            for pct, style in PERCENTILE_STYLE.items():
                ys = [series.value(g, f"incl_{pct}_ms") for _, g in points]
                if any(v is not None for v in ys):
                    latency_axes.plot(xs, ys, "o" + style, label=f"{tag} {pct}")
            included = [series.throughput(g) for _, g in points]
            rate_axes.plot(xs, included, "o-", label=f"{tag} included")
            top = max([top] + xs)
            knee = series.knee(points)
            if knee is not None:
                for axes in (latency_axes, rate_axes):
                    axes.axvline(knee, color="red", linestyle="--", alpha=0.7)
                latency_axes.annotate(f"knee ≈ {knee:g}/s", (knee, 0.95),
                                      xycoords=("data", "axes fraction"), color="red",
                                      ha="right", fontsize="small")
    rate_axes.plot([0, top], [0, top], color="grey", linestyle=":", label="offered = included")
    latency_axes.set(yscale="log", xlabel="offered rate (transactions/s)",
                     ylabel="inclusion latency (ms)",
                     title="Latency percentiles vs offered rate (open loop)")
    rate_axes.set(xlabel="offered rate (transactions/s)", ylabel="included per second",
                  title="Included vs offered")
    for axes in (latency_axes, rate_axes):
        axes.grid(True, alpha=0.3)
        axes.legend(fontsize="small")
    return _png(figure)


def bridge_stages(results_list):
    rows = [(key + _tag(results_list, r), group) for r in results_list
            for key, group in series.bridge_rows(r)]
    figure, axes = plt.subplots(figsize=(11, 1.6 + 0.9 * len(rows)))
    labels, p50s, p99s = [], [], []
    for key, group in rows:
        for stage, pcts in series.stages(group).items():
            labels.append(f"{key}  {stage}")
            p50s.append(pcts.get("p50", 0))
            p99s.append(pcts.get("p99", 0))
    positions = range(len(labels))
    axes.barh([p + 0.2 for p in positions], p99s, height=0.4, label="p99", color="tab:orange")
    axes.barh([p - 0.2 for p in positions], p50s, height=0.4, label="p50", color="tab:blue")
    axes.set_yticks(list(positions), labels, fontsize="small")
    axes.invert_yaxis()
    axes.set(xscale="log", xlabel="seconds", title="Deposits and withdrawals: latency per stage")
    axes.grid(True, axis="x", alpha=0.3)
    axes.legend(fontsize="small")
    return _png(figure)


def funding_time(results_list):
    figure, axes = plt.subplots(figsize=(8, 4.2))
    for results in results_list:
        for strategy, points in series.swept(results, series.FUND).items():
            xs = [x for x, _ in points]
            ys = [(series.value(g, "real_time") or 0) / 1e9 for _, g in points]
            axes.plot(xs, ys, "o-", label=strategy + _tag(results_list, results))
    axes.set(xscale="log", yscale="log", xlabel="wallets", ylabel="seconds to fund and verify",
             title="Funding time by strategy")
    axes.grid(True, alpha=0.3)
    axes.legend(fontsize="small")
    return _png(figure)


def capacity_search(results_list):
    """Each capacity search's probes in the order run: included vs offered (a probe passes at or
    above 97% of offered) and inclusion p99 against the objective; the rate found marked."""
    rows = [(op + _tag(results_list, r), group) for r in results_list for op, group in series.capacity_rows(r)]
    figure, (rate_axes, latency_axes) = plt.subplots(1, 2, figsize=(11, 4.2))
    top = 0
    for tag, group in rows:
        probes = series.probes(group)
        offered = [p["offered_per_s"] for p in probes]
        top = max([top] + offered)
        line = rate_axes.plot(offered, [p.get("included_per_s", 0) for p in probes], ":", alpha=0.4)[0]
        colour = line.get_color()
        for number, probe in enumerate(probes, 1):
            marker = "o" if probe.get("passed") else "x"
            rate_axes.plot(probe["offered_per_s"], probe.get("included_per_s", 0), marker, color=colour)
            rate_axes.annotate(str(number), (probe["offered_per_s"], probe.get("included_per_s", 0)),
                               textcoords="offset points", xytext=(4, 4), fontsize="x-small")
            if "incl_p99_ms" in probe:
                latency_axes.plot(probe["offered_per_s"], probe["incl_p99_ms"], marker, color=colour)
        found = series.value(group, "capacity_per_s")
        if found:
            for axes in (rate_axes, latency_axes):
                axes.axvline(found, color=colour, linestyle="--", alpha=0.7)
            rate_axes.annotate(f"{tag}: {found:,.0f}/s", (found, 0.05), xycoords=("data", "axes fraction"),
                               color=colour, ha="right", fontsize="small")
        slo = series.value(group, "capacity_slo_p99_ms")
        if slo:
            latency_axes.axhline(slo, color=colour, linestyle=":", label=f"{tag} objective {slo:,.0f} ms")
        rate_axes.plot([], [], "o", color=colour, label=f"{tag} (o passed, x failed)")
    rate_axes.plot([0, top], [0, top], color="grey", linestyle=":", label="included = offered")
    rate_axes.plot([0, top], [0, 0.97 * top], color="grey", linestyle="--", alpha=0.5, label="97% of offered")
    rate_axes.set(xlabel="offered rate of the probe (transactions/s)", ylabel="included per second (steady)",
                  title="Capacity search: probes in the order run")
    latency_axes.set(yscale="log", xlabel="offered rate of the probe (transactions/s)",
                     ylabel="inclusion p99 (ms)", title="Inclusion p99 per probe")
    for axes in (rate_axes, latency_axes):
        axes.grid(True, alpha=0.3)
        axes.legend(fontsize="small")
    return _png(figure)


def soak_over_time(results_list):
    """Each soak row against time: included per second beside the offered rate, the worst
    minute's inclusion p99 per span, both processes' resident sets (their slopes in the legend)
    and CPU."""
    rows = [(op + _tag(results_list, r), group) for r in results_list for op, group in series.soak_rows(r)]
    figure, grid = plt.subplots(2, 3, figsize=(15, 7.5))
    (rate_axes, p99_axes, cpu_axes), (gen_axes, node_axes, unused) = grid
    figure.delaxes(unused)
    node_seen = False
    for tag, group in rows:
        points = series.samples(group)
        minutes = [p["t_s"] / 60 for p in points]
        line = rate_axes.plot(minutes, [p["included_per_s"] for p in points], "o-", label=f"{tag} included")[0]
        colour = line.get_color()
        offered = series.value(group, "offered_per_s")
        if offered:
            rate_axes.axhline(offered, color=colour, linestyle=":", label=f"{tag} offered {offered:,.0f}/s")
        with_p99 = [p for p in points if "incl_p99_ms" in p]
        if with_p99:
            p99_axes.plot([p["t_s"] / 60 for p in with_p99], [p["incl_p99_ms"] for p in with_p99], "o-",
                          color=colour, label=tag)
        slope = series.value(group, "gen_rss_slope_mb_per_h")
        gen_axes.plot(minutes, [p["gen_rss_mb"] for p in points], "o-", color=colour,
                      label=tag + (f" ({slope:+.1f} MB/h)" if slope is not None else ""))
        cpu_axes.plot(minutes, [p["gen_cpu_pct"] for p in points], "^--", color=colour, label=f"{tag} zkload")
        with_node = [p for p in points if "node_rss_mb" in p]
        if with_node:
            node_seen = True
            slope = series.value(group, "node_rss_slope_mb_per_h")
            node_axes.plot([p["t_s"] / 60 for p in with_node], [p["node_rss_mb"] for p in with_node], "s-",
                           color=colour, label=tag + (f" ({slope:+.0f} MB/h)" if slope is not None else ""))
            with_cpu = [p for p in with_node if "node_cpu_pct" in p]
            cpu_axes.plot([p["t_s"] / 60 for p in with_cpu], [p["node_cpu_pct"] for p in with_cpu], "s-",
                          color=colour, label=f"{tag} node")
    rate_axes.set(xlabel="minutes", ylabel="included per second", title="Soak: included per second")
    p99_axes.set(yscale="log", xlabel="minutes", ylabel="inclusion p99 (ms)",
                 title="Soak: inclusion p99 (worst minute in each span)")
    cpu_axes.set(xlabel="minutes", ylabel="CPU % (100 = one core)", title="Soak: CPU")
    gen_axes.set(xlabel="minutes", ylabel="resident set (MB)", title="Soak: zkload's memory")
    node_axes.set(xlabel="minutes", ylabel="resident set (MB)", title="Soak: the node's memory")
    for axes in (rate_axes, p99_axes, cpu_axes, gen_axes, node_axes):
        axes.grid(True, alpha=0.3)
        if axes.get_legend_handles_labels()[0]:
            axes.legend(fontsize="small")
    if not p99_axes.lines:
        p99_axes.text(0.5, 0.5, "no whole minute measured", ha="center", va="center", transform=p99_axes.transAxes)
    if not node_seen:
        node_axes.text(0.5, 0.5, "node process not readable\n(give --node-pid)", ha="center", va="center",
                       transform=node_axes.transAxes)
    return _png(figure)


def _open_loop_sentences(results):
    """One sentence per operation of an open-loop sweep: where its knee is and why, and the
    rates at which the generator itself was late."""
    lines = []
    for op, points in series.swept(results, series.OPEN).items():
        rate, why = series.knee_finding(points)
        top = points[-1][0]
        if rate is not None:
            line = f"{op}: knee ≈ {rate:,.0f}/s ({why})."
        else:
            line = (f"{op}: no knee up to {top:,.0f}/s: the node included at least "
                    f"{100 * series.INCLUDED_SHARE:.0f}% of the offered rate at every rate.")
        own = series.generator_late(points)
        if own:
            rates = ", ".join(f"{100 * share:.1f}% of its starts at {offered:,.0f}/s" for offered, share in own)
            line += (f" The generator itself was late (busy, not waiting on the node) on {rates}:"
                     " its host's hiccups, not counted toward the knee.")
        lines.append(line)
    return lines


def open_loop_findings(results_list):
    """The latency section's sentences (_open_loop_sentences), tagged by file when there are
    several."""
    return [(f"{_tag(results_list, results).strip()} " if len(results_list) > 1 else "") + line
            for results in results_list for line in _open_loop_sentences(results)]


# (file stem, title, has-data test, figure maker, findings): a section without data is left out;
# findings (None, or a function of the inputs) are sentences shown under the figure.
SECTIONS = (
    ("throughput_vs_concurrency", "Throughput vs concurrency",
     lambda r: bool(series.swept(r, series.CLOSED)), throughput_vs_concurrency, None),
    ("latency_vs_rate", "Latency vs offered rate",
     lambda r: bool(series.swept(r, series.OPEN)), latency_vs_rate, open_loop_findings),
    ("capacity_search", "Capacity search",
     lambda r: bool(series.capacity_rows(r)), capacity_search, None),
    ("soak_over_time", "Soak over time",
     lambda r: bool(series.soak_rows(r)), soak_over_time, None),
    ("bridge_stages", "Deposits and withdrawals per stage",
     lambda r: bool(series.bridge_rows(r)), bridge_stages, None),
    ("funding_time", "Funding time",
     lambda r: bool(series.swept(r, series.FUND)), funding_time, None),
)


def figures(results_list):
    """[(stem, title, png bytes, [finding, ...])] for the sections some input has data for."""
    out = []
    for stem, title, has_data, make, findings in SECTIONS:
        if any(has_data(results) for results in results_list):
            out.append((stem, title, make(results_list), findings(results_list) if findings else []))
    return out
