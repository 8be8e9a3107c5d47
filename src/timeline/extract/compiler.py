"""Compiling the rules: every `{name}` reference of a pattern expanded into a regular
expression over the shadow sentence, with the role slots its placeholders bind.

A bad pattern (unknown reference, unknown role or strategy, a regular expression that
does not compile or may backtrack catastrophically) raises RuleError naming its file and
line, once, when the rules are loaded, never in the middle of a build.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import attrs

from timeline import memo
from timeline.errors import RuleError
from timeline.extract import backtracking, prefilter
from timeline.extract.items import DiscardRule, EventRule, EventType
from timeline.extract.placeholders import CLOSE, CODE, KINDS, OPEN
from timeline.ruleset import Origin, RuleSet

SPECIAL_GROUPS = ("place", "ordinal", "commemoration")
ENGINE_PATTERNS = ("planned_cue", "past_cue", "earlier_cue", "continuation_cue",
                   "anchor_cue", "title_word", "date_guard", "roundup")


_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)(\.\.\.)?(?::([A-Za-z_]\w*)(\*)?)?\}")


@attrs.frozen
class Slot:
    """A placeholder of a compiled pattern that binds a role."""

    group: str
    role: str
    kinds: tuple[str, ...]
    many: bool
    split: bool


@attrs.frozen
class CompiledRule:
    rule: EventRule
    origin: Origin
    regex: re.Pattern[str]
    slots: tuple[Slot, ...]
    raw_roles: tuple[str, ...]
    context: prefilter.WordGate | None
    words: tuple[tuple[str, ...], ...] = ()  # each set has a word of every match (WordIndex)
    passage: re.Pattern[str] | None = None


@attrs.frozen
class CompiledDiscard:
    rule: DiscardRule
    origin: Origin
    gate: prefilter.WordGate  # its expression, and the words it cannot match without


class _Expander:
    """Expands `{name}` references into regular expressions, recording role slots."""

    def __init__(self, named: dict[str, str]) -> None:
        self.named = named
        self.slots: list[Slot] = []

    def expand(self, pattern: str, seen: tuple[str, ...] = ()) -> str:
        return _PLACEHOLDER.sub(lambda m: self._one(m, seen), pattern)

    def _one(self, m: re.Match[str], seen: tuple[str, ...]) -> str:
        name, many, role, split = m.group(1), bool(m.group(2)), m.group(3), bool(m.group(4))
        if name in KINDS:
            one = OPEN + "[" + "".join(CODE[k] for k in KINDS[name]) + r"]\d+" + CLOSE
            others = "".join(c for k, c in CODE.items() if k not in KINDS[name])
            # words between members may name other kinds ("Head of the Administration of
            # Baikonur city X"), never a member's kind, and start no clause (", that the
            # leaders of A and B" ends the list, as does "A and meet B")
            gap = (r"(?:(?!\b(?:that|which|who|whom|where|when|while|because|said|says|will|"
                   r"would|also|to|meet|met|hold|held|visit|visited|discuss|discussed|sign|"
                   r"signed|receive|received|attend|attended)\b)"
                   r"[^" + OPEN + r".;]|" + OPEN + "[" + others + r"]\d+" + CLOSE + "){0,60}?")
            # "A", "A and B", "A, B and C": a comma alone does not end a list, but
            # "A, B, C and the Order of Malta" is a list of three, ended by "and" and
            # something of another kind
            tail = r"(?=\s*,?\s*(?:\band\b|&)\s+(?!" + OPEN + "))"
            body = (one + r"(?:(?:\s*," + gap + one + r")*\s*,?\s*(?:\band\b|&)" + gap + one
                    + r"|(?:\s*,\s*" + one + r")+" + tail + ")?" if many else one)
            if role is None:
                return f"(?:{body})"
            group = f"s{len(self.slots)}__{role}"
            self.slots.append(Slot(group, role, KINDS[name], many, split))
            return f"(?P<{group}>{body})"
        if role is not None or many:
            raise ValueError(f"{{{name}}} is a shared pattern, not a mention kind: "
                             f"it takes no role")
        if name in seen:
            raise ValueError(f"shared pattern {name!r} refers to itself")
        if name not in self.named:
            known = ", ".join(sorted([*KINDS, *self.named]))
            raise ValueError(f"unknown reference {{{name}}} (known: {known})")
        return "(?:" + self.expand(self.named[name], (*seen, name)) + ")"


def _where(origin: Origin, section: str, ident: str, key: str) -> str:
    """Where a rule item is, as "rules/visit.toml:12 at $.event[id=visit.arrived].pattern"."""
    return f"{origin} at ${section}[id={ident}].{key}"


def _regex(expander: _Expander, pattern: str, where: str, flags: int = 0) -> re.Pattern[str]:
    """A rule's pattern with its references expanded, or a RuleError saying where."""
    try:
        compiled = memo.regex(expander.expand(pattern), flags)
    except ValueError as exc:
        raise RuleError(where, str(exc), "declare it as a [[pattern]] or correct the name"
                        ) from None
    except re.error as exc:
        raise RuleError(where, f"bad regular expression: {exc}",
                        "correct the pattern (Python `re` syntax)") from None
    if (shape := backtracking.ambiguous_repeat(compiled.pattern, flags)) is not None:
        raise RuleError(where, f"may backtrack catastrophically: {shape}",
                        "make the inner repeat possessive (`++`, `*+`) or atomic (`(?>...)`), "
                        "or give the repeated group a separator it must match")
    return compiled


