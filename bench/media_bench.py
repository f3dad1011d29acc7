"""Time the seed build, and a 1,000-item document with a formula in every answer, on one core.

    python -m bench.media_bench                # 9 runs each
    python -m bench.media_bench --runs 15 --base /path/to/an/older/checkout

Each build runs as ``python build.py ... --jobs 1`` in a child process; times are medians of wall
and CPU time. ``--base`` times the seed build of another checkout too, runs interleaved with ours,
so that a busy spell on the machine hits both alike.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from bench import child
from bench.generate import document_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source"
FORMULAS = (
    r"$\sigma(x_{n}) = \frac{1}{1 + e^{-x_{n}}}$",
    r"$\mathcal{L}_{n} = -\sum_{i=1}^{n} y_i \log \hat{y}_i$",
    r"$\lVert W_{n} \rVert_2 \le \sqrt{\lambda_{\max}(W^\top W)}$",
    r"$$\begin{aligned} h_{n} &= \tanh(W x + b) \\ y &= \operatorname{softmax}(V h) \end{aligned}$$",
)


def formula_document(items: int, folder: Path) -> Path:
    """Write one document whose every answer holds a formula of its own; return its path."""
    rng = random.Random(13)
    text = document_text(rng, "Formulas", items)
    parts = text.split("\n### ")
    numbered = [parts[0]]
    for number, part in enumerate(parts[1:], start=1):
        question, _, answer = part.partition("\n")
        formula = FORMULAS[number % len(FORMULAS)].replace("{n}", f"{{{number}}}")
        numbered.append(f"{question}\n{formula}\n\n{answer}")
    path = folder / "formulas.md"
    path.write_text("\n### ".join(numbered), encoding="utf-8")
    return path


def build(root: Path, source: Path, out: Path) -> list[str]:
    """Return the command line of a one-core build of ``source`` with the checkout at ``root``."""
    return [sys.executable, str(root / "build.py"), str(source), "--out", str(out), "--jobs", "1"]


def main() -> None:
    """Run the benchmark the command line describes and print one row per build."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per build (default: 9)")
    parser.add_argument("--items", type=int, default=1_000)
    parser.add_argument("--base", type=Path, help="another checkout whose seed build to time too")
    args = parser.parse_args()
    child.compile_package()
    with tempfile.TemporaryDirectory(prefix="qapress-media-") as scratch:
        folder = Path(scratch)
        child.own_cache(folder)
        source = formula_document(args.items, folder)
        rows = [(f"seed ({SEED.name}/)", build(ROOT, SEED, folder / "seed"), ROOT)]
        if args.base:
            rows.append((f"seed, {args.base}", build(args.base, SEED, folder / "base"), args.base))
        rows.append((f"{args.items:,} items, a formula each", build(ROOT, source, folder / "f"), ROOT))
        # First builds: what earlier runs kept of the documents is forgotten before each.
        summaries = child.alternate([(argv, cwd) for _, argv, cwd in rows], args.runs, child.forget)
    print(f"{'build, one core':<40} {'wall s':>7} {'cpu s':>7}")
    for (label, _, _), summary in zip(rows, summaries):
        print(f"{label:<40} {summary.seconds:>7.3f} {summary.cpu:>7.3f}")


if __name__ == "__main__":
    main()
