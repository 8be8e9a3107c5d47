"""The one cattrs converter: rule files in, log records in and out.

Rule files and log records are both plain JSON-like trees, so one converter serves both.
Unknown keys are refused rather than ignored, so a typo in a rule file is an error, not a
rule that silently never fires.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, TypeVar

import cattrs

from timeline.errors import RuleError

T = TypeVar("T")

converter = cattrs.Converter(forbid_extra_keys=True)
converter.register_unstructure_hook(dt.date, dt.date.isoformat)
converter.register_structure_hook(dt.date, lambda value, _: _to_date(value))
converter.register_structure_hook(bool, lambda value, _: _to_bool(value))
converter.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
converter.register_structure_hook(dt.datetime, lambda value, _: dt.datetime.fromisoformat(value))


def _to_bool(value: Any) -> bool:
    """Only true and false: cattrs' default would read the string "no" as True."""
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _to_date(value: Any) -> dt.date:
    """TOML gives date literals as dates already; JSON and quoted TOML give ISO strings."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"expected a date, got a date and time: {value.isoformat()}")
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def structure_rules(raw: Any, cls: type[T], file: str, path: str = "$") -> T:
    """Structure one rule-file tree, or raise a RuleError naming the file and the key path."""
    try:
        return converter.structure(raw, cls)
    except cattrs.BaseValidationError as exc:
        first = cattrs.transform_error(exc, path=path, format_exception=_describe)[0]
        problem, _, where = first.rpartition(" @ ")
        raise RuleError(f"{file} at {where}", problem, _fix_for(problem)) from None
    except (ValueError, TypeError) as exc:
        raise RuleError(f"{file} at {path}", str(exc), "correct the value") from None


def _describe(exc: BaseException, type_: type | None) -> str:
    """cattrs' wording, but a check's own ValueError keeps its message (it names the key)."""
    if type(exc) is ValueError:
        return str(exc)
    return cattrs.v.format_exception(exc, type_)


def _fix_for(problem: str) -> str:
    if problem.startswith("required field missing"):
        return "add the missing key"
    if problem.startswith("extra fields found"):
        return "remove or rename the unknown key (see the rule-file format in README.md)"
    if problem.startswith(("invalid value for type", "invalid type")):
        return "correct the value's type (see the rule-file format in README.md)"
    return "correct the value (see the rule-file format in README.md)"


def dumps(value: Any) -> str:
    """A value as compact, key-sorted JSON: equal values give equal text on every machine."""
    return json.dumps(converter.unstructure(value), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))


def loads(text: str, cls: type[T]) -> T:
    return converter.structure(json.loads(text), cls)
