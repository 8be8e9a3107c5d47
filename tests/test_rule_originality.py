"""Every rule example is our own sentence: none shares a run of eight words with an
article of the evaluation corpora in ../shared/corpus (names and titles aside), so the
rules are not fitted to the articles they are measured on."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
RUN = 8
WORD = re.compile(r"[\w’'-]+")


GLUE = frozenset({"of", "the", "and", "for", "on", "in", "to", "a", "an"})  # title glue


def _runs(text: str) -> Iterator[tuple[tuple[str, ...], bool]]:
    """Each run of RUN words, lower-cased, and whether it is only names and titles
    ("Chairman of the Cabinet of Ministers of the"): every other word capitalised."""
    words = WORD.findall(text)
    for i in range(len(words) - RUN + 1):
        run = words[i:i + RUN]
        names = all(w[0].isupper() for w in run if w.lower() not in GLUE)
        yield tuple(w.lower() for w in run), names


def _examples(node: object) -> Iterator[str]:
    """Every example and counterexample text in a parsed rule file."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("examples", "counterexamples") and isinstance(value, list):
                for item in value:
                    if isinstance(item, dict) and isinstance(item.get("text"), str):
                        yield item["text"]
                    elif isinstance(item, list) and item and isinstance(item[0], str):
                        yield item[0]  # date rules: [text, value]
            else:
                yield from _examples(value)
    elif isinstance(node, list):
        for item in node:
            yield from _examples(item)


@pytest.fixture(scope="module")
def corpus_runs() -> set[tuple[str, ...]]:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is not beside the project")
    runs: set[tuple[str, ...]] = set()
    for article in CORPUS.rglob("*.txt"):
        runs.update(run for run, _ in _runs(article.read_text(encoding="utf-8", errors="replace")))
    return runs


def test_no_rule_example_repeats_eight_words_of_a_corpus_article(
        corpus_runs: set[tuple[str, ...]]) -> None:
    """A rule's examples are written by us, not copied from the articles it is scored on."""
    copied = []
    for file in sorted((ROOT / "rules").glob("*.toml")):
        for text in _examples(tomllib.loads(file.read_text(encoding="utf-8"))):
            shared = [run for run, names in _runs(text) if not names and run in corpus_runs]
            if shared:
                copied.append(f"{file.name}: {' '.join(shared[0])!r} in {text[:60]!r}")
    assert copied == []


def test_the_check_finds_a_copied_sentence(corpus_runs: set[tuple[str, ...]]) -> None:
    """The check itself works: a run taken from the corpus is found."""
    run = next(iter(corpus_runs))
    assert any(r in corpus_runs for r, _ in _runs(" ".join(run)))
