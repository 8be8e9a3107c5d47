"""Roles: the participants a reading binds, and the roles its rule's strategies fill.

The match binds what its placeholders name (`bind`); a mention is fitted to the kinds its
role takes, a city standing for its country (`fit`); a country bound to a `holders` role
stands for whoever held the office (`stand_for_holders`); open roles are filled by the
rule's strategies, in order, with mentions that clash with no other role (`fill`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from timeline.extract.items import EventRule, EventType, RoleSpec
from timeline.extract.mentions import Mention
from timeline.extract.placeholders import SLOT
from timeline.extract.readings import MISSING, Reading
from timeline.extract.shadow import Shadow
from timeline.extract.strategies import Filling, run_strategy
from timeline.lexicon import COUNTRY, ORGANISATION, PERSON, PLACE, Lexicon
from timeline.model import DateValue

Bound = dict[str, list[Mention]]  # role -> its members, in the order they were found


@attrs.define
class Binding:
    """What the match itself binds: the roles, the role split into one event a member
    ("A, B and C sent telegrams": three), its members, and the place it names."""

    bound: Bound
    split: str | None
    members: list[Mention]
    place: Mention | None


class RoleBinder:
    """Binds and fills roles with one lexicon (kinds and countries of names, office holders)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def bind(self, view: Shadow, reading: Reading) -> Binding:
        """The roles the match itself binds, by placeholder and by named group."""
        binding = Binding({}, None, [], None)
        lists: dict[str, list[Mention]] = {}  # the members of each split role matched
        for slot in reading.rule.slots:
            text = reading.match.group(slot.group)
            if text is None:
                continue
            found = [m for m in view.mentions_in(text) if m.kind in slot.kinds]
            if slot.role == "place":
                binding.place = found[0] if found else None
                continue
            taken = binding.bound.setdefault(slot.role, [])
            taken += [m for m in found if m.name not in {b.name for b in taken}]
            if slot.split:
                lists.setdefault(slot.role, []).extend(found)
        for role in reading.rule.raw_roles:
            text = reading.match.group(role)
            if text:
                binding.bound.setdefault(role, []).extend(self._written(view, text))
        # One role splits the reading: the longest list ("A and B arrived in C" splits
        # the visitors; a role that matched one member is bound as it is).
        binding.split = max(lists, key=lambda role: len(lists[role]), default=None)
        binding.members = lists.get(binding.split, []) if binding.split else []
        return binding

    def _written(self, view: Shadow, text: str) -> list[Mention]:
        """A named group's mentions when it is nothing but mentions, else its words as one
        body, mentions written out (the lexicon's name for them when it knows them):
        "(?P<body>the committee for cooperation with Uzbekistan)"."""
        found = view.mentions_in(text)
        if found and not re.search(r"\w", re.sub(r"\b(?:and|the)\b", "", SLOT.sub("", text))):
            return found
        written = SLOT.sub(lambda x: view.mentions[int(x.group(2))].name, text).strip()
        known = self.lexicon.lookup(written)
        if known is None and (bilateral := self.lexicon.bilateral_body(written)):
            return [Mention(0, 0, ORGANISATION, bilateral, True)]
        return [Mention(0, 0, ORGANISATION, known[1] if known else written, known is not None)]

    def fit(self, m: Mention, spec: RoleSpec) -> tuple[Mention | None, Mention | None]:
        """The mention as the role takes it (a city stands for its country), and the city."""
        if m.start == m.end == 0:  # read from an earlier observation: kind from the lexicon,
            found = self.lexicon.lookup(m.name)  # else the kind the role takes first
            kind = found[0] if found and found[0] != "adjective" else spec.kinds[0]
            m = attrs.evolve(m, kind=kind, country=self.lexicon.country_of(kind, m.name))
        if m.kind in spec.kinds:
            return m, None
        if m.kind == PLACE and COUNTRY in spec.kinds and m.country:
            return Mention(m.start, m.end, COUNTRY, m.country, True, m.country), m
        return None, None

    def holders(self, office: str, mentions: list[Mention],
                dct: DateValue | None) -> list[Mention]:
        """Countries stand for the holder of `office` on the article's date (rule `holders`)."""
        people = []
        for m in mentions:
            holder = (self.lexicon.holder(office, m.name, dct.earliest) if m.kind == COUNTRY
                      and dct is not None else None)
            people.append(m if holder is None else Mention(
                m.start, m.end, PERSON, holder.name, True, holder.country, generic=True))
        return people

    def stand_for_holders(self, rule: EventRule, bound: Bound, dct: DateValue | None,
                          split: str | None = None,
                          members: Iterable[Mention] = ()) -> list[Mention]:
        """Replace, in every `holders` role, countries by their office holders; the split
        role's members too, which are returned."""
        members = list(members)
        for role, office in rule.holders.items():
            bound[role] = self.holders(office, bound.get(role, []), dct)
            if role == split:
                members = self.holders(office, members, dct)
        return members

    def fill(self, rule: EventRule, etype: EventType, f: Filling) -> tuple[str, Mention | None]:
        """Bind every role (from the match, else the rule's strategies); what is missing,
        and the city a mention stood in for (the event's place when the rule names none)."""
        city = self._fit_bound(etype, f.bound)
        _drop_clashes(etype, f.bound)
        # Roles foreign to another are filled last, to know whom they must differ from.
        for spec in sorted(etype.roles, key=lambda s: s.foreign_to is not None):
            found = self._fill_role(rule, etype, spec, f)
            city = city or found
        return _unmet(etype, f.bound), city

    def _fit_bound(self, etype: EventType, bound: Bound) -> Mention | None:
        """Fit every bound mention to its role, dropping those of the wrong kind."""
        city = None
        for spec in etype.roles:
            fitted = [self.fit(m, spec) for m in bound.get(spec.name, [])]
            bound[spec.name] = [m for m, _ in fitted if m is not None]
            city = city or next((c for _, c in fitted if c is not None), None)
        return city

    def _fill_role(self, rule: EventRule, etype: EventType, spec: RoleSpec,
                   f: Filling) -> Mention | None:
        """Run the role's strategies in order until it has the members it needs."""
        bound, city = f.bound, None
        need = _needed(etype, spec.name)
        for strategy in rule.fill.get(spec.name, ()):
            if len(bound.get(spec.name, [])) >= need:
                break
            fitted = [self.fit(m, spec) for m in run_strategy(strategy, attrs.evolve(
                f, role=spec.name))]
            for m, c in fitted:
                if m is not None and _allowed(m, spec, etype, bound):
                    bound.setdefault(spec.name, []).append(m)
                    city = city or c
                    if len(bound[spec.name]) >= need:
                        break
        return city


