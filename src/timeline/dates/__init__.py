"""Dates: the article's own date (DCT) and every time expression of a text, as TIMEX3 values.

The patterns live in the rule files (rules/dates.toml), in three sections:

- `date_vocabulary`: named word lists ("month", "weekday", "unit"...) mapping each word or
  phrase to its normal form; a pattern writes `{month}` to mean any word of the list, and
  a named group `(?P<month>{month})` hands the matched word's normal form to the resolver.
- `date`: the expressions, in priority order. Each names a `kind` (KINDS: how its groups
  become a value, in `resolve`) and may carry a `value` argument and `examples`.
- `dateline`: where an article states its own date (` date 2021-05-09`, "MINSK, 20
  December", a header "20 September 2021, 21:16").

The text is read as if every `date` rule were tried at every position: the leftmost match
wins, and at one position the first rule in file order, so specific rules ("14 November
2024") go before general ones ("November"); the scan resumes after each match.
`scan` finds exactly those matches many times faster.

The package finds the expressions, tells the tense of their sentence, resolves anchored
ones ("the next day") and infers the year of a dateline that has none from the article's
own evidence. Nothing falls back to today's date. Its stages, one module each, in the
order the data flows through them:

- `items`: the rule-file items (Vocabulary, DateRule, DatelineRule), checked when read;
  the forms the compiler gives them; TimeExpr and ArticleDate, what the tagger finds.
- `compiler`: `compile`, the rules into a tagger: each `{name}` filled with its
  vocabulary, each date rule a branch of the scanner's alternations.
- `scan`: the Scanner, the rules' leftmost-first matches found quickly.
- `tagger`: the DateTagger; `tag` reads each match's groups into their normal forms and
  resolves them, `fired` lists the matches as they are.
- `sentences` and `tense`: where a sentence ends; the tense of an expression's sentence
  from its cue words, for the kinds whose value depends on it.
- `resolve`, on the arithmetic of `periods`, and `durations`: the matched words to a
  TIMEX3 value and the period it names, against the DCT.
- `anchors`: anchored expressions ("the next day", "a year earlier", a clock time),
  resolved against the dates named before them.
- `article_date`: the article's own date from its date line, dateline or header, and the
  year of a dateline without one from the article's own evidence.
- `examples`: the rules' inline examples checked (`timeline rules test`).

Imports go one way, from the top down: `compiler` and `examples` import the tagger; the
tagger imports the stages it runs; `anchors`, `article_date`, `tense` and `durations`
import `resolve`, which imports `periods`; `items` imports only `scan` (for the type of a
compiled rule's leads); `scan`, `sentences` and `periods` import no module of the package.
"""

from timeline.dates.compiler import compile
from timeline.dates.examples import EXAMPLE_DCT, example_failures
from timeline.dates.items import (
    KINDS,
    SECTIONS,
    ArticleDate,
    DatelineRule,
    DateRule,
    TimeExpr,
    Vocabulary,
)
from timeline.dates.tagger import DateTagger

__all__ = [
    "EXAMPLE_DCT",
    "KINDS",
    "SECTIONS",
    "ArticleDate",
    "DateRule",
    "DateTagger",
    "DatelineRule",
    "TimeExpr",
    "Vocabulary",
    "compile",
    "example_failures",
]
