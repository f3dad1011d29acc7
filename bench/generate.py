"""Write synthetic Q&A collections whose items are shaped like those of source/autoencoders.md.

    python bench/generate.py 10000 --per-document 100 --out /tmp/collection

The same size, shape and seed always give the same bytes, so runs compare like with like.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SEED = 7


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_NOUNS = _words(
    "encoder decoder latent space bottleneck gradient loss prior posterior kernel layer "
    "activation attention embedding token batch epoch optimizer regulariser penalty dropout "
    "feature representation manifold distribution sample variance mean entropy divergence "
    "reconstruction anomaly cluster graph node edge convolution filter stride pooling residual "
    "transformer sequence signal noise weight bias schedule checkpoint dataset benchmark metric "
    "index query cache partition replica shard transaction lock thread process queue buffer"
)
_ADJECTIVES = _words(
    "sparse dense variational contractive robust stochastic deterministic hierarchical "
    "conditional adversarial recurrent convolutional shallow deep linear nonlinear discrete "
    "continuous probabilistic supervised unsupervised distributed concurrent immutable lazy"
)
_VERBS = _words(
    "reduces improves compresses learns maps encodes balances regularises stabilises separates "
    "measures prevents enables captures approximates penalises aligns generalises controls"
)
_OPENERS = (
    "What is",
    "Why does",
    "How does",
    "When should you use",
    "What are the benefits of",
    "How do you evaluate",
    "What limits",
    "Explain the role of",
    "Compare",
)
_LANGUAGES = ("python", "bash", "sql", "text")


def _phrase(rng: random.Random, words: int) -> str:
    parts = [rng.choice(_ADJECTIVES if i % 3 == 0 else _NOUNS) for i in range(words)]
    return " ".join(parts)


def _sentence(rng: random.Random) -> str:
    subject = f"A {_phrase(rng, rng.randint(1, 3))}"
    rest = f"{rng.choice(_VERBS)} the {_phrase(rng, rng.randint(3, 7))}"
    extra = rng.random()
    if extra < 0.12:
        rest += f" with `{rng.choice(_NOUNS)}_{rng.randint(1, 99)}`"
    elif extra < 0.22:
        rest += f" and the **{rng.choice(_NOUNS)}**"
    elif extra < 0.25:
        rest += f" where $x_{rng.randint(1, 9)}^2$ is small"
    return f"{subject} {rest}."


def _question(rng: random.Random) -> str:
    opener = rng.choice(_OPENERS)
    return f"{opener} {_phrase(rng, max(1, rng.randint(6, 12) - len(opener.split())))}?"


def _bullets(rng: random.Random) -> str:
    lines = [
        f"- **{rng.choice(_NOUNS).title()}**: {_sentence(rng)}  " for _ in range(rng.randint(2, 5))
    ]
    return f"{_sentence(rng)}\n" + "\n".join(lines)


def _code(rng: random.Random) -> str:
    body = "\n".join(
        f"{rng.choice(_NOUNS)}_{i} = {rng.choice(_VERBS)}({rng.choice(_NOUNS)}, {rng.randint(0, 999)})"
        for i in range(rng.randint(2, 8))
    )
    return f"{_sentence(rng)}\n\n```{rng.choice(_LANGUAGES)}\n{body}\n```"


def _table(rng: random.Random) -> str:
    rows = [
        f"| {rng.choice(_NOUNS)} | {_phrase(rng, 3)} | {rng.randint(1, 500)} |"
        for _ in range(rng.randint(2, 5))
    ]
    return "\n".join(
        [_sentence(rng), "", "| Name | Effect | Cost |", "| --- | --- | ---: |", *rows]
    )


def _answer(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.18:
        return _bullets(rng)
    if roll < 0.24:
        return _code(rng)
    if roll < 0.28:
        return _table(rng)
    sentences = rng.choices((1, 2, 3, 4), weights=(4, 3, 2, 1))[0]
    return " ".join(_sentence(rng) for _ in range(sentences))


def document_text(rng: random.Random, title: str, count: int) -> str:
    """Return one document of ``count`` items."""
    parts = [f"# {title}\n"]
    for number in range(1, count + 1):
        parts.append(f"### Q{number}. {_question(rng)}\n{_answer(rng)}\n")
    return "\n---\n\n".join(parts)


def topics_text(rng: random.Random, count: int) -> str:
    """Return a tags file covering every item with one topic, some with a second."""
    topics: dict[str, list[str]] = {}
    start = 1
    while start <= count:
        end = min(count, start + rng.randint(3, 12))
        name = f"{rng.choice(_ADJECTIVES)}::{rng.choice(_NOUNS)}"
        topics.setdefault(name, []).append(f"{start}-{end}" if end > start else str(start))
        start = end + 1
    lines = ["[topics]"] + [f'"{name}" = "{", ".join(spans)}"' for name, spans in topics.items()]
    return "\n".join(lines) + "\n"


def generate(items: int, per_document: int, folder: Path, seed: int = SEED) -> list[Path]:
    """Write ``items`` items in documents of ``per_document`` into ``folder``; return the documents."""
    rng = random.Random(f"{seed}:{items}:{per_document}")
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for index, start in enumerate(range(0, items, per_document)):
        count = min(per_document, items - start)
        path = folder / f"topic-{index + 1:05d}.md"
        path.write_text(
            document_text(rng, f"Synthetic collection {index + 1}", count), encoding="utf-8"
        )
        path.with_name(path.stem + ".tags.toml").write_text(
            topics_text(rng, count), encoding="utf-8"
        )
        paths.append(path)
    return paths


def main() -> None:
    """Write one collection as the command line asks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("items", type=int)
    parser.add_argument("--per-document", type=int, help="items per document (default: all in one)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    paths = generate(args.items, args.per_document or args.items, args.out, args.seed)
    print(f"wrote {args.items} items in {len(paths)} documents under {args.out}")


if __name__ == "__main__":
    main()
