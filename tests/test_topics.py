"""Tags files: ranges stay ranges, and repeated warnings are counted, not listed."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from qapress.items import Document, Item
from qapress.read import topics

DOCUMENT = "".join(f"### Q{n}. Question {n}?\nAnswer {n}.\n\n" for n in (1, 2, 3, 50))


def _document(numbers: tuple[int, ...]) -> Document:
    items = tuple(Item(n, f"Q{n}?", "A.", ("doc",), f"q{n}", n) for n in numbers)
    return Document("doc.md", "doc", "Doc", items)


def test_a_range_is_kept_as_one_span_and_looked_up_without_expanding() -> None:
    tags = '[topics]\nall = "1-999999"\nsome = "3, 5-7, 6-9, 11"\nnone = "12"\n'
    found = topics.parse_topics(tags, "doc.tags.toml")
    assert found.spans == {"all": ((1, 999_999),), "some": ((3, 3), (5, 9), (11, 11)), "none": ((12, 12),)}
    by_number = found.by_number
    assert by_number[3] == ("all", "some") and by_number.get(10) == ("all",)
    assert by_number.get(1_000_000) is None and len(by_number) == 999_999
    assert list(by_number)[:3] == [1, 2, 3]


_RANGES = st.lists(
    st.tuples(st.integers(1, 60), st.integers(0, 20)).map(lambda r: (r[0], r[0] + r[1])),
    min_size=1,
    max_size=4,
)


@given(st.lists(_RANGES, min_size=1, max_size=12))
def test_each_number_gets_exactly_the_topics_that_name_it_in_declaration_order(
    declared: list[list[tuple[int, int]]],
) -> None:
    spec = "".join(
        f't{order} = "{", ".join(f"{low}-{high}" for low, high in ranges)}"\n'
        for order, ranges in enumerate(declared)
    )
    by_number = topics.parse_topics("[topics]\n" + spec, "doc.tags.toml").by_number
    for number in range(83):
        named = tuple(
            f"t{order}" for order, ranges in enumerate(declared)
            if any(low <= number <= high for low, high in ranges)
        )
        assert by_number.get(number) == (named or None)


def test_unknown_numbers_are_listed_up_to_a_limit_then_counted() -> None:
    tags = '[topics]\nall = "1-999999"\n'
    found = topics.parse_topics(tags, "doc.tags.toml")
    problems = topics.check_topics(found, _document((1, 2, 3, 50)))
    assert [str(p) for p in problems] == [
        "doc.tags.toml:2: warning: topic 'all' names Q4-Q49, Q51-Q999999, which doc.md does not have"
    ]
    scattered = tuple(range(1, 40, 2))
    [problem] = topics.check_topics(found, _document(scattered))
    listed = ", ".join(f"Q{n}" for n in range(2, 21, 2))
    more = 999_999 - len(scattered) - 10
    assert problem.message == f"topic 'all' names {listed} and {more:,} more, which doc.md does not have"


def test_items_without_a_topic_are_listed_up_to_a_limit_then_counted() -> None:
    found = topics.parse_topics('[topics]\nfirst = "1"\n', "doc.tags.toml")
    problems = topics.check_topics(found, _document(tuple(range(1, 31))))
    assert len(problems) == topics.SHOWN + 1
    assert str(problems[-1]) == (
        "doc.md:12: warning: and 19 more questions have no topic tag (add them to a topic in doc.tags.toml)"
    )


def test_a_small_tags_file_of_huge_ranges_builds_in_little_memory(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text(DOCUMENT, encoding="utf-8")
    ranges = "".join(f'topic{n} = "1-999999, 2-999998"\n' for n in range(30))
    (tmp_path / "doc.tags.toml").write_text(f"[topics]\n{ranges}", encoding="utf-8")
    # 60 million numbers expanded would take gigabytes; ranges kept as ranges fit in 1 GiB.
    script = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from qapress.cli import main
        sys.exit(main([{str(tmp_path / "doc.md")!r}, "--check", "--json"]))
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("names Q4-Q49, Q51-Q999999") == 30
