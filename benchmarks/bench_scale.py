"""Benchmark: does time and memory stay about linear in the size of the text?

Two inputs synthesised from the bundled Kazakh text (issue #11, item 8):

* ``paragraph``: the treaty with one 1 MB paragraph (a line without newlines) added to Article 1,
  made of the treaty's own words repeated;
* ``large``: the treaty's articles repeated (renumbered) up to about 50 MB.

Each is compared with the bundled Azerbaijani text (``compare FILE az.md --encoder lexical
--no-cache --format json -o ...``), and parsed alone (``treaty_align.load``). Beside them, in the
same run, the simple baseline: reading the same file, decoding it and splitting it into lines and
words. Every measurement is a fresh Python process, so peak memory (max RSS) is per run.

    python benchmarks/bench_scale.py                    # 1 MB paragraph and 50 MB file
    python benchmarks/bench_scale.py --megabytes 1,5    # smaller "large" files, e.g. to check scaling

Targets (issue #11, 2-core reference machine): the 50 MB file with ``--encoder lexical`` in
<= 30 s and <= 1 GB; no step quadratic in a paragraph's length.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_compare import render_repeated  # noqa: E402  (same folder)

KK = ROOT / "corpora" / "kk" / "kk.txt"
AZ = ROOT / "corpora" / "az" / "az.md"

# Each workload runs in its own process and prints {"seconds": ..., "peak_mb": ...}.
_RUNNER = r"""
import json, resource, sys, time
kind, path, az, out = sys.argv[1:5]
t0 = time.perf_counter()
if kind == "baseline":
    text = open(path, "rb").read().decode("utf-8")
    lines = text.split("\n")
    words = sum(len(line.split()) for line in lines)
    code = 0
elif kind == "parse":
    import treaty_align
    treaty = treaty_align.load(path)
    code = 0
else:
    from treaty_align import cli
    code = cli.main(["compare", path, az, "--encoder", "lexical", "--no-cache", "-q",
                     "--format", "json", "-o", out])
seconds = time.perf_counter() - t0
usage = resource.getrusage(resource.RUSAGE_SELF)
# VmHWM is this process's own peak; ru_maxrss keeps the parent's peak across fork and exec
# (the benchmark builds the 50 MB text before it starts the measurements)
peak = next((int(line.split()[1]) / 1024 for line in open("/proc/self/status")
             if line.startswith("VmHWM:")), usage.ru_maxrss / 1024)
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": peak,
                  "code": code}))
"""


def paragraph_file(tmp: Path, size: int) -> Path:
    """Return the bundled Kazakh treaty with a ``size``-character paragraph added to Article 1."""
    text = KK.read_text(encoding="utf-8")
    lines = text.split("\n")
    heading = next(i for i, line in enumerate(lines) if line.strip().startswith("1-бап"))
    words = " ".join(text.split())
    paragraph = (words + " ") * (size // (len(words) + 1) + 1)
    out = tmp / f"kk-paragraph-{size // 1_000_000}MB.txt"
    out.write_text("\n".join(lines[: heading + 1] + [paragraph[:size].rstrip()] + lines[heading + 1 :]),
                   encoding="utf-8")
    return out


def large_file(tmp: Path, megabytes: float) -> Path:
    """Return the bundled Kazakh treaty's articles repeated to about ``megabytes`` MB."""
    one = render_repeated(KK, 1, tmp).stat().st_size
    return render_repeated(KK, max(1, round(megabytes * 1_000_000 / one)), tmp)


def measure(kind: str, path: Path, tmp: Path) -> dict[str, float]:
    """Run one workload in a fresh process and return its seconds, peak MB and exit code."""
    proc = subprocess.run(
        [sys.executable, "-c", _RUNNER, kind, str(path), str(AZ), str(tmp / "out.json")],
        capture_output=True, text=True, cwd=ROOT,
    )
    if proc.returncode != 0 or not proc.stdout.strip():
        raise SystemExit(f"{kind} on {path.name} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", default="50", help="sizes of the large file (comma-separated)")
    parser.add_argument("--paragraph-mb", type=float, default=1.0, help="size of the long paragraph")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        cases = [("paragraph", paragraph_file(tmp, int(args.paragraph_mb * 1_000_000)))]
        cases += [("large", large_file(tmp, float(mb))) for mb in args.megabytes.split(",")]
        header = (f"{'input':<10} {'size MB':>8} | {'compare s':>9} {'cpu s':>6} {'s/MB':>5} {'peak MB':>8} | "
                  f"{'parse s':>8} {'peak MB':>8} | {'read+split s':>12} {'peak MB':>8}")
        print(header)
        print("-" * len(header))
        large: list[tuple[float, float]] = []
        for label, path in cases:
            size = path.stat().st_size / 1_000_000
            base = measure("baseline", path, tmp)
            parse = measure("parse", path, tmp)
            comp = measure("compare", path, tmp)
            if label == "large":
                large.append((size, comp["seconds"]))
            print(f"{label:<10} {size:>8.1f} | {comp['seconds']:>9.1f} {comp['cpu']:>6.1f} "
                  f"{comp['seconds'] / size:>5.2f} {comp['peak_mb']:>8.0f} | {parse['seconds']:>8.1f} "
                  f"{parse['peak_mb']:>8.0f} | {base['seconds']:>12.2f} {base['peak_mb']:>8.0f}", flush=True)
        if len(large) >= 2:
            # the fixed cost (imports, the small Azerbaijani text) cancels out of the slope
            (s0, t0), (s1, t1) = min(large), max(large)
            if s1 > s0:
                print(f"linearity: {(t1 - t0) / (s1 - s0):.2f} s per further MB from {s0:.1f} to {s1:.1f} MB; "
                      f"time x{t1 / t0:.1f} for size x{s1 / s0:.1f}")

if __name__ == "__main__":
    main()
