#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""tools/compare on the golden files in golden/ (zkload's own output, and copies of it with one
stated change: golden/make_golden.py): exit codes, key lines and JSON diff fields. What a file
holds is read from it, so the expectations follow the files when they are made again.
Run one case: test_compare.py CompareTest.test_name; list them: test_compare.py --list."""
import json
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
GOLDEN = pathlib.Path(__file__).resolve().parent / "golden"
COMPARE = ROOT / "tools" / "compare"
sys.path.insert(0, str(ROOT / "tools"))
from zkload_results.metrics import format_number, format_time  # noqa: E402  (the table's own layout)

SUFFIX = "/iterations:1/manual_time"  # what Google Benchmark appends to zkload's load rows
C64 = "eth_transfer/closed/concurrency:64" + SUFFIX
C8 = "eth_transfer/closed/concurrency:8" + SUFFIX
C1 = "eth_transfer/closed/concurrency:1" + SUFFIX
DEPLOY = "deploy/closed/concurrency:8" + SUFFIX
DEPOSIT = "deposit_eth/closed/concurrency:1" + SUFFIX
READS = "rpc/eth_blockNumber/closed/concurrency:8" + SUFFIX
ERC20_REPS = "erc20_transfer/closed/concurrency:8" + SUFFIX
ERC20_AGGREGATES = "erc20_transfer/closed/concurrency:64" + SUFFIX


def document(name):
    return json.loads((GOLDEN / name).read_text())


def iterations(name, row):
    """The repetitions of a row in a golden file, in order."""
    return [r for r in document(name)["benchmarks"] if r["run_name"] == row and r["run_type"] == "iteration"]


def aggregate(name, row, kind):
    return next(r for r in document(name)["benchmarks"]
                if r["run_name"] == row and r.get("aggregate_name") == kind)


def compare(*args):
    """(exit status, stdout, stderr) of tools/compare run by this interpreter."""
    done = subprocess.run([sys.executable, str(COMPARE), *map(str, args)], capture_output=True,
                          text=True, timeout=120, check=False)
    return done.returncode, done.stdout, done.stderr


def golden(name):
    return GOLDEN / name


class CompareTest(unittest.TestCase):
    def run_json(self, *args):
        code, out, err = compare(*args, "--json", "-")
        document = json.loads(out, parse_constant=lambda c: self.fail(f"non-JSON constant {c}"))
        self.assertEqual(document["exit_code"], code, err)
        return code, document

    def row(self, document, name):
        return next(r for r in document["rows"] if r["name"] == name)

    def metric(self, document, row_name, metric):
        return next(m for m in self.row(document, row_name)["metrics"] if m["metric"] == metric)

    def test_identical_files_exit_0(self):
        code, out, err = compare(golden("base.json"), golden("base.json"))
        self.assertEqual(code, 0, out + err)
        self.assertIn("no regression", out)
        rows = {r["run_name"] for r in document("base.json")["benchmarks"] if not r.get("error_occurred")}
        self.assertGreaterEqual(len(rows), 12)
        self.assertIn(f"{len(rows)} rows compared", out)  # a row failing on both sides is not compared

    def test_changes_within_limits_and_one_sided_rows_exit_0(self):
        code, out, _ = compare(golden("base.json"), golden("within_limits.json"),
                               "--max-regression", "included_per_s=5%,incl_p99_ms=10%,time=5%")
        self.assertEqual(code, 0, out)
        self.assertIn("micro/keccak/32  only in old", out)
        self.assertIn("micro/keccak/200  only in new", out)
        old = iterations("base.json", C64)[0]["included_per_s"]
        new = iterations("within_limits.json", C64)[0]["included_per_s"]
        self.assertAlmostEqual(new / old, 0.97)
        self.assertRegex(out, rf"included_per_s +{re.escape(format_number(old))} +{re.escape(format_number(new))} "
                              r"+-3\.0% .* worse \(within limit\)")

    def test_real_regression_exits_1_by_default_threshold_on_time(self):
        code, out, _ = compare(golden("base.json"), golden("regression.json"))
        self.assertEqual(code, 1, out)
        self.assertIn("REGRESSION in 1 place(s)", out)
        self.assertIn(f"{C64}: real_time +25.0%", out)
        self.assertIn("thresholds: real_time=10%", out)

    def test_regression_json_fields_per_metric(self):
        code, document = self.run_json(golden("base.json"), golden("regression.json"),
                                        "--max-regression", "included_per_s=5%,incl_p99_ms=10%")
        self.assertEqual(code, 1)
        rate = self.metric(document, C64, "included_per_s")
        self.assertEqual((rate["direction"], rate["verdict"]), ("higher", "regression"))
        self.assertAlmostEqual(rate["change_pct"], -20.0)
        self.assertAlmostEqual(rate["worse_pct"], 20.0)
        self.assertEqual(rate["threshold_pct"], 5.0)
        p99 = self.metric(document, C64, "incl_p99_ms")
        self.assertEqual((p99["direction"], p99["verdict"]), ("lower", "regression"))
        # Not gated this time: time is only checked by default.
        time = self.metric(document, C64, "real_time")
        self.assertEqual(time["verdict"], "worse")
        self.assertEqual(document["thresholds_pct"], {"included_per_s": 5.0, "incl_p99_ms": 10.0})
        self.assertEqual(len(document["regressions"]), 2)
        self.assertTrue(self.row(document, C64)["regressed"])
        self.assertFalse(self.row(document, C8)["regressed"])

    def test_counter_directions(self):
        directions = {}
        for name in ("base.json", "bridge.json"):
            _, document = self.run_json(golden(name), golden(name))
            directions.update({m["metric"]: m["direction"] for r in document["rows"] for m in r["metrics"]})
        expected = {"real_time": "lower", "cpu_time": "lower", "included_per_s": "higher",
                    "submitted_per_s": "higher", "incl_p50_ms": "lower", "incl_p999_ms": "lower",
                    "ack_p99_us": "lower", "failed": "lower", "lost": "lower", "late": "lower",
                    "l1_incl_p50_ms": "lower", "l2_exec_p99_ms": "lower", "wallets_per_s": "higher",
                    "gen_cpu_us_per_tx": "lower", "offered_per_s": None, "node_cpu_pct": None,
                    "bytes_per_second": "higher", "capacity_per_s": "higher",
                    "probe01_included_per_s": None, "probe01_incl_p99_ms": None, "capacity_slo_p99_ms": None}
        for metric, direction in expected.items():
            with self.subTest(metric=metric):
                self.assertEqual(directions[metric], direction)
        self.assertNotIn("iterations", directions)  # a row key, not a measurement

    def test_row_that_now_fails_is_a_regression(self):
        code, out, _ = compare(golden("base.json"), golden("new_error.json"))
        self.assertEqual(code, 1, out)
        self.assertIn(f"{DEPLOY}  REGRESSION: now fails: the node refused: read-only endpoint", out)
        self.assertIn(f"{DEPOSIT}  fails on both sides: bridge rows need --l1-rpc-url", out)

    def test_row_that_failed_before_is_not_a_regression(self):
        code, document = self.run_json(golden("new_error.json"), golden("base.json"))
        self.assertEqual(code, 0)
        self.assertEqual(self.row(document, DEPLOY)["status"], "error_old")
        self.assertEqual(self.row(document, DEPOSIT)["status"], "error_both")

    def test_debug_library_context_warns_and_goes_on(self):
        self.assertEqual(document("base.json")["context"]["library_build_type"], "debug")  # Debian's
        code, out, _ = compare(golden("base.json"), golden("base.json"))
        self.assertEqual(code, 0)
        self.assertIn('warning: library_build_type is "debug" on old and new', out)

    def test_different_hosts_warn(self):
        code, out, _ = compare(golden("base.json"), golden("other_host.json"))
        self.assertEqual(code, 0)
        host = document("base.json")["context"]["host_name"]
        self.assertIn(f"context differs: host_name is '{host}' (old) and 'ci-b' (new)", out)
        self.assertIn("context differs: num_cpus", out)

    def test_aggregates_and_cv_under_nine_repetitions(self):
        # The same row three times each: the new run with --max-pending-per-wallet 1 --rpc-batch 1.
        code, out, _ = compare(golden("reps3_old.json"), golden("reps3_new.json"))
        old = [r["real_time"] for r in iterations("reps3_old.json", ERC20_REPS)]
        new = [r["real_time"] for r in iterations("reps3_new.json", ERC20_REPS)]
        self.assertEqual((len(old), len(new)), (3, 3))
        self.assertGreater(min(new), max(old) * 1.1)  # a slowdown beyond the default 10% on time
        self.assertEqual(code, 1, out)
        self.assertIn("warning: fewer than 9 repetitions on a side", out)
        change = statistics.median(new) / statistics.median(old) - 1
        unit = 1e3 if iterations("reps3_old.json", ERC20_REPS)[0]["time_unit"] == "us" else 1e6
        # Three against three, every new one slower: the U test's smallest two-sided p, 0.1.
        self.assertRegex(out, rf"time +{re.escape(format_time(statistics.median(old) * unit))} +"
                              rf"{re.escape(format_time(statistics.median(new) * unit))} +\+{100 * change:.1f}% +0\.1 "
                              r"+REGRESSION")
        # _cv (aggregate_unit percentage) is shown as noise, never as a time.
        cv_old = 100 * aggregate("reps3_old.json", ERC20_REPS, "cv")["included_per_s"]
        cv_new = 100 * aggregate("reps3_new.json", ERC20_REPS, "cv")["included_per_s"]
        self.assertRegex(out, rf"included_per_s .* cv {cv_old:.1f}%/{cv_new:.1f}%")
        _, document_ = self.run_json(golden("reps3_old.json"), golden("reps3_new.json"))
        rate = self.metric(document_, ERC20_REPS, "included_per_s")
        self.assertEqual((rate["n_old"], rate["n_new"]), (3, 3))
        self.assertAlmostEqual(rate["p_value"], 0.1)
        self.assertAlmostEqual(rate["cv_old_pct"], cv_old, places=1)
        names = [r["name"] for r in document_["rows"]]
        self.assertNotIn(ERC20_REPS + "_cv", names)

    def test_a_row_written_with_aggregates_only_is_compared_through_its_median(self):
        _, document_ = self.run_json(golden("aggregates_old.json"), golden("aggregates_new.json"))
        self.assertEqual(iterations("aggregates_old.json", ERC20_AGGREGATES), [])
        only = self.metric(document_, ERC20_AGGREGATES, "included_per_s")
        self.assertEqual((only["old"], only["new"], only["n_old"]),
                         (aggregate("aggregates_old.json", ERC20_AGGREGATES, "median")["included_per_s"],
                          aggregate("aggregates_new.json", ERC20_AGGREGATES, "median")["included_per_s"], 0))
        self.assertIsNone(only["p_value"])

    def test_ten_repetitions_significant_shift_is_a_regression(self):
        # micro/keccak/32 ten times, and the same ten made 50% slower (beyond their spread).
        code, document_ = self.run_json(golden("reps10_old.json"), golden("reps10_new.json"),
                                        "--max-regression", "real_time=5%")
        self.assertEqual(code, 1)
        shifted = self.metric(document_, "micro/keccak/32", "real_time")
        self.assertEqual(shifted["verdict"], "regression")
        self.assertLess(shifted["p_value"], 0.001)
        self.assertEqual((shifted["n_old"], shifted["n_new"]), (10, 10))
        self.assertFalse(any("fewer than 9" in w for w in document_["warnings"]))

    def test_ten_repetitions_noise_beyond_threshold_is_not_a_regression(self):
        # Two runs of the same build, ten repetitions each, whose medians lie more than 5% apart.
        code, document_ = self.run_json(golden("noise_old.json"), golden("noise_new.json"),
                                        "--max-regression", "included_per_s=5%")
        row = document("noise_old.json")["benchmarks"][0]["run_name"]
        noisy = self.metric(document_, row, "included_per_s")
        self.assertGreater(noisy["worse_pct"], 5.0)  # beyond the threshold...
        self.assertGreater(noisy["p_value"], 0.05)   # ...but not significant
        self.assertEqual(noisy["verdict"], "worse")
        self.assertEqual(code, 0)

    def test_nan_and_infinity(self):
        code, out, _ = compare(golden("nan_inf_old.json"), golden("nan_inf_new.json"))
        self.assertEqual(code, 0, out)
        self.assertIn("NaN: not compared", out)
        self.assertIn(f"warning: NaN values, not compared: {C1}, {READS}", out)
        code, document = self.run_json(golden("nan_inf_old.json"), golden("nan_inf_new.json"),
                                       "--max-regression", "incl_p*_ms=10%")
        self.assertEqual(code, 1)  # a latency that became infinite
        p999 = self.metric(document, C1, "incl_p999_ms")
        self.assertEqual((p999["new"], p999["change_pct"], p999["verdict"]),
                         ("Infinity", "Infinity", "regression"))
        p99 = self.metric(document, C1, "incl_p99_ms")
        self.assertEqual((p99["old"], p99["verdict"]), ("NaN", "not_comparable"))
        gas = self.metric(document, C1, "gas_per_s")
        self.assertEqual(gas["verdict"], "same")

    def test_result_folders(self):
        with tempfile.TemporaryDirectory() as old_dir, tempfile.TemporaryDirectory() as new_dir:
            shutil.copy(golden("base.json"), old_dir)
            shutil.copy(golden("regression.json"), new_dir)
            code, out, _ = compare(old_dir, new_dir)
            self.assertEqual(code, 1, out)
            self.assertIn(f"{C64}: real_time +25.0%", out)
            empty = pathlib.Path(old_dir) / "empty"
            empty.mkdir()
            code, _, err = compare(empty, new_dir)
            self.assertEqual(code, 2)
            self.assertIn("a folder without *.json result files", err)

    def test_unusable_inputs_exit_2_with_a_clear_message(self):
        cases = {
            "missing.json": "no such file",
            "not_json.txt": "not JSON",
            "not_benchmark.json": "not a Google Benchmark file",
            "truncated.json": "truncated: did the run crash?",
        }
        for name, message in cases.items():
            for args in ((golden(name), golden("base.json")), (golden("base.json"), golden(name))):
                with self.subTest(args=args):
                    code, out, err = compare(*args)
                    self.assertEqual(code, 2, out + err)
                    self.assertIn(message, err)
                    self.assertIn(name, err)

    def test_nothing_in_common_and_bad_thresholds_exit_2(self):
        code, _, err = compare(golden("micro_only.json"), golden("nan_inf_old.json"))
        self.assertEqual(code, 2)
        self.assertIn("no benchmark in common", err)
        code, _, err = compare(golden("base.json"), golden("base.json"), "--max-regression", "x")
        self.assertEqual(code, 2)
        self.assertIn("write METRIC=PERCENT", err)

    def test_threshold_naming_nothing_warns(self):
        _, out, _ = compare(golden("base.json"), golden("base.json"), "--max-regression",
                            "includd_per_s=5%,node_cpu_pct=5%")
        self.assertIn("names 'includd_per_s', which no compared row has", out)
        self.assertIn("names 'node_cpu_pct', which is informational", out)

    def test_colour_only_when_asked_or_on_a_terminal(self):
        _, piped, _ = compare(golden("base.json"), golden("regression.json"))
        self.assertNotIn("\033[", piped)
        _, coloured, _ = compare(golden("base.json"), golden("regression.json"),
                                 "--color", "always")
        self.assertIn("\033[31m", coloured)


if __name__ == "__main__":
    if sys.argv[1:] == ["--list"]:
        for name in unittest.TestLoader().getTestCaseNames(CompareTest):
            print(f"CompareTest.{name}")
        sys.exit(0)
    unittest.main()
