"""The prefilter: words a rule's every match contains, so its regex is skipped elsewhere."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from timeline import extract
from timeline.extract.prefilter import required_words
from timeline.model import Document

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("pattern", "words"), [
    (r"\bpaid\s+a\s+visit\b", ("visit",)),  # the longest literal run of the sequence
    (r"(?:sent|dispatched)\s+a\s+(?:telegram|cable)", ("cable", "telegram")),  # 5 > 4
    (r"(?i:Talks|NEGOTIATIONS)", ("negotiations", "talks")),  # case-folded
    (r"(?:official\s+)?visit", ("visit",)),  # an optional group requires nothing
    (r"(?:very\s+)*visit", ("visit",)),
    (r"(?:on\s+a\s+)+visit", ("visit",)),  # "on" is shorter than "visit"
    (r"(?:met|)\s+\w+", None),  # an empty branch: no word is required
    (r"\w+\s+\d+", None),
])
def test_required_words(pattern: str, words: tuple[str, ...] | None) -> None:
    assert required_words(pattern) == words


def sentences_of_the_tests_articles() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [tomllib.loads(p.read_text(encoding="utf-8"))["text"]
              for p in sorted((ROOT / "tests" / "cases" / "extract").glob("*.toml"))]
    return texts


def test_no_rule_is_skipped_on_a_sentence_it_matches(extractor: extract.Extractor) -> None:
    """Every rule's regex, run on every sentence of the seeds and case articles regardless
    of the prefilter, matches only where the prefilter lets it run."""
    checked = 0
    for text in sentences_of_the_tests_articles():
        article = extractor.read(Document("a.txt", text, "0" * 64))
        for sentence in article.sentences:
            view = extract.shadow(sentence, article.mentions[sentence.index])
            for rule in extractor.rules:
                if rule.regex.search(view.text):
                    checked += 1
                    assert rule.may_match(view.text.casefold()), (rule.rule.id, view.text)
    assert checked > 50
