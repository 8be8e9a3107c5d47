"""Diagnostics of the rules: inline examples, one article explained, statistics.

- `run_rule_tests` runs every rule's inline examples (`timeline rules test`): an event
  rule *passes* when each example gives the events it lists and the rule fired on it,
  and no counterexample gives an event of the rule's type; it is *missing* when an
  example lacks an event, *noisy* when a counterexample gives one. A discard rule is
  *noisy* when it vetoes an example's event and *missing* when a counterexample is not
  vetoed by it. A rule without examples of both kinds is *untested*. A date or dateline
  rule (rules/dates.toml) passes when each example gives its value, *missing* when one
  does not, *noisy* when the rule matches a counterexample (timeline.dates.example_failures),
  *untested* without examples.
- `explain` prints what extraction did with one article (`timeline explain ARTICLE`).
- `rule_stats` counts, per rule, what it did over a folder (`timeline rules stats DIR`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

import attrs

from timeline import dates, extract
from timeline.model import Document, Observation
from timeline.rules import Origin, RuleSet

PASSED, NOISY, MISSING, UNTESTED = "passed", "noisy", "missing", "untested"


@attrs.frozen
class Expected:
    """One event an example must give: "meeting: A + B | planned | 2021-05-09"."""

    type: str
    names: frozenset[str]
    status: str | None = None
    date: str | None = None

    @classmethod
    def parse(cls, text: str) -> Expected:
        head, *extras = [part.strip() for part in text.split("|")]
        type_, _, names = head.partition(":")
        status = next((e for e in extras if e in ("held", "planned")), None)
        date = next((e for e in extras if e[:1].isdigit()), None)
        return cls(type_.strip(), frozenset(n.strip() for n in names.split("+") if n.strip()),
                   status, date)

    def found_in(self, observations: Iterable[Observation]) -> bool:
        return any(o.type == self.type and set(o.names) == self.names
                   and self.status in (None, o.status)
                   and self.date in (None, o.date.iso if o.date else None)
                   for o in observations)

    def __str__(self) -> str:
        extras = "".join(f" | {e}" for e in (self.status, self.date) if e)
        return f"{self.type}: {' + '.join(sorted(self.names))}{extras}"


@attrs.frozen
class RuleResult:
    section: str
    id: str
    origin: Origin
    verdict: str
    details: tuple[str, ...] = ()


@attrs.frozen
class RuleTestReport:
    results: tuple[RuleResult, ...]

    @property
    def ok(self) -> bool:
        return all(r.verdict == PASSED for r in self.results)

    def render(self) -> str:
        lines = []
        for r in self.results:
            lines.append(f"{r.verdict:<9} {r.section:<8} {r.id:<28} {r.origin}")
            lines += [f"          {d}" for d in r.details]
        counts = Counter(r.verdict for r in self.results)
        summary = ", ".join(f"{counts[v]} {v}" for v in (PASSED, NOISY, MISSING, UNTESTED)
                            if counts[v])
        lines.append(f"{len(self.results)} rules: {summary}")
        return "\n".join(lines)


def _document(text: str) -> Document:
    return Document("example", text, hashlib.sha256(text.encode()).hexdigest())


def _run(extractor: extract.Extractor, example: extract.Example) -> extract.Trace:
    return extractor.trace(_document(example.text), example.date)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 70 else text[:67] + "..."


def _event_rule(extractor: extract.Extractor, rule: extract.EventRule) -> tuple[str, list[str]]:
    if not rule.examples or not rule.counterexamples:
        return UNTESTED, ["give both examples and counterexamples"]
    missing, noisy = [], []
    for example in rule.examples:
        observations = _run(extractor, example).extraction.observations
        lacking = [e for e in map(Expected.parse, example.expect) if not e.found_in(observations)]
        if not any(o.source.rule == rule.id for o in observations):
            missing.append(f"did not fire on: {_short(example.text)}")
        for e in lacking:
            missing.append(f"lacks {e} in: {_short(example.text)}; got "
                           + ("; ".join(o.title for o in observations) or "nothing"))
    for example in rule.counterexamples:
        found = [o for o in _run(extractor, example).extraction.observations
                 if o.type == rule.type or o.source.rule == rule.id]
        noisy += [f"gave {o.title!r} ({o.source.rule}) in: {_short(example.text)}"
                  for o in found]
    return (NOISY if noisy else MISSING if missing else PASSED), noisy + missing


def _discard_rule(extractor: extract.Extractor,
                  rule: extract.DiscardRule) -> tuple[str, list[str]]:
    if not rule.examples or not rule.counterexamples:
        return UNTESTED, ["give both examples and counterexamples"]
    noisy, missing = [], []
    for example in rule.examples:
        trace = _run(extractor, example)
        lacking = [e for e in map(Expected.parse, example.expect)
                   if not e.found_in(trace.extraction.observations)]
        noisy += [f"vetoed {e} in: {_short(example.text)}" for e in lacking]
    for example in rule.counterexamples:
        trace = _run(extractor, example)
        vetoed = any(c.outcome == f"vetoed by {rule.id}" for c in trace.candidates)
        left = [o for o in trace.extraction.observations
                if not rule.types or o.type in rule.types]
        if not vetoed or left:
            missing.append(f"did not veto in: {_short(example.text)}"
                           + "".join(f"; {o.title} ({o.source.rule}) remains" for o in left))
    return (NOISY if noisy else MISSING if missing else PASSED), noisy + missing


def run_rule_tests(rules: RuleSet) -> RuleTestReport:
    """Run every rule's inline examples; see the module docstring for the verdicts."""
    extractor = extract.compile(rules)
    results = []
    for rule, origin in zip(rules.section("event"), rules.origins.get("event", ()), strict=True):
        verdict, details = _event_rule(extractor, rule)
        results.append(RuleResult("event", rule.id, origin, verdict, tuple(details)))
    for rule, origin in zip(rules.section("discard"), rules.origins.get("discard", ()),
                            strict=True):
        verdict, details = _discard_rule(extractor, rule)
        results.append(RuleResult("discard", rule.id, origin, verdict, tuple(details)))
    return RuleTestReport(tuple(results) + _date_rule_results(rules))


