"""Rule-file items of extraction: the `[[event_type]]`, `[[pattern]]`, `[[event]]` and
`[[discard]]` sections, as the frozen attrs classes `timeline.rules` structures them into.

They import nothing of the rule loader, which sits above every stage and collects
`SECTIONS` from each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs

from timeline.lexicon import COUNTRY, ORGANISATION, PERSON
from timeline.model import HELD, PLANNED


def _one_of(*allowed: str) -> Callable[[object, attrs.Attribute[str], str], None]:
    def check(_: object, attribute: attrs.Attribute[str], value: str) -> None:
        if value not in allowed:
            raise ValueError(f"{attribute.name}: {value!r} is not one of {', '.join(allowed)}")
    return check


@attrs.frozen
class RoleSpec:
    """A participant role of an event type, the kinds of mention it takes, and its checks.

    `foreign_to` names another role whose country this role's country must differ from
    (a visit's host is not the visitor's own country).
    """

    name: str
    kinds: tuple[str, ...] = (PERSON, ORGANISATION, COUNTRY)
    foreign_to: str | None = None


@attrs.frozen
class EventType:
    """A declared event type: its roles in participant order and its title template.

    `title` fills `{role}` with the role's names joined by " and ", `{place}` and
    `{ordinal}`; a part in square brackets is dropped when a field inside it is empty.
    `requires` lists alternatives such as "visitor+host" or "party*2": an observation is
    kept when one holds. `triggers` are the words whose sentences `timeline explain`
    examines when nothing was extracted from them.
    """

    name: str
    roles: tuple[RoleSpec, ...]
    title: str
    requires: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    located: bool = True


@attrs.frozen
class NamedPattern:
    """A shared sub-pattern, written `{name}` inside any rule pattern."""

    name: str
    regex: str
    description: str = ""


@attrs.frozen
class Example:
    """A text, the article date it is read with, and the events it must produce."""

    text: str
    date: dt.date | None = None
    expect: tuple[str, ...] = ()


@attrs.frozen
class EventRule:
    """A pattern over the shadow sentence that reports an event of `type`.

    `fill` maps a role to the strategies tried, in order, when the pattern leaves it
    open, or binds fewer than the type requires. `context`, when set, must match the
    article before the sentence (a round-up of telegrams); `passage`, when set, must match
    the sentence's paragraph as written ("congratulated" is a telegram where the paragraph
    says the words were written); `paragraph_start` limits the
    rule to a paragraph's first sentence. `holders` maps a role to an office: a country
    bound to it stands for whoever held the office ("a meeting of the presidents of A and B").
    """

    id: str
    type: str
    pattern: str
    fill: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    status: str = attrs.field(default="auto", validator=_one_of("auto", HELD, PLANNED))
    context: str | None = None
    passage: str | None = None
    paragraph_start: bool = False
    holders: dict[str, str] = attrs.field(factory=dict)
    description: str = ""
    examples: tuple[Example, ...] = ()
    counterexamples: tuple[Example, ...] = ()


@attrs.frozen
class DiscardRule:
    """Vetoes candidate events of `types` (all when empty) where `pattern` matches.

    `scope` "sentence" searches the candidate's whole sentence, "match" only the words
    the event rule matched, "next" the sentence after the candidate's (where the genre
    states an event's format: "The summit ... . It was held by video link.").
    """

    id: str
    pattern: str
    types: tuple[str, ...] = ()
    scope: str = attrs.field(default="sentence", validator=_one_of("sentence", "match", "next"))
    description: str = ""
    examples: tuple[Example, ...] = ()
    counterexamples: tuple[Example, ...] = ()


SECTIONS: dict[str, type] = {
    "event_type": EventType,
    "pattern": NamedPattern,
    "event": EventRule,
    "discard": DiscardRule,
}
