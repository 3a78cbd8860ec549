"""Regenerate the README screenshots of the HTML report of the bundled treaty.

    python docs/make_screenshots.py                 # writes docs/report-screenshot.png and
                                                    # docs/report-summary.png
    python docs/make_screenshots.py --article 10 --height 1300

Renders the report of the bundled Kazakh/Azerbaijani texts with the current code, opens it in
headless Chromium (Debian's ``chromium``) and drives it over the DevTools protocol on a pipe
(standard library only), so that the page can be scrolled to an article with its heading just
below the sticky filter bar. ``chromium --screenshot file://...#art-10`` is not used: with a
``#fragment`` it captures an empty viewport. The PNGs are reduced to 256 colours with Pillow
when it is installed (it comes with matplotlib, i.e. the ``[notebook]`` extra).
"""

from __future__ import annotations

import argparse
import base64
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOCS = Path(__file__).resolve().parent
WIDTH = 1400


class Browser:
    """Headless Chromium controlled through ``--remote-debugging-pipe`` (fds 3 and 4)."""

    def __init__(self, binary: str, profile: str) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def plumb() -> None:  # in the child: its fd 3 reads our commands, fd 4 writes replies
            # copy both ends above 10 first, so that neither is overwritten by the other's dup2
            high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)  # dup2 clears close-on-exec: 3 and 4 survive the exec
            os.dup2(high_w, 4)
            os.close(high_r)
            os.close(high_w)

        self.proc = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}",
             f"--window-size={WIDTH},1000", "--remote-debugging-pipe", "about:blank"],
            close_fds=False, preexec_fn=plumb,  # our pipe ends are close-on-exec: only 3, 4 pass
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._n = 0
        self.session: str | None = None

    def call(self, method: str, **params: object) -> dict:
        self._n += 1
        msg: dict = {"id": self._n, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            msg["sessionId"] = self.session
        os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        while True:
            while b"\0" not in self._buf:
                chunk = os.read(self._from_child, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self._buf += chunk
            raw, self._buf = self._buf.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._n:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def open(self, url: str, height: int) -> None:
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        attached = self.call("Target.attachToTarget", targetId=target, flatten=True)
        self.session = attached["sessionId"]
        self.call("Page.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=height,
                  deviceScaleFactor=1, mobile=False)
        self.call("Page.navigate", url=url)
        for _ in range(100):  # wait until the report's script has run
            state = self.call("Runtime.evaluate", returnByValue=True, expression=(
                "document.readyState === 'complete'"
                " && document.documentElement.classList.contains('js')"
            ))
            if state["result"].get("value"):
                break
            time.sleep(0.1)

    def scroll_to(self, selector: str) -> None:
        """Scroll so that ``selector``'s top sits just below the sticky filter bar."""
        js = (
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return false;"
            " const bar = document.querySelector('form.filters');"
            " const gap = (bar ? bar.getBoundingClientRect().height : 0) + 16;"
            " window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - gap);"
            " return true; })()"
        )
        found = self.call("Runtime.evaluate", expression=js, returnByValue=True)["result"]
        if not found.get("value"):
            raise SystemExit(f"no element {selector} in the report")
        time.sleep(0.3)

    def screenshot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self._to_child)
        os.close(self._from_child)


def shrink(path: Path) -> None:
    """Reduce ``path`` to 256 colours (no dithering: text stays crisp) if Pillow is there."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as im:
        small = im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                                           dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--article", default="10", help="article to show in report-screenshot.png")
    p.add_argument("--height", type=int, default=1300, help="viewport height of that screenshot")
    p.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    p.add_argument("--out", type=Path, default=DOCS)
    args = p.parse_args()

    import treaty_align
    from treaty_align.report import render, write_atomic

    c = treaty_align.compare(treaty_align.bundled_corpus("kk"), treaty_align.bundled_corpus("az"))
    work = Path(tempfile.mkdtemp(prefix="treaty-align-shots-"))
    try:
        report = work / "report.html"
        write_atomic(report, render(c, "html"))
        shots = [
            (args.out / "report-screenshot.png", f"#art-{args.article}", args.height),
            (args.out / "report-summary.png", None, 1000),
        ]
        for path, selector, height in shots:
            browser = Browser(args.chromium, str(work / f"profile-{path.stem}"))
            try:
                browser.open(report.as_uri(), height)
                if selector:
                    browser.scroll_to(selector)
                browser.screenshot(path)
            finally:
                browser.close()
            shrink(path)
            print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    by_severity = {s: sum(d.severity == s for d in c.divergences)
                   for s in ("major", "minor", "info")}
    print(f"{len(c.alignments)} records, findings: {by_severity}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
