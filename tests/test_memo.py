"""Issue 14: the analyses of the rules' patterns are kept beside the store, used by the
next build when they are of the same code, and ignored when spoilt or of other code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_build import T0, events, run
from timeline import build, memo, ruleset


@pytest.fixture
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing known in memory, as in a new process."""
    monkeypatch.setattr(memo, "_known", {})


def edit_an_article(ws: Path) -> None:
    article = sorted((ws / "seeds").iterdir())[0]
    article.write_text(article.read_text(encoding="utf-8") + "\n", encoding="utf-8")


@pytest.mark.usefixtures("fresh_process")
def test_a_build_keeps_the_analyses_and_the_next_works_out_none(
        workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first build writes what it worked out; the next, in a new process, finds every
    analysis there, so it writes nothing again, and reads the articles as the first."""
    run(workspace)
    kept = build.memo_path(workspace / "store.db")
    assert kept.is_file()
    before = kept.stat().st_mtime_ns, kept.read_bytes()
    monkeypatch.setattr(memo, "_known", {})
    edit_an_article(workspace)
    assert run(workspace, days=1).read == 1
    assert (kept.stat().st_mtime_ns, kept.read_bytes()) == before
    assert memo.learnt() == 0


@pytest.mark.usefixtures("fresh_process")
def test_a_spoilt_memo_is_ignored_and_written_again(
        workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Half a file is read as nothing kept: the build works everything out, reads the
    articles as a build without it does, and keeps a whole file."""
    twin = tmp_path / "twin"
    twin.mkdir()
    for name in ("seeds", "rules"):
        (twin / name).symlink_to(workspace / name)
    run(twin)
    kept = build.memo_path(workspace / "store.db")
    kept.write_bytes(build.memo_path(twin / "store.db").read_bytes()[:1000])
    monkeypatch.setattr(memo, "_known", {})
    run(workspace)
    assert events(workspace) == events(twin)
    assert kept.read_bytes() == build.memo_path(twin / "store.db").read_bytes()


def kept_keys(path: Path, rules: str, monkeypatch: pytest.MonkeyPatch) -> set[memo.Key]:
    monkeypatch.setattr(memo, "_known", {})
    memo.load(path, rules)
    return set(memo.known())


@pytest.mark.usefixtures("fresh_process")
def test_after_a_rule_edit_the_memo_holds_the_new_rules_results_only(
        workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The results of rules since edited do not pile up: the build after an edit keeps
    what a fresh store of the edited rules keeps, and the memo of the old rules
    answers nothing for the new."""
    run(workspace)
    old = (workspace / "rules" / "visit.toml").read_text(encoding="utf-8")
    (workspace / "rules" / "visit.toml").write_text(
        old.replace("(?:in|to|at|for|into)", "(?:in|into|to|at|for)", 1), encoding="utf-8")
    monkeypatch.setattr(memo, "_known", {})
    run(workspace, days=1)
    twin = tmp_path / "twin"
    twin.mkdir()
    for name in ("seeds", "rules"):
        (twin / name).symlink_to(workspace / name)
    monkeypatch.setattr(memo, "_known", {})
    run(twin)
    new = ruleset.fingerprint(workspace / "rules")
    kept = kept_keys(build.memo_path(workspace / "store.db"), new, monkeypatch)
    assert kept and kept == kept_keys(build.memo_path(twin / "store.db"), new, monkeypatch)
    assert kept_keys(build.memo_path(workspace / "store.db"), "other rules", monkeypatch) == set()


def test_results_of_other_code_are_not_used(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A memo written before any source file of timeline changed answers nothing."""
    code = tmp_path / "timeline"
    (code / "dates").mkdir(parents=True)
    (code / "dates" / "scan.py").write_text("def first_words(pattern): ...\n")
    monkeypatch.setattr(memo, "SOURCES", code)
    monkeypatch.setattr(memo, "_known", {("scan.first_words", ("a",)): ("a",)})
    kept = tmp_path / "store.db.memo"
    with kept.open("wb") as handle:
        memo.dump(handle, "rules")
    monkeypatch.setattr(memo, "_known", {})
    memo.load(kept, "rules")
    assert memo.known() == {("scan.first_words", ("a",)): ("a",)}
    (code / "dates" / "scan.py").write_text("def first_words(pattern): return ()\n")
    monkeypatch.setattr(memo, "_known", {})
    memo.load(kept, "rules")
    assert memo.known() == {}


def test_a_remembered_function_runs_once_for_each_argument(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    @memo.remembered
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    monkeypatch.setattr(memo, "_known", {})
    assert [shout("a"), shout("b"), shout("a")] == ["A", "B", "A"]
    assert calls == ["a", "b"]


@pytest.mark.parametrize(("pattern", "flags"), [
    (r"(?<![\w-])(?P<who>[A-Z]\w+)\s+(?:visited|met)\b", 0),
    (r"(?i)\bthe\s+(?:last|next)\s+week", 0),
    (r"talks|negotiations", re.IGNORECASE),
    (r"^\s*date\s+(?P<year>\d{4})-(?P<month>\d{2})$", re.MULTILINE),
    (r"(?:a|b)++c*+(?>d|e)", 0),
])
def test_a_remembered_expression_is_the_expression_re_compiles(
        pattern: str, flags: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same pattern, flags, groups and matches, compiled here and from the code a
    memo file kept."""
    texts = ["Tokayev visited Minsk", "THE NEXT WEEK", "held Talks", "x\n date 2024-05-09",
             "aabccd", "-Putin met"]
    expected = re.compile(pattern, flags)
    monkeypatch.setattr(memo, "_known", {})
    fresh = memo.regex(pattern, flags)
    with (tmp_path / "memo").open("wb") as handle:
        memo.dump(handle, "rules")
    monkeypatch.setattr(memo, "_known", {})
    memo.load(tmp_path / "memo", "rules")
    assert len(memo.known()) == 1
    for got in (fresh, memo.regex(pattern, flags)):
        assert (got.pattern, got.flags, got.groups, got.groupindex) == (
            expected.pattern, expected.flags, expected.groups, expected.groupindex)
        assert [[m.span() for m in got.finditer(t)] for t in texts] == [
            [m.span() for m in expected.finditer(t)] for t in texts]


def test_a_bad_expression_raises_as_re_compile_does() -> None:
    with pytest.raises(re.error, match="missing \\), unterminated subpattern"):
        memo.regex("(visit", 0)


@pytest.mark.usefixtures("fresh_process")
def test_what_the_workers_learn_is_kept_as_a_build_of_one_process_keeps_it(
        workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An expression compiled only when an article first needs it is compiled in the
    workers of a build that starts them: they hand it back with their results, and the
    memo kept is the one a build in one process keeps, so the build after a cold one
    does not work it out again."""
    twin = tmp_path / "twin"
    twin.mkdir()
    for name in ("seeds", "rules"):
        (twin / name).symlink_to(workspace / name)
    build.build(twin / "seeds", twin / "rules", twin / "out", twin / "store.db", T0, jobs=1)
    alone = kept_keys(build.memo_path(twin / "store.db"), ruleset.fingerprint(twin / "rules"),
                      monkeypatch)
    monkeypatch.setattr(memo, "_known", {})
    monkeypatch.setattr(build, "PARALLEL_FROM", 1)  # the seeds are too few to start workers
    build.build(workspace / "seeds", workspace / "rules", workspace / "out",
                workspace / "store.db", T0, jobs=2)
    rules = ruleset.fingerprint(workspace / "rules")
    assert kept_keys(build.memo_path(workspace / "store.db"), rules, monkeypatch) == alone
