# SPDX-License-Identifier: Apache-2.0
"""The page tools/report draws for a result file, as the page checks of tests/tools need it."""
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def draw(results, page):
    """Runs tools/report on results into page; exits with its error when it fails."""
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "report"), str(results), "--out", str(page)],
                          capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0:
        sys.exit(f"tools/report exited {done.returncode}: {done.stderr}")
