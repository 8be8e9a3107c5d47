"""Extraction: observations of events read from one document with the rule files.

Extraction is a pure function of (document, rules). Its stages, one module each, in the
order the data flows through them:

- `items`: the rule-file items (`[[event_type]]`, `[[pattern]]`, `[[event]]`,
  `[[discard]]`); `compiler`: their patterns expanded into regular expressions over
  the shadow sentence (`placeholders` is the format both sides share), checked once.
- `sentences`: the article split into sentences and paragraphs.
- `mentions`: the people (each with its title: "President of the Kyrgyz Republic Sadyr
  Japarov"), countries, bodies and places a sentence names; a bare title ("the Kazakh
  President") is whoever held the office on the article's date; unknown names after a
  title are kept as written.
- `shadow`: every mention replaced by a placeholder, so that a rule reads
  `{person:visitor} arrived in {place:host}` whatever the length of the names.
- `article`: one document read once: date, time expressions, sentences, mentions,
  home country, dateline.
- `readings`: each `[[event]]` rule searched in the shadow sentence; the longest of
  overlapping readings of a type wins; `[[discard]]` rules veto look-alikes.
- `roles` and `strategies`: placeholders bind participants to roles; roles the text
  leaves open are filled by the rule's `fill` strategies (the subject before the
  trigger, the visitor of the article's visit, the home country...).
- `dating` and `anniversaries`: the date and its basis. The time expression governing
  the words ("explicit"); "Earlier," (the article's month, "relative"); an
  anniversary's commemorated date plus its ordinal ("anniversary"); the date the article
  gives the same event elsewhere ("coreference"), an event of the same sentence
  ("sentence") or the sentence this one continues ("continuation"); an opening's event
  ("anchored"); for a plan, the one year ahead the article names ("ahead"); for a held
  event, the lead's day ("story"); the article's date
  ("pubdate"); for a speaker's undated past, nothing ("quoted"); without an article
  date, nothing ("none"). Never the clock.
- `observations`: what a reading reports: participants, date, place, status, title.
- `extractor`: the `Extractor` that runs the stages, and `compile`, which builds it.

`prefilter` (the words a rule's every match contains) and `backtracking` (a load-time
check of patterns) serve the compiler. The trace of every candidate (kept, vetoed,
incomplete, overlapped) is what `timeline explain` and `timeline rules stats` print.
"""

from timeline.extract.article import Article
from timeline.extract.compiler import CompiledRule
from timeline.extract.extractor import Extraction, Extractor, Trace, compile
from timeline.extract.items import (
    SECTIONS,
    DiscardRule,
    EventRule,
    EventType,
    Example,
    NamedPattern,
    RoleSpec,
)
from timeline.extract.mentions import Mention
from timeline.extract.observations import ordinal, render
from timeline.extract.readings import KEPT, Candidate
from timeline.extract.sentences import Sentence, split_sentences
from timeline.extract.shadow import Shadow, shadow

__all__ = [
    "KEPT",
    "SECTIONS",
    "Article",
    "Candidate",
    "CompiledRule",
    "DiscardRule",
    "EventRule",
    "EventType",
    "Example",
    "Extraction",
    "Extractor",
    "Mention",
    "NamedPattern",
    "RoleSpec",
    "Sentence",
    "Shadow",
    "Trace",
    "compile",
    "ordinal",
    "render",
    "shadow",
    "split_sentences",
]
