#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""tools/report's page as a user sees it: headless Chromium loads the page tools/report writes
for a result file and takes a screenshot, which must be a PNG with figures painted on it; a copy
of the page with a probe script must show no console or page error and every image decoded,
with one under each SECTION_ID's heading.
--expect-broken corrupts the first image first and passes only if the check reports it, which
shows the check can fail.
Usage: check_report_in_browser.py [--expect-broken] RESULTS.json SECTION_ID [SECTION_ID ...]"""
import html
import json
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import tempfile

import matplotlib.image

from report_page import draw

TIMEOUT_S = 60
WIDTH = 1280  # the probe and the screenshot lay the page out at the same width
# Records console.error calls and page/resource errors (capture phase: an <img> that fails to
# decode fires a non-bubbling 'error'); on load, writes what it saw into <pre id="zkload-probe">.
PROBE = """<script>(function () {
  var errors = [], consoleError = console.error;
  console.error = function () {
    errors.push("console.error: " + Array.prototype.map.call(arguments, String).join(" "));
    return consoleError.apply(console, arguments);
  };
  addEventListener("error", function (e) {
    var t = e.target;
    errors.push(t && t.tagName ? "failed to load <" + t.tagName.toLowerCase() + "> " + (t.alt || "")
                               : "page error: " + e.message + " at " + e.filename + ":" + e.lineno);
  }, true);
  addEventListener("unhandledrejection", function (e) { errors.push("unhandled rejection: " + e.reason); });
  addEventListener("load", function () {
    var images = Array.prototype.map.call(document.images, function (img) {
      var h = img.previousElementSibling, r = img.getBoundingClientRect();
      while (h && h.tagName !== "H2") h = h.previousElementSibling;
      return {alt: img.alt, complete: img.complete, naturalWidth: img.naturalWidth,
              naturalHeight: img.naturalHeight, section: h ? h.id : "",
              rect: [r.left + scrollX, r.top + scrollY, r.width, r.height]};
    });
    var pre = document.createElement("pre");
    pre.id = "zkload-probe";
    pre.textContent = JSON.stringify({images: images, errors: errors});
    document.body.appendChild(pre);
  });
})();</script>"""


def chromium(exe, page, *args):
    """Runs headless Chromium on page with a fresh profile; returns stdout (stderr is dbus noise)."""
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        try:
            done = subprocess.run([exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                   f"--user-data-dir={profile}", "--virtual-time-budget=5000", *args,
                                   page.as_uri()], capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            sys.exit(f"chromium {' '.join(args)} did not finish within {TIMEOUT_S} s")
    if done.returncode != 0:
        sys.exit(f"chromium {' '.join(args)} exited {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


def probe(exe, page, tmp):
    """The probe's JSON from a copy of page with PROBE at the start of its <head>."""
    copy = pathlib.Path(tmp) / "probe.html"
    copy.write_text(re.sub(r'(<head>(?:<meta charset="[^"]*">)?)', lambda m: m.group(1) + PROBE,
                           page.read_text(), count=1))
    dom = chromium(exe, copy, "--dump-dom", f"--window-size={WIDTH},1000")
    found = re.search(r'<pre id="zkload-probe">(.*?)</pre>', dom, re.S)
    if not found:
        sys.exit("the probe wrote nothing: the page's load event never ran")
    return json.loads(html.unescape(found.group(1)))


def probe_problems(report, sections):
    problems = list(report["errors"])
    images = report["images"]
    problems += [f"image {i} ({img['alt']!r}, under #{img['section']}) did not load: complete="
                 f"{img['complete']}, {img['naturalWidth']}x{img['naturalHeight']}"
                 for i, img in enumerate(images) if not img["complete"] or img["naturalWidth"] == 0]
    if len(images) < len(sections):
        problems.append(f"{len(images)} images for {len(sections)} sections")
    loaded = {img["section"] for img in images if img["complete"] and img["naturalWidth"] > 0}
    problems += [f"no loaded image under section heading h2#{s}" for s in sections if s not in loaded]
    return problems


def screenshot_problems(exe, page, tmp, images):
    """Screenshots page tall enough for every image; returns (problems, 'WxH')."""
    shot = pathlib.Path(tmp) / "screenshot.png"
    height = int(min(max([1000] + [y + h + 40 for _, y, _, h in (i["rect"] for i in images)]), 12000))
    chromium(exe, page, f"--screenshot={shot}", f"--window-size={WIDTH},{height}")
    data = shot.read_bytes() if shot.exists() else b""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return [f"the screenshot {shot} is not a PNG ({len(data)} bytes)"], "none"
    width, tall = struct.unpack(">II", data[16:24])
    problems = [] if width >= 1000 else [f"the screenshot is {width} px wide, expected >= 1000"]
    ink = (matplotlib.image.imread(shot)[:, :, :3] < 0.9).any(axis=2)
    if ink.mean() <= 0.02:
        problems.append(f"the screenshot is blank: {ink.mean():.1%} non-white pixels")
    for img in images:
        x, y, w, h = (int(v) for v in img["rect"])
        if w and h and y + h <= tall and ink[y:y + h, x:x + w].mean() <= 0.02:
            problems.append(f"nothing painted where image {img['alt']!r} is: {ink[y:y + h, x:x + w].mean():.1%}"
                            " non-white pixels")
    return problems, f"{width}x{tall}"


def main():
    args = sys.argv[1:]
    expect_broken = "--expect-broken" in args
    args = [a for a in args if a != "--expect-broken"]
    if len(args) < 2:
        sys.exit(__doc__)
    results, sections = args[0], args[1:]
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        sys.exit("chromium not found: install the Debian package `chromium` (tools/bootstrap does)")
    with tempfile.TemporaryDirectory() as tmp:
        page = pathlib.Path(tmp) / "page.html"
        draw(results, page)
        if expect_broken:
            page.write_text(re.sub(r'(src="data:image/png;base64,)[^"]*"', r'\1iVBORw0K"', page.read_text(),
                                   count=1))
        report = probe(exe, page, tmp)
        problems = probe_problems(report, sections)
        shot_problems, size = screenshot_problems(exe, page, tmp, report["images"])
        problems += shot_problems
    loaded = sum(1 for img in report["images"] if img["complete"] and img["naturalWidth"] > 0)
    if expect_broken:
        if not any("did not load" in p for p in problems):
            sys.exit("the browser check did not notice a broken image:\n" + "\n".join(problems))
        print(f"report of {results}, first image corrupted: the check caught it:\n" + "\n".join(problems))
        return
    if problems:
        sys.exit("\n".join(problems))
    print(f"report of {results}: {loaded} images loaded, screenshot {size}")


if __name__ == "__main__":
    main()
