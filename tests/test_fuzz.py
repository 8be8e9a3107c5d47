"""Issue 6, item 7: the readers, the date engine and extraction driven by Hypothesis with
random and mutated articles, for a fixed budget of examples each.

Mutations splice, delete and duplicate pieces of the seed articles (in memory only) and of
sentences written here; random text is drawn from an alphabet rich in what the rules look
for (digits, month names, datelines, capitalised names). Every run is derandomised, so CI
tries the same examples each time. No exception may escape other than the documented
ArticleError of the readers, and every span returned lies within the text and covers the
words it claims.

Each test counts the examples it ran and checks the budget was spent.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import dates, extract
from timeline.errors import ArticleError
from timeline.model import DateValue, Document
from timeline.readers import ArticleFile, decode, read_article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = tuple(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
OURS = (
    " date 2024-03-14\nASTANA, 14 March. President Tokayev met President Mirziyoyev.\n",
    "MINSK, 20 December (BelTA) – Aleksandr Lukashenko sent a congratulatory telegram to"
    " Sadyr Japarov on the 33rd anniversary of independence.\n",
    "BISHKEK, September 26. /TASS/. Next year the two presidents will meet in Moscow; last"
    " year they met twice, on 9 May and in early October 2023.\n",
)
WORDS = ("January", "May", "December", "2024", "14", "1945", "yesterday", "last year",
         "next year", "Monday", "earlier", "80th", "anniversary", "Victory", "met", "visit",
         "telegram", "President", "Tokayev", "Putin", "Astana", "MINSK", " date ",
         "(BelTA) –", "/TASS/.", "Nur-Sultan", "of the", "-", ".", ",", "\n", " ", "’")
BUDGET = {"readers": 400, "dates.tag": 300, "dates.article_date": 300, "extract": 150}


def fuzz(budget: int) -> settings:
    return settings(max_examples=budget, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A seed or one of our articles, with pieces spliced in, deleted or duplicated."""
    text = draw(st.sampled_from(SEEDS + OURS))
    for _ in range(draw(st.integers(0, 4))):
        i, j = sorted(draw(st.tuples(st.integers(0, len(text)), st.integers(0, len(text)))))
        operation = draw(st.sampled_from(("delete", "duplicate", "splice", "insert")))
        if operation == "delete":
            text = text[:i] + text[j:]
        elif operation == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif operation == "splice":
            donor = draw(st.sampled_from(SEEDS + OURS))
            k = draw(st.integers(0, len(donor)))
            text = text[:i] + donor[k:k + (j - i)] + text[j:]
        else:
            text = text[:i] + draw(st.text(max_size=20)) + text[i:]
    return text


random_texts = st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=80).map(
    "".join)
articles = mutated() | random_texts
dcts = st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(DateValue.day)


def spend(budget: int, check: Callable[..., None], *strategies: Any) -> int:
    """Run `check` over examples of `strategies`; returns how many examples ran."""
    ran = []

    @fuzz(budget)
    @given(st.tuples(*strategies))
    def counted(example: tuple[Any, ...]) -> None:
        ran.append(1)
        check(*example)

    counted()
    print(f"\n{check.__name__}: {len(ran)} examples")
    return len(ran)


@pytest.fixture(scope="module")
def tagger(rules: Any) -> dates.DateTagger:
    return dates.compile(rules)


encodings = st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "cp1251", "cp1252", "latin-1"))


@st.composite
def article_bytes(draw: st.DrawFn) -> bytes:
    """A text in one of the encodings wire copy arrives in, then bytes flipped or cut."""
    text = draw(articles)
    data = bytearray(text.encode(draw(encodings), errors="replace"))
    for _ in range(draw(st.integers(0, 3))):
        if data and draw(st.booleans()):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        else:
            del data[draw(st.integers(0, len(data))):]
    return bytes(data)


def test_readers_give_text_or_an_article_error(tmp_path: Path) -> None:
    """A file of any of these bytes is read into a Document whose text has no carriage
    return, or refused with an ArticleError naming it. Valid UTF-8 without a BOM reads
    exactly as Python's UTF-8 reader reads it, so offsets agree with every other tool."""
    path = tmp_path / "a.txt"

    def reads(data: bytes) -> None:
        path.write_bytes(data)
        try:
            document = read_article(ArticleFile("a.txt", path, len(data), 0))
        except ArticleError as error:
            assert str(path) in str(error)
            return
        assert "\r" not in document.text and document.text.strip()
        assert document.sha256 == hashlib.sha256(data).hexdigest()
        if not data.startswith(codecs.BOM_UTF16_LE) and not data.startswith(
                codecs.BOM_UTF16_BE):
            try:
                expected = data.decode("utf-8")
            except UnicodeDecodeError:
                return
            assert document.text == expected.replace("\r\n", "\n").replace("\r", "\n")

    ran = spend(BUDGET["readers"], reads, article_bytes() | st.binary(max_size=3000))
    assert ran == BUDGET["readers"]
    assert decode(b"x", "x") == "x"  # the module under test is the one imported


def test_the_date_engine_tags_any_text_within_it(tagger: dates.DateTagger) -> None:
    """`tag` never raises; each expression lies within the text, is the text it claims,
    is in order without overlap, and has a TIMEX3 value."""

    def tags(text: str, dct: DateValue | None) -> None:
        previous_end = 0
        for expr in tagger.tag(text, dct):
            assert 0 <= expr.start < expr.end <= len(text)
            assert expr.text == text[expr.start:expr.end]
            assert expr.start >= previous_end
            assert expr.value
            previous_end = expr.end

    ran = spend(BUDGET["dates.tag"], tags, articles, dcts)
    assert ran == BUDGET["dates.tag"]


def test_the_article_date_of_any_text_is_found_or_none(tagger: dates.DateTagger) -> None:
    """`article_date` never raises and never invents a date the text does not hold: a
    found date has a basis, a missing one is None."""

    def dates_of(text: str) -> None:
        found = tagger.article_date(text)
        assert (found.date is None) or bool(found.basis)
        if found.date is not None:
            assert found.date.earliest <= found.date.latest

    ran = spend(BUDGET["dates.article_date"], dates_of, articles)
    assert ran == BUDGET["dates.article_date"]


def test_extraction_of_any_text_cites_spans_within_it(extractor: extract.Extractor) -> None:
    """`extract` never raises; every observation cites this document, a non-empty span
    within its text, a rule, and known event types and statuses."""

    def extracts(text: str) -> None:
        document = Document("fuzz.txt", text, hashlib.sha256(text.encode()).hexdigest())
        result = extractor.extract(document)
        for obs in result.observations:
            source = obs.source
            assert source.document == "fuzz.txt"
            assert 0 <= source.start < source.end <= len(text)
            assert source.rule
            assert obs.type in {"visit", "telegram", "anniversary", "meeting"}
            assert obs.status in {"held", "planned"}

    ran = spend(BUDGET["extract"], extracts, articles)
    assert ran == BUDGET["extract"]