def _compile_event(rule: EventRule, origin: Origin, types: dict[str, EventType],
                   named: dict[str, str], strategies: Collection[str]) -> CompiledRule:
    if rule.type not in types:
        raise RuleError(_where(origin, ".event", rule.id, "type"),
                        f"unknown event type {rule.type!r}",
                        f"declare it with [[event_type]] or use one of {', '.join(types)}")
    roles = {r.name for r in types[rule.type].roles}
    expander = _Expander(named)
    regex = _regex(expander, rule.pattern, _where(origin, ".event", rule.id, "pattern"))
    context = (prefilter.WordGate(_regex(expander, rule.context,
                                         _where(origin, ".event", rule.id, "context")))
               if rule.context else None)
    passage = (_regex(expander, rule.passage, _where(origin, ".event", rule.id, "passage"))
               if rule.passage else None)
    generated = {s.group for s in expander.slots}
    raw = tuple(g for g in regex.groupindex if g not in generated and g not in SPECIAL_GROUPS)
    _check_roles(rule, origin, roles, expander.slots, raw)
    _check_fill(rule, origin, roles, strategies)
    return CompiledRule(rule, origin, regex, tuple(expander.slots), raw, context,
                        prefilter.required_words(regex.pattern, regex.flags), passage)


def _check_roles(rule: EventRule, origin: Origin, roles: set[str], slots: list[Slot],
                 raw: tuple[str, ...]) -> None:
    """Every role a pattern binds, by placeholder or by a named group, is one of its type's."""
    for role in [s.role for s in slots if s.role not in SPECIAL_GROUPS] + list(raw):
        if role not in roles:
            raise RuleError(_where(origin, ".event", rule.id, "pattern"),
                            f"role {role!r} is not a role of {rule.type}",
                            f"use one of: {', '.join(sorted(roles | set(SPECIAL_GROUPS)))}")


def _check_fill(rule: EventRule, origin: Origin, roles: set[str],
                strategies: Collection[str]) -> None:
    """Every role of `fill` is one of the type's, and every strategy one that exists."""
    for role, chosen in rule.fill.items():
        if role not in roles:
            raise RuleError(_where(origin, ".event", rule.id, f"fill.{role}"),
                            f"{role!r} is not a role of {rule.type}",
                            f"use one of: {', '.join(sorted(roles))}")
        for strategy in chosen:
            if strategy.split(":")[0] not in strategies:
                raise RuleError(_where(origin, ".event", rule.id, f"fill.{role}"),
                                f"unknown strategy {strategy!r}",
                                f"use one of: {', '.join(sorted(strategies))}")


@attrs.frozen
class CompiledRules:
    """Every rule of the folder compiled: event types, event and discard rules in file
    order, and the engine's own shared patterns (cues, guards) compiled case-insensitively."""

    types: dict[str, EventType]
    rules: tuple[CompiledRule, ...]
    discards: tuple[CompiledDiscard, ...]
    engine: dict[str, re.Pattern[str]]


def compile_rules(rules: RuleSet, strategies: Collection[str]) -> CompiledRules:
    """Compile every rule once; a bad rule raises RuleError naming its file and line.

    `strategies` are the names a `fill` may use; the strategies themselves run later, on
    readings, so this stage is given their names rather than importing them.
    """
    types = {t.name: t for t in rules.section("event_type")}
    named = {p.name: p.regex for p in rules.section("pattern")}
    origins = rules.origins
    for name in ENGINE_PATTERNS:
        if name not in named:
            raise RuleError(rules.files[0] if rules.files else "rules",
                            f"the shared pattern {name!r} is missing",
                            "declare it as a [[pattern]] (see rules/patterns.toml)")
    compiled = tuple(_compile_event(r, o, types, named, strategies)
                     for r, o in zip(rules.section("event"), origins.get("event", ()),
                                     strict=True))
    for item, origin in zip(rules.section("pattern"), origins.get("pattern", ()), strict=True):
        _regex(_Expander(named), item.regex, _where(origin, ".pattern", item.name, "regex"))
    discards = tuple(
        CompiledDiscard(rule, origin, prefilter.WordGate(_regex(_Expander(named), rule.pattern,
                        _where(origin, ".discard", rule.id, "pattern"), re.IGNORECASE)))
        for rule, origin in zip(rules.section("discard"), origins.get("discard", ()),
                                strict=True))
    engine = {n: memo.regex(_Expander(named).expand(named[n]), re.IGNORECASE)
              for n in ENGINE_PATTERNS}
    return CompiledRules(types, compiled, discards, engine)