def _date_rule_results(rules: RuleSet) -> tuple[RuleResult, ...]:
    """The verdicts of the [[date]] and [[dateline]] rules on their own examples."""
    tagger = dates.compile(rules)
    results = []
    for section in ("date", "dateline"):
        for rule, origin in zip(rules.section(section), rules.origins.get(section, ()),
                                strict=True):
            if not rule.examples:
                results.append(RuleResult(section, rule.id, origin, UNTESTED,
                                          ("give examples",)))
                continue
            missing, noisy = dates.example_failures(tagger, rule)
            verdict = NOISY if noisy else MISSING if missing else PASSED
            results.append(RuleResult(section, rule.id, origin, verdict,
                                      tuple(noisy + missing)))
    return tuple(results)


# -- explain --------------------------------------------------------------------------------------


def explain(document: Document, rules: RuleSet) -> str:
    """Every observation with its rule and span, and for each sentence holding a trigger
    word but giving nothing, which discard rule or missing piece stopped it."""
    extractor = extract.compile(rules)
    trace = extractor.trace(document)
    article = extractor.read(document)
    where = _origins(rules)
    adate = trace.extraction.article_date
    lines = [f"{document.name}: article date {adate.date.iso if adate.date else 'unknown'} "
             f"({adate.basis}); home country {trace.home or 'unknown'}", ""]
    lines.append(f"{len(trace.extraction.observations)} observations:")
    for o in trace.extraction.observations:
        date = o.date.iso if o.date else "undated"
        source = trace.date_source(o)
        basis = f"{o.date_basis} to {source}" if source else o.date_basis
        lines.append(f"  [{o.source.start}-{o.source.end}] {o.title}  ({o.type}, {date} "
                     f"by {basis}, {o.status})")
        lines.append(f"      rule {o.source.rule} at {where.get(o.source.rule, '?')}: "
                     f"{document.text[o.source.start:o.source.end]!r}")
    silent = _silent_sentences(extractor, trace)
    lines += ["", f"{len(silent)} sentences with a trigger word and no observation:"]
    for sentence, words in silent:
        lines.append(f"  sentence {sentence.index + 1} [{sentence.start}-{sentence.end}] "
                     f"({', '.join(words)}): {_short(sentence.text)}")
        names = ", ".join(f"{m.name} ({m.kind})" for m in article.mentions[sentence.index])
        lines.append(f"      mentions: {names or 'none'}")
        readings = [c for c in trace.candidates if c.sentence == sentence.index]
        for c in readings:
            lines.append(f"      {c.rule} ({where.get(c.rule, '?')}): {c.outcome} "
                         f"{document.text[c.start:c.end]!r}")
        if not readings:
            lines.append("      no rule matched: add a pattern (see README, 'Debugging a miss')")
    if trace.extraction.notes:
        lines += ["", "notes:"] + [f"  {n}" for n in trace.extraction.notes]
    return "\n".join(lines)


