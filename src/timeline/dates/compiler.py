"""Compiling the date rules into the tagger.

Each `{name}` placeholder of a pattern is filled with its vocabulary (one alternation,
longest phrases first); each date rule becomes a branch of the scanner's alternations,
its groups renamed after the rule's tag, with the words its matches can begin with.
A bad pattern raises RuleError naming its file and line, once, when the rules are loaded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from timeline import memo
from timeline.dates.items import PLACEHOLDER, Commemorated, CompiledRule, DateRule, Vocabulary
from timeline.dates.scan import Scanner, first_words
from timeline.dates.tagger import DateTagger
from timeline.errors import RuleError

if TYPE_CHECKING:
    from timeline.ruleset import RuleSet

GROUP = re.compile(r"\(\?P<([A-Za-z_][A-Za-z0-9_]*)>")


def _alternation(vocabulary: Vocabulary) -> str:
    """A vocabulary as one non-capturing group, longest phrases first."""
    phrases = sorted(vocabulary.words, key=lambda p: (-len(p), p))
    if vocabulary.regex:
        parts = phrases
    else:
        parts = [r"\s+".join(_word(word) for word in p.split()) for p in phrases]
    body = "|".join(parts)
    return f"(?-i:{body})" if vocabulary.case_sensitive else f"(?:{body})"


def _word(word: str) -> str:
    """One word of a phrase; an abbreviation's full stop may stand apart ("Dec ." in text
    rebuilt from tokens)."""
    if len(word) > 1 and word.endswith("."):
        return re.escape(word[:-1]) + r"\s?\."
    return re.escape(word)


def _expand(pattern: str, vocabularies: Mapping[str, Vocabulary], where: str) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in vocabularies:
            raise RuleError(where, f"pattern: unknown vocabulary {{{name}}}",
                            "define it as a [[date_vocabulary]] or correct the name")
        return _alternation(vocabularies[name])
    return PLACEHOLDER.sub(fill, pattern)


def _compile_rule(index: int, rule: DateRule, origin: object,
                  vocabularies: Mapping[str, Vocabulary]) -> CompiledRule:
    where = f"{origin} ({rule.id})"
    body = _expand(rule.pattern, vocabularies, where)
    try:
        memo.regex(body, re.IGNORECASE)
    except re.error as exc:
        raise RuleError(where, f"pattern: bad regular expression: {exc}",
                        "correct the pattern") from None
    tag = f"r{index}"
    names = tuple(GROUP.findall(body))
    renamed = GROUP.sub(lambda m: f"(?P<{tag}_{m.group(1)}>", body)
    # The empty group closes last, so `match.lastgroup` names the rule that matched; an
    # expression never ends inside a word.
    branch = f"(?:{renamed})(?![^\\W_])(?P<{tag}>)"
    return CompiledRule(rule, tag, names, branch, first_words(body),
                        tuple(f"{tag}_{name}" for name in names))


def compile(rules: RuleSet) -> DateTagger:
    """The tagger for a rule set; raises RuleError naming file:line for a bad pattern."""
    vocabularies = {v.name: v for v in rules.section("date_vocabulary")}
    compiled = [_compile_rule(i, rule, origin, vocabularies) for i, (rule, origin)
                in enumerate(zip(rules.section("date"), rules.origins.get("date", ()),
                                 strict=True))]
    triggers = frozenset(word for v in vocabularies.values() if v.trigger and not v.regex
                         for phrase in v.words for word in _trigger_words(phrase))
    datelines = tuple(
        (rule, memo.regex(_expand(rule.pattern, vocabularies, f"{origin} ({rule.id})"),
                          re.IGNORECASE | re.MULTILINE))
        for rule, origin in zip(rules.section("dateline"), rules.origins.get("dateline", ()),
                                strict=True))
    lookup = {name: {k.lower(): value for k, value in v.words.items()}
              for name, v in vocabularies.items() if not v.regex}
    return DateTagger(Scanner(compiled, triggers), {c.tag: c for c in compiled}, datelines,
                      lookup, _commemorations(rules.section("commemoration")))


def _trigger_words(phrase: str) -> list[str]:
    """The word of a trigger phrase that makes a scan look around it: its last long word
    ("day" of "new year's day"; every match of the phrase holds it, and a common first
    word such as "new" would make the scan stop at every "new")."""
    words = re.findall("[a-z]+", phrase.lower())
    long_words = [w for w in words if len(w) > 2] or words
    return long_words[-1:]


def _commemorations(items: tuple[Any, ...]) -> tuple[Commemorated, ...]:
    """The lexicon's [[commemoration]] items (name, aliases, date; kind and countries when
    it gives them), read by duck typing: this stage does not import the lexicon."""
    return tuple(Commemorated(
        tuple(sorted({a.lower() for a in (item.name, *item.aliases)}, key=len, reverse=True)),
        (getattr(item, "kind", None) or "").lower(), tuple(getattr(item, "countries", ())),
        item.date) for item in items)
