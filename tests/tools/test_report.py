#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""tools/report on golden files (zkload's own output: golden/make_golden.py): the HTML page, its
embedded figures, and skipped sections.
Run one case: test_report.py ReportTest.test_name; list them: test_report.py --list."""
import base64
import html
import json
import pathlib
import re
import struct
import subprocess
import sys
import tempfile
import unittest
import zlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
GOLDEN = pathlib.Path(__file__).resolve().parent / "golden"
REPORT = ROOT / "tools" / "report"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data):
    """(width, height) of a PNG after checking its signature and every chunk's CRC up to IEND."""
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("no PNG signature")
    offset, size, seen_end = len(PNG_SIGNATURE), None, False
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length:offset + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise ValueError(f"bad CRC in chunk {kind!r}")
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        seen_end = kind == b"IEND"
        offset += 12 + length
    if size is None or not seen_end:
        raise ValueError("no IHDR or no IEND")
    return size


def report(*args):
    done = subprocess.run([sys.executable, str(REPORT), *map(str, args)], capture_output=True,
                          text=True, timeout=300, check=False)
    return done.returncode, done.stdout, done.stderr


class ReportTest(unittest.TestCase):
    def test_page_embeds_every_section_as_valid_png(self):
        with tempfile.TemporaryDirectory() as tmp:
            out, png_dir = pathlib.Path(tmp) / "run.html", pathlib.Path(tmp) / "png"
            # The devnet run and the bridge run (L1 anvil with the zkSync contracts, the L2 double).
            code, stdout, stderr = report(GOLDEN / "base.json", GOLDEN / "bridge.json", "--out", out,
                                          "--png-dir", png_dir)
            self.assertEqual(code, 0, stderr)
            self.assertEqual(stdout.strip(), str(out))
            page = out.read_text()
            images = re.findall(r'<h2 id="([a-z_]+)">[^<]*</h2>\s*<img alt="[^"]*" '
                                r'src="data:image/png;base64,([A-Za-z0-9+/=]+)">', page)
            self.assertEqual([stem for stem, _ in images],
                             ["throughput_vs_concurrency", "latency_vs_rate", "capacity_search",
                              "bridge_stages", "funding_time"])
            for stem, data in images:
                with self.subTest(figure=stem):
                    embedded = base64.b64decode(data, validate=True)
                    width, height = png_size(embedded)
                    self.assertGreater(width, 400)
                    self.assertGreater(height, 200)
                    self.assertEqual(embedded, (png_dir / f"{stem}.png").read_bytes())
            self.assertNotIn('src="http', page)  # self-contained

    def test_page_shows_the_context_and_every_row(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = pathlib.Path(tmp) / "run.html"
            code, _, stderr = report(GOLDEN / "base.json", "--out", out)
            self.assertEqual(code, 0, stderr)
            page = out.read_text()
            context = json.loads((GOLDEN / "base.json").read_text())["context"]
            for fragment in (f"<th>node_client_version</th><td>{context['node_client_version']}</td>",
                             "<th>chain_id</th><td>31337</td>", "<th>chain_kind</th><td>evm</td>",
                             f"<th>num_cpus</th><td>{context['num_cpus']}</td>",
                             f"<th>zkload_git_sha</th><td>{context['zkload_git_sha']}</td>",
                             f"<th>host_name</th><td>{context['host_name']}</td>",
                             "<td>deposit_eth/closed/concurrency:1/iterations:1/manual_time</td><td class=err",
                             "bridge rows need --l1-rpc-url",
                             "<td>micro/keccak/32</td>",
                             "<td>capacity/eth_transfer/iterations:1/manual_time</td>"):
                with self.subTest(fragment=fragment):
                    self.assertIn(fragment, page)

    def test_sections_without_data_are_left_out(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = pathlib.Path(tmp) / "micro.html"
            code, _, stderr = report(GOLDEN / "micro_only.json", "--out", out)
            self.assertEqual(code, 0, stderr)
            page = out.read_text()
            self.assertNotIn("<img", page)
            self.assertIn("No plottable rows", page)
            self.assertIn("<td>micro/sign/eip1559_transfer</td>", page)

    def test_default_output_is_next_to_the_input(self):
        with tempfile.TemporaryDirectory() as tmp:
            source = pathlib.Path(tmp) / "2026-11-28-ci.json"
            source.write_bytes((GOLDEN / "reps3_old.json").read_bytes())
            code, stdout, stderr = report(source)
            self.assertEqual(code, 0, stderr)
            self.assertEqual(stdout.strip(), str(source.with_suffix(".html")))
            self.assertTrue(source.with_suffix(".html").is_file())

    def findings(self, name, rows=None):
        """The sentences under the latency figure of the page made from golden/<name>, with the
        rows' counters first changed by `rows` (a function of one row) when given."""
        with tempfile.TemporaryDirectory() as tmp:
            source, out = pathlib.Path(tmp) / name, pathlib.Path(tmp) / "run.html"
            data = json.loads((GOLDEN / name).read_text())
            for row in data["benchmarks"]:
                if rows:
                    rows(row)
            source.write_text(json.dumps(data))
            code, _, stderr = report(source, "--out", out)
            self.assertEqual(code, 0, stderr)
            return [html.unescape(line) for line in
                    re.findall(r'<p class="finding">([^<]*)</p>', out.read_text())]

    def test_generator_lateness_of_its_own_is_no_knee(self):
        # A default tools/bench on a busy 2-core machine: every rate included in full, while the
        # generator's own thread was late on 3.1-5.1% of its starts (busy, not waiting).
        self.assertEqual(self.findings("open_late.json"), [
            "eth_transfer: no knee up to 4,000/s: the node included at least 95% of the offered rate at "
            "every rate. The generator itself was late (busy, not waiting on the node) on 3.1% of its starts at 1,000/s, 3.2% of "
            "its starts at 2,000/s, 5.1% of its starts at 4,000/s: its host's hiccups, not counted "
            "toward the knee."])

    def test_lateness_waiting_on_the_node_is_the_knee(self):
        # The same rows, changed in one respect: the generator sat idle for all of the time it was
        # behind (every request slot or wallet busy: the node's doing).
        def waiting(row):
            row["behind_idle_pct"] = 100.0
        self.assertEqual(self.findings("open_late.json", waiting),
                         ["eth_transfer: knee ≈ 1,000/s (3.1% of the starts late waiting on the node)."])

    def test_included_short_of_offered_is_the_knee(self):
        # The same rows with 10% fewer included at 4,000/s.
        def short(row):
            if "rate:4000/" in row["name"]:
                row["included_per_s"] *= 0.9
        findings = self.findings("open_late.json", short)
        self.assertEqual(len(findings), 1)
        self.assertTrue(findings[0].startswith(
            "eth_transfer: knee ≈ 4,000/s (3,599/s included of 4,000/s offered). The generator itself"),
            findings[0])

    def test_lateness_in_a_file_that_cannot_tell_whose_counts(self):
        # base.json predates behind_idle_pct: its 1.7% late starts at 4,000/s count as the node's.
        self.assertEqual(self.findings("base.json"), [
            "eth_transfer: knee ≈ 4,000/s (1.7% of the starts late; the file does not say whether "
            "the generator was waiting on the node)."])

    def test_two_inputs_and_unusable_input(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = pathlib.Path(tmp) / "both.html"
            code, _, stderr = report(GOLDEN / "base.json", GOLDEN / "regression.json",
                                     "--out", out)
            self.assertEqual(code, 0, stderr)
            self.assertEqual(out.read_text().count("<h2>Context:"), 2)
        code, _, stderr = report(GOLDEN / "not_json.txt")
        self.assertEqual(code, 2)
        self.assertIn("not JSON", stderr)


if __name__ == "__main__":
    if sys.argv[1:] == ["--list"]:
        for name in unittest.TestLoader().getTestCaseNames(ReportTest):
            print(f"ReportTest.{name}")
        sys.exit(0)
    unittest.main()
