"""The modules of `timeline` import one another one way: no circle, however lazy.

Every import statement of every module under src/timeline counts, at any depth: at the
top, inside a function (a lazy import is a circle that merely waits for its first call)
and under `if TYPE_CHECKING:` (mypy follows it, and it is usually the first step of a
circle that later becomes real). Importing `a.b.c` runs `a.b`'s `__init__` first, so it
depends on that package too, except from inside the package itself, which Python has
already begun to import. Modules loaded by name at run time (`importlib.import_module`,
the emitters) are not import statements and are not seen.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT = "timeline"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted((SRC / ROOT).rglob("*.py"))}


def imported(name: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    """The `timeline` modules that module `name` (at `path`) imports, by any statement."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # `from . import x`, `from ..a import b`
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            yield base
            # `from timeline import dates` imports the module timeline.dates
            yield from (f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known)


def graph() -> dict[str, set[str]]:
    known = modules()
    edges: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        for target in imported(name, path, known):
            parts = target.split(".")
            for i in range(1, len(parts) + 1):  # the module and the packages above it
                dependency = ".".join(parts[:i])
                inside = name == dependency or name.startswith(dependency + ".")
                if dependency in known and not inside:
                    edges[name].add(dependency)
    return edges


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One circle of imports, as the list of its modules (first repeated last), or None."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" after

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = "open"
        for nxt in sorted(edges[node]):
            if state.get(nxt) == "open":
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt, [*path, nxt])) is not None:
                return found
        state[node] = "done"
        return None

    for start in sorted(edges):
        if start not in state and (found := visit(start, [start])) is not None:
            return found
    return None


def test_no_circle_of_imports_among_timeline_modules() -> None:
    found = cycle(graph())
    assert found is None, "circle of imports: " + " -> ".join(found or [])


def test_the_check_sees_lazy_and_type_checking_imports(tmp_path: Path) -> None:
    """The scanner itself: an import inside a function and one under TYPE_CHECKING count."""
    lazy = tmp_path / "lazy.py"
    lazy.write_text("def f():\n    from timeline import model\n", encoding="utf-8")
    typing_only = tmp_path / "typing_only.py"
    typing_only.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                           "    from timeline.model import Document\n", encoding="utf-8")
    known = modules()
    assert "timeline.model" in set(imported("timeline.x", lazy, known))
    assert "timeline.model" in set(imported("timeline.x", typing_only, known))


def test_the_check_names_a_circle() -> None:
    edges = {"timeline.a": {"timeline.b"}, "timeline.b": {"timeline.c"},
             "timeline.c": {"timeline.a"}, "timeline.d": set()}
    assert cycle(edges) == ["timeline.a", "timeline.b", "timeline.c", "timeline.a"]
