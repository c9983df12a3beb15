#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# tools/build-times on logs that ninja itself writes: a tiny build of three steps of known
# length, built once in full and then again after one input changed. The report must show the
# newest run only (the one rebuilt step), the slowest step first, and refuse a file that is no
# ninja log with a message and a non-zero exit.
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOL = os.path.join(ROOT, "tools", "build-times")

BUILD_NINJA = """\
rule slow
  command = sleep $seconds && cp $in $out
build long.out: slow long.in
  seconds = 0.6
build short.out: slow short.in
  seconds = 0.2
build dir/CMakeFiles/x.dir/third.o: slow third.in
  seconds = 0.1
"""


def run(*args, expect=0):
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if done.returncode != expect:
        sys.exit(f"FAIL: {args} exited {done.returncode}, not {expect}\n{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def expect(condition, what, output):
    if not condition:
        sys.exit(f"FAIL: {what}\n--- output ---\n{output}")


def main():
    with tempfile.TemporaryDirectory() as work:
        with open(os.path.join(work, "build.ninja"), "w", encoding="utf-8") as f:
            f.write(BUILD_NINJA)
        for name in ("long.in", "short.in", "third.in"):
            with open(os.path.join(work, name), "w", encoding="utf-8") as f:
                f.write(name)
        os.makedirs(os.path.join(work, "dir", "CMakeFiles", "x.dir"))

        run("ninja", "-C", work, "-j", "1")
        full = run(sys.executable, TOOL, work)
        expect("3 steps," in full, "the full build has three steps", full)
        lines = [line.strip() for line in full.splitlines()]
        slowest = lines[lines.index("slowest 25 steps:") + 1]
        expect(slowest.endswith("long.out"), "the 0.6 s step is listed first", full)
        seconds = float(slowest.split()[0])
        expect(0.55 <= seconds < 5, f"the long step took about 0.6 s, not {seconds}", full)
        expect(any(line.endswith("dir") for line in lines),
               "steps under CMakeFiles are counted to their source folder", full)

        # Change one input: ninja rebuilds one step and appends it to the same log.
        with open(os.path.join(work, "short.in"), "a", encoding="utf-8") as f:
            f.write("changed")
        later = time.time() + 10
        os.utime(os.path.join(work, "short.in"), (later, later))
        run("ninja", "-C", work, "-j", "1")
        newest = run(sys.executable, TOOL, work)
        expect("1 step," in newest, "the rebuild is one step", newest)
        expect("short.out" in newest and "long.out" not in newest,
               "only the rebuilt step is reported, not the earlier run", newest)

        with open(os.path.join(work, ".ninja_log"), "w", encoding="utf-8") as f:
            f.write("not a log\n")
        refused = run(sys.executable, TOOL, work, expect=1)
        expect("is not a ninja log" in refused, "a file that is no ninja log is named", refused)
        missing = run(sys.executable, TOOL, os.path.join(work, "nowhere"), expect=1)
        expect("build with Ninja first" in missing, "a folder without a log says what to do", missing)
    print("ok")


if __name__ == "__main__":
    main()