def _drop_clashes(etype: EventType, bound: Bound) -> None:
    """A role foreign to another (a visit's host) that shares its country is emptied;
    unless the other was only a bare title, which was then someone else."""
    for spec in etype.roles:
        others = bound.get(spec.foreign_to or "", [])
        if spec.foreign_to and _clash(bound[spec.name], others):
            if all(o.generic for o in others):
                bound[spec.foreign_to] = []  # "the President" was someone else here
            else:
                bound[spec.name] = []


def _allowed(m: Mention, spec: RoleSpec, etype: EventType, bound: Bound) -> bool:
    """May a strategy's mention join `spec`'s role: not bound yet, no clash either way?"""
    if any(m.name == o.name for ms in bound.values() for o in ms):
        return False
    if spec.foreign_to and _clash([m], bound.get(spec.foreign_to, [])):
        return False
    return not any(other.foreign_to == spec.name and _clash(bound.get(other.name, []), [m])
                   for other in etype.roles)


def _clash(these: list[Mention], those: list[Mention]) -> bool:
    """Does a member of `these` belong to the country of a member of `those`?"""
    countries = {m.country for m in those if m.country}
    return any(m.country in countries for m in these)


def _needed(etype: EventType, role: str) -> int:
    """How many members a role needs at most, over the type's alternatives."""
    counts = [int(need.partition("*")[2] or 1) for alternative in etype.requires
              for need in alternative.split("+") if need.partition("*")[0] == role]
    return max(counts, default=1)


def _unmet(etype: EventType, bound: Bound) -> str:
    """"" when one of the type's alternatives holds, else what is missing."""
    alternatives = etype.requires or ("+".join(r.name for r in etype.roles),)
    wanted = []
    for alternative in alternatives:
        lacking = []
        for need in alternative.split("+"):
            role, _, count = need.partition("*")
            if len({m.name for m in bound.get(role, [])}) < int(count or 1):
                lacking.append(need)
        if not lacking:
            return ""
        wanted.append("+".join(lacking))
    return f"{MISSING} " + " or ".join(wanted)

