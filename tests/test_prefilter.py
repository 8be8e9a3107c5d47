"""The prefilter: words a rule's every match contains, so its regex is skipped elsewhere."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from timeline import extract
from timeline.extract.prefilter import WordGate, WordIndex, leading_words, required_words
from timeline.model import Document

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("pattern", "words"), [
    # the literal runs of the sequence, most selective (longest shortest word) first
    (r"\bpaid\s+a\s+visit\b", (("visit",), ("paid",), ("a",))),
    (r"(?:sent|dispatched)\s+a\s+(?:telegram|cable)",
     (("cable", "telegram"), ("dispatched", "sent"), ("a",))),  # 5 > 4
    (r"(?i:Talks|NEGOTIATIONS)", (("negotiations", "talks"),)),  # case-folded
    (r"(?:official\s+)?visit", (("visit",),)),  # an optional group requires nothing
    (r"(?:very\s+)*visit", (("visit",),)),
    (r"(?:on\s+a\s+)+visit", (("visit",), ("on",), ("a",))),  # a repeat's words count
    (r"visit(?:ed)?\s+(?:in|to)", (("visit",), ("in", "to"))),
    (r"(?:paid\s+a\s+visit|visit)", (("visit",),)),  # a branch gives its best set
    (r"(?:met|)\s+\w+", ()),  # an empty branch: no word is required
    (r"\w+\s+\d+", ()),
])
def test_required_words(pattern: str, words: tuple[tuple[str, ...], ...]) -> None:
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
            allowed = extractor.words.allowed(view.text.casefold())
            for i, rule in enumerate(extractor.rules):
                if rule.regex.search(view.text):
                    checked += 1
                    assert i in allowed, (rule.rule.id, view.text)
    assert checked > 50


def test_the_word_index_finds_what_a_substring_test_finds() -> None:
    """One search gives, for every word, what `word in text` gives: "meeting" holds
    "meet" and "meetings" holds both."""
    index = WordIndex([(("meet", "talks"),), (("meeting",),), (("visit",),), ()])
    for text in ("the meetings went well", "talks", "a state visit", "nothing here", ""):
        expected = {w for w in ("meet", "talks", "meeting", "visit") if w in text}
        assert index.present(text) == expected


def test_a_rule_runs_only_where_each_of_its_sets_has_a_word() -> None:
    index = WordIndex([(("arrived",), ("in", "to")), (("visit",),), ()])
    assert index.allowed("he arrived in astana") == [0, 2]
    assert index.allowed("he arrived yesterday") == [2]  # no preposition
    assert index.allowed("in astana, a visit") == [1, 2]  # no verb of travel


def test_a_word_gate_admits_only_texts_holding_its_expression_s_words() -> None:
    gate = WordGate(re.compile(r"(?i)\b(?:sent|received)\s+(?:a\s+)?(?:letters?|messages?)"))
    assert gate.admits("he received messages".casefold())
    assert not gate.admits("he received a visitor")  # no medium
    assert not gate.admits("letters arrived")  # no verb
    assert gate.regex.search("He SENT a letter")


@pytest.mark.parametrize(("pattern", "leads"), [
    (r"(?i)\b(?:Sent|received)\s+a", ({"sent", "received"}, 0)),  # lower case; \b stepped over
    (r"(?<![\w-])the\s+envoy", ({"the"}, 0)),  # a look-behind is stepped over
    (r"(?:warm\s+)+greetings", ({"warm"}, 0)),  # a repeat that must match once
    (r"(?:^|(?<=\n))[^.\n]{0,40}?\b(?:sent|wrote)", ({"sent", "wrote"}, 40)),  # a bounded run
    (r"\w(?:met|saw)", ({"met", "saw"}, 1)),
    (r"(?:warm\s+)?greetings", None),  # an optional part: a match may begin elsewhere
    (r"[A-Z]\w+ met", None),  # an unbounded run
    (r"(?:^|x)Dear", None),  # an alternative that is not an assertion begins with nothing
])
def test_leading_words(pattern: str, leads: tuple[set[str], int] | None) -> None:
    assert leading_words(pattern) == (None if leads is None else (frozenset(leads[0]), leads[1]))


@pytest.mark.parametrize("pattern", [
    r"(?i)\b(?:sent|received)\b[^.]{0,30}?\bletters?\b|(?:^|(?<=\n))Dear\b|\bmessages\s+came\b",
    r"(?i)(?:^|(?<=\n)|(?<=\.\s))(?=[\s\S]*?letters?)[^.\n]{0,30}?\b(?:sent|wrote)\b|\w+\s+came",
    r"(?i)\bthe\s+(?:envoy|ambassador)|\benvoy\b",  # two branches can begin at one place
    r"\bMet(?:\s+with)?\b",  # not an alternation: searched from its one leading word
])
def test_a_word_gate_searches_as_its_expression_does(pattern: str) -> None:
    """The search tries each branch only where its leading words stand, then the whole
    expression where the leftmost branch matched: the match a full search finds, the
    branch written first winning where two begin at one place."""
    gate = WordGate(re.compile(pattern))
    texts = ["He SENT warm letters.\nDear friend, messages came.", "Dear Sir",
             "They met. The envoy and the ambassador arrived; Met with envoy",
             "Messages came; he received no letters", "ſent letters", "", "nothing"]
    texts += sentences_of_the_tests_articles()
    for text in texts:
        expected, found = gate.regex.search(text), gate.search(text)
        assert (expected and (expected.span(), expected.groups())) == \
            (found and (found.span(), found.groups())), text[:60]
