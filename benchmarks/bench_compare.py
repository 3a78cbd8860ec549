"""Benchmark: time and memory of comparing the bundled treaty, and of it repeated 10x and 100x.

Prints one row per (size, cache state): wall time, peak resident memory, segments per second
and the share of the time spent outside the encoder. Each measurement runs in a fresh Python
process so that "cold" really is cold (no model, no cache) and peak memory is per run.

    python benchmarks/bench_compare.py                 # sizes 1, 10, 100 with e5-small
    python benchmarks/bench_compare.py --sizes 1,10 --encoder lexical

Targets (issue 4, on the 2-core reference machine): cold 1x < 20 s, cached 1x < 3 s,
10x < 12 x the 1x time, peak memory < 600 MB.

Beside each size, the simple baseline measured in the same run: read both files, split them into
non-empty lines and encode every line with the same encoder and a cold cache, then pair line i
with line i by cosine (what an embedding comparison costs with no parsing, alignment or checks);
the ``ours / baseline`` column is the ratio of the cold wall times.

Repeating the treaty repeats its clauses, and identical texts are encoded once, so the
encoder's share stays nearly constant while parsing and alignment grow with the size: the
repeated runs measure the aligner's scaling, the 1x cold run measures the encoder.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def render_repeated(path: Path, times: int, tmp: Path) -> Path:
    """Return a file holding the treaty at ``path`` with its articles repeated ``times`` times,
    renumbered 1..N, written in the plain layout of the bundled Kazakh text."""
    from treaty_align.parse import load_treaty

    treaty = load_treaty(path)
    heading = {"kk": "{n}-бап", "az": "Maddə {n}", "ru": "Статья {n}"}[treaty.language]
    lines: list[str] = [treaty.title, ""]
    lines += [f"      {s.text}" for s in treaty.of_kind("preamble")]
    articles = treaty.articles
    for k in range(times):
        for offset, number in enumerate(articles, start=1):
            lines += ["", heading.format(n=k * len(articles) + offset), ""]
            for seg in treaty.article(number):
                label = f"{seg.label}. " if seg.kind == "paragraph" and seg.label else (
                    f"{seg.label} " if seg.label else "")
                lines.append(f"      {label}{seg.text}")
    lines.append("")
    lines += [f"      {s.text}" for s in treaty.of_kind("final")]
    out = tmp / f"{treaty.language}-{times}x.txt"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def measure_once(kk: str, az: str, encoder: str, cache_dir: str) -> dict[str, float]:
    """Run one comparison in this process and return its figures."""
    from treaty_align.embed import get_encoder
    from treaty_align import pipeline

    spent = {"encode": 0.0, "texts": 0}
    real_get = get_encoder

    def timed_get(*args, **kwargs):
        enc = real_get(*args, **kwargs)
        inner = enc.encode

        def encode(texts, *a, **k):
            t0 = time.perf_counter()
            try:
                return inner(texts, *a, **k)
            finally:
                spent["encode"] += time.perf_counter() - t0
                spent["texts"] += len(texts)

        enc.encode = encode  # type: ignore[method-assign]
        return enc

    import treaty_align.embed as embed_module

    embed_module.get_encoder = timed_get  # type: ignore[assignment]
    t0 = time.perf_counter()
    comparison = pipeline.compare_treaties(kk, az, encoder=encoder, cache_dir=cache_dir)
    comparison.to_json()
    wall = time.perf_counter() - t0
    segments = sum(len(t.segments) for t in comparison.treaties.values())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"wall_s": wall, "encode_s": spent["encode"], "texts_encoded": spent["texts"],
            "segments": segments, "records": len(comparison.alignments), "peak_mb": peak_mb,
            "findings": len(comparison.divergences)}


def measure_baseline(kk: str, az: str, encoder: str, cache_dir: str) -> dict[str, float]:
    """Run the baseline in this process (lines encoded, line i against line i) and return its figures."""
    import numpy as np

    from treaty_align.embed import get_encoder

    t0 = time.perf_counter()
    sides = [[ln.strip() for ln in Path(p).read_text(encoding="utf-8").splitlines() if ln.strip()] for p in (kk, az)]
    enc = get_encoder(encoder, cache_dir=cache_dir)
    va, vb = (np.asarray(enc.encode(lines), dtype=float) for lines in sides)
    va, vb = (v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12) for v in (va, vb))
    n = min(len(va), len(vb))
    cosines = (va[:n] * vb[:n]).sum(axis=1)
    wall = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"wall_s": wall, "peak_mb": peak_mb, "lines": sum(map(len, sides)), "low": int((cosines < 0.8).sum())}


def _child(kk: Path, az: Path, encoder: str, cache_dir: Path, baseline: bool = False) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(kk), str(az), "--encoder", encoder, "--cache-dir", str(cache_dir)]
        + (["--baseline"] if baseline else []),
        capture_output=True, text=True, check=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    """Print the benchmark table; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--encoder", default="e5-small")
    parser.add_argument("--child", nargs=2, metavar=("KK", "AZ"), help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", help=argparse.SUPPRESS)
    parser.add_argument("--baseline", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure = measure_baseline if args.baseline else measure_once
        print(json.dumps(measure(args.child[0], args.child[1], args.encoder, args.cache_dir)))
        return 0
    sys.path.insert(0, str(ROOT))
    kk_src, az_src = ROOT / "corpora" / "kk" / "kk.txt", ROOT / "corpora" / "az" / "az.md"
    print(f"encoder {args.encoder}; each row a fresh process; 'cold' = empty embedding cache")
    print(f"{'size':>5} {'cache':>6} {'wall s':>8} {'encode s':>9} {'outside %':>9} {'segments':>9} "
          f"{'seg/s':>8} {'texts enc':>9} {'peak MB':>8} {'findings':>8}")
    base: float | None = None
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for size in [int(s) for s in args.sizes.split(",")]:
            if size == 1:
                kk, az = kk_src, az_src
            else:
                kk, az = render_repeated(kk_src, size, tmp), render_repeated(az_src, size, tmp)
            cache = tmp / f"cache-{size}"
            for state in ("cold", "cached"):
                r = _child(kk, az, args.encoder, cache)
                outside = 100 * (1 - r["encode_s"] / r["wall_s"]) if r["wall_s"] else 0.0
                print(f"{size:>4}x {state:>6} {r['wall_s']:>8.2f} {r['encode_s']:>9.2f} {outside:>8.1f}% "
                      f"{r['segments']:>9} {r['segments'] / r['wall_s']:>8.0f} {r['texts_encoded']:>9} "
                      f"{r['peak_mb']:>8.0f} {r['findings']:>8}", flush=True)
                if state == "cold":
                    b = _child(kk, az, args.encoder, tmp / f"baseline-cache-{size}", baseline=True)
                    print(f"{size:>4}x {'base':>6} {b['wall_s']:>8.2f} {'':>9} {'':>9} {b['lines']:>9} "
                          f"{b['lines'] / b['wall_s']:>8.0f} {'':>9} {b['peak_mb']:>8.0f} {'':>8}  "
                          f"ours / baseline = {r['wall_s'] / b['wall_s']:.1f}x", flush=True)
                if size == 1 and state == "cold":
                    base = r["wall_s"]
                elif state == "cold" and base:
                    print(f"      {size}x cold / 1x cold = {r['wall_s'] / base:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
