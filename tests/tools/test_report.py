#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""tools/report on golden files (zkload's own output: golden/make_golden.py): the HTML page, its
embedded figures, and skipped sections.
Run one case: test_report.py ReportTest.test_name; list them: test_report.py --list."""
import base64
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