def _origins(rules: RuleSet) -> dict[str, str]:
    return {item.id: str(origin) for name in ("event", "discard")
            for item, origin in zip(rules.section(name), rules.origins.get(name, ()),
                                    strict=True)}


def _silent_sentences(extractor: extract.Extractor, trace: extract.Trace
                      ) -> list[tuple[extract.Sentence, list[str]]]:
    observed = {c.sentence for c in trace.candidates if c.observations}
    out = []
    for sentence in trace.sentences:
        low = sentence.text.lower()
        words = [w for t in extractor.types.values() for w in t.triggers if w.lower() in low]
        if words and sentence.index not in observed:
            out.append((sentence, list(dict.fromkeys(words))))
    return out


# -- stats ----------------------------------------------------------------------------------------


def rule_stats(documents: Iterable[Document], rules: RuleSet) -> str:
    """Per rule over a folder: events given, overlaps lost, vetoes, incomplete readings,
    duplicates; per discard rule: vetoes; and how often two types read one sentence."""
    extractor = extract.compile(rules)
    counts: dict[str, Counter[str]] = {r.id: Counter() for r in rules.section("event")}
    vetoes: Counter[str] = Counter()
    articles = 0
    for document in documents:
        articles += 1
        for c in extractor.trace(document).candidates:
            counts.setdefault(c.rule, Counter())
            counts[c.rule][_outcome_kind(c.outcome)] += len(c.observations) or 1
            if c.outcome.startswith("vetoed by "):
                vetoes[c.outcome.removeprefix("vetoed by ")] += 1
    where = _origins(rules)
    columns = ("events", "overlapped", "vetoed", "incomplete", "duplicate")
    lines = [f"{articles} articles", f"{'rule':<28}" + "".join(f"{c:>11}" for c in columns)
             + "  where"]
    for rule, tally in counts.items():
        lines.append(f"{rule:<28}" + "".join(f"{tally[k]:>11}" for k in columns)
                     + f"  {where.get(rule, '?')}")
    lines += ["", f"{'discard rule':<28}{'vetoes':>11}  where"]
    for rule in rules.section("discard"):
        lines.append(f"{rule.id:<28}{vetoes[rule.id]:>11}  {where.get(rule.id, '?')}")
    silent = [r for r, c in counts.items() if not c["events"]]
    if silent:
        lines += ["", "never gave an event: " + ", ".join(silent)]
    return "\n".join(lines)


def _outcome_kind(outcome: str) -> str:
    if outcome == extract.KEPT:
        return "events"
    for prefix, kind in (("overlapped", "overlapped"), ("vetoed", "vetoed"),
                         ("duplicate", "duplicate")):
        if outcome.startswith(prefix):
            return kind
    return "incomplete"
