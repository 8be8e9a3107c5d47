"""The cached projection beside the store: used when current, ignored otherwise."""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from test_build import T0, events, run
from timeline import build, projections, statecache
from timeline.emit import OUTPUTS
from timeline.eventlog import EventLog
from timeline.model import pickled_by_fields


def state_file(ws: Path) -> Path:
    return ws / "store.db.state"


def marker_file(ws: Path) -> Path:
    return ws / "store.db.reconciled"


@pytest.fixture
def every_build_snapshots(monkeypatch: pytest.MonkeyPatch) -> None:
    """Five articles' records are far fewer than a snapshot waits for: write it anyway."""
    monkeypatch.setattr(statecache, "REPLAYED_AT_MOST", 0)


@pytest.mark.usefixtures("every_build_snapshots")
def test_a_nightly_build_folds_no_old_record_and_reconciles_nothing(
        workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a current snapshot, an unchanged folder costs no record decoded, no clustering."""
    run(workspace)
    assert state_file(workspace).is_file()
    decoded = []
    records = EventLog.records
    monkeypatch.setattr(EventLog, "records", lambda self, *a, **k: (
        decoded.append(r) or r for r in records(self, *a, **k)))

    def no_reconcile(_: projections.LogState) -> None:
        raise AssertionError("a reconciled snapshot was reconciled again")

    monkeypatch.setattr(build, "reconcile", no_reconcile)
    report = run(workspace, days=1)
    assert (report.read, report.revisions, decoded) == (0, 0, [])


def truncated(ws: Path, _: Path) -> None:
    data = state_file(ws).read_bytes()
    state_file(ws).write_bytes(data[: len(data) // 2])


def garbage(ws: Path, _: Path) -> None:
    state_file(ws).write_bytes(b"not a snapshot\n")


def of_another_store(ws: Path, tmp_path: Path) -> None:
    """The snapshot of a store built from two of the five articles."""
    other = tmp_path / "other"
    (other / "seeds").mkdir(parents=True)
    for article in sorted((ws / "seeds").iterdir())[:2]:
        shutil.copy(article, other / "seeds")
    shutil.copytree(ws / "rules", other / "rules")
    run(other)
    shutil.copy(state_file(other), state_file(ws))


def of_the_store_before_a_rebuild(ws: Path, _: Path) -> None:
    """`timeline rebuild` sets the store aside; its snapshot put back must not be used."""
    put_back_after_a_rebuild(ws, state_file)


def marker_garbage(ws: Path, _: Path) -> None:
    marker_file(ws).write_bytes(b"42\n")


def marker_of_the_store_before_a_rebuild(ws: Path, _: Path) -> None:
    put_back_after_a_rebuild(ws, marker_file)


def put_back_after_a_rebuild(ws: Path, files_of: Callable[[Path], Path | list[Path]]) -> None:
    """The files `files_of(ws)` of the store set aside by a rebuild, put back beside the
    new one."""
    files = files_of(ws)
    kept = {p.name: p.read_bytes() for p in (files if isinstance(files, list) else [files])}
    build.set_store_aside(ws / "store.db", T0)
    run(ws, days=1)
    for name, data in kept.items():
        (ws / name).write_bytes(data)


@pytest.mark.usefixtures("every_build_snapshots")
@pytest.mark.parametrize("spoil", [truncated, garbage, of_another_store,
                                   of_the_store_before_a_rebuild, marker_garbage,
                                   marker_of_the_store_before_a_rebuild])
def test_a_snapshot_that_is_not_current_is_ignored(
        workspace: Path, tmp_path: Path, spoil: Callable[[Path, Path], None]) -> None:
    """After a spoilt snapshot and one deleted article, the build replays the log (it reads
    no article again) and the timeline is what a fresh store of the remaining ones gives."""
    run(workspace)
    spoil(workspace, tmp_path)
    sorted((workspace / "seeds").iterdir())[0].unlink()
    assert run(workspace, days=2).read == 0
    fresh = tmp_path / "fresh"
    shutil.copytree(workspace / "seeds", fresh / "seeds")
    shutil.copytree(workspace / "rules", fresh / "rules")
    run(fresh, days=2)
    live = [e for e in events(workspace) if e["status"] != "cancelled"]
    assert live == events(fresh)


def test_outputs_of_a_rebuilt_store_are_rendered_again(workspace: Path) -> None:
    """A rebuilt store reaching the same log position is another log: its outputs are
    rendered, not taken for those of the old store."""
    run(workspace)
    build.set_store_aside(workspace / "store.db", T0)
    chronicle = workspace / "out" / "chronicle.md"
    chronicle.write_text("edited by hand\n")
    report = run(workspace, days=1)
    assert "chronicle.md" in report.written and chronicle.read_text() != "edited by hand\n"


@pytest.mark.usefixtures("every_build_snapshots")
def test_a_snapshot_half_written_by_a_killed_build_is_removed(workspace: Path) -> None:
    """The temporary file of a snapshot being written when the build was killed is gone
    after the next build that writes one (it can weigh a hundred megabytes)."""
    stale = workspace / ".store.db.state.k1ll3d"
    stale.write_bytes(b"half a pickle")
    run(workspace)
    assert not stale.exists() and state_file(workspace).is_file()


def scope_reconciled(ws: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, ...]:
    """The articles and entries the next build of `ws` reconciles."""
    seen: list[tuple[object, ...]] = []
    reconcile = build.reconcile
    monkeypatch.setattr(build, "reconcile", lambda state, scope: (
        seen.append((scope.documents, tuple(scope.entries))), reconcile(state, scope))[1])
    run(ws, days=2)
    monkeypatch.setattr(build, "reconcile", reconcile)
    return tuple(seen)


def test_the_snapshot_waits_for_many_records_and_what_was_reconciled_is_not_again(
        workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds adding an article each leave the snapshot unwritten while the records after
    it are few, yet reconcile only what the new article touches, as a build from a
    snapshot written every time does; the outputs are those the log gives."""
    later = sorted((workspace / "seeds").iterdir())[1:3]
    kept = [(p, p.read_bytes()) for p in later]
    for path in later:
        path.unlink()
    twin = tmp_path / "twin"
    shutil.copytree(workspace, twin)
    reconciled = {}
    for ws, replayed_at_most in ((workspace, statecache.REPLAYED_AT_MOST), (twin, 0)):
        monkeypatch.setattr(statecache, "REPLAYED_AT_MOST", replayed_at_most)
        run(ws)
        (ws / "seeds" / kept[0][0].name).write_bytes(kept[0][1])
        run(ws, days=1)
        (ws / "seeds" / kept[1][0].name).write_bytes(kept[1][1])
        reconciled[ws] = scope_reconciled(ws, monkeypatch)
    assert not state_file(workspace).exists() and state_file(twin).is_file()
    assert reconciled[workspace] == reconciled[twin] and reconciled[workspace]
    assert outputs(workspace) == rendered_afresh(workspace, tmp_path)


def pieces_files(ws: Path) -> list[Path]:
    """The pieces kept beside the store, a file an output."""
    files = sorted(ws.glob("store.db.pieces.*"))
    assert [p.name.removeprefix("store.db.pieces.") for p in files] == sorted(
        name for name, _ in OUTPUTS)
    return files


def pieces_of_entries(ws: Path) -> dict[str, bytes]:
    """The bytes of each pieces file but the chart's (kept each time it is drawn)."""
    return {p.name: p.read_bytes() for p in pieces_files(ws) if not p.name.endswith(".png")}


def pieces_truncated(ws: Path, _: Path) -> None:
    for path in pieces_files(ws):
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def pieces_of_another_store(ws: Path, tmp_path: Path) -> None:
    """The pieces of a store of the same articles built on another day: the same UIDs and
    sequences, other revision times."""
    other = tmp_path / "other"
    shutil.copytree(ws / "seeds", other / "seeds")
    shutil.copytree(ws / "rules", other / "rules")
    run(other, days=5)
    for path in pieces_files(other):
        shutil.copy(path, ws / path.name)


def pieces_of_the_store_before_a_rebuild(ws: Path, _: Path) -> None:
    put_back_after_a_rebuild(ws, pieces_files)


def rendered_afresh(ws: Path, tmp_path: Path) -> dict[str, bytes]:
    """The outputs rendered from the store's log with no pieces, beside the build's."""
    build.render_as_of(ws / "store.db", tmp_path / "afresh")
    return {p.name: p.read_bytes() for p in sorted((tmp_path / "afresh").iterdir())}


def outputs(ws: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((ws / "out").iterdir())}


@pytest.mark.parametrize("spoil", [pieces_truncated, pieces_of_another_store,
                                   pieces_of_the_store_before_a_rebuild])
def test_pieces_that_are_not_current_are_not_used(
        workspace: Path, tmp_path: Path, spoil: Callable[[Path, Path], None]) -> None:
    """After spoilt pieces and one deleted article, the outputs are those the log gives."""
    run(workspace)
    spoil(workspace, tmp_path)
    sorted((workspace / "seeds").iterdir())[0].unlink()
    run(workspace, days=2)
    assert outputs(workspace) == rendered_afresh(workspace, tmp_path)


def test_a_new_article_renders_only_the_entries_it_revises(
        workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build after one more article renders the JSON object of each entry it revised
    and no other, and its outputs are byte for byte those the log gives afresh; the
    pieces file is left as it was (a few pieces are cheaper to make again than to keep)."""
    from timeline.emit import jsonfeed

    held_back = sorted((workspace / "seeds").iterdir())[2]
    kept = held_back.read_bytes()
    held_back.unlink()
    run(workspace)
    held_back.write_bytes(kept)
    pieces_before = pieces_of_entries(workspace)
    rendered = []
    event = jsonfeed.event
    monkeypatch.setattr(jsonfeed, "event", lambda e: rendered.append(e.uid) or event(e))
    report = run(workspace, days=1)
    assert report.revisions and len(rendered) == len(set(rendered)) <= report.revisions
    assert outputs(workspace) == rendered_afresh(workspace, tmp_path)
    assert pieces_of_entries(workspace) == pieces_before


def test_pieces_are_kept_again_once_a_render_made_many(
        workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the bound of pieces made again, the render's pieces replace those kept: the
    next build finds the new article's among them."""
    from timeline import publish

    monkeypatch.setattr(publish, "REMADE_AT_MOST", 0)
    held_back = sorted((workspace / "seeds").iterdir())[2]
    kept = held_back.read_bytes()
    held_back.unlink()
    run(workspace)
    pieces_before = pieces_of_entries(workspace)
    held_back.write_bytes(kept)
    run(workspace, days=1)
    pieces_after = pieces_of_entries(workspace)
    assert all(pieces_after[name] != pieces_before[name] for name in pieces_before)
    assert outputs(workspace) == rendered_afresh(workspace, tmp_path)


def test_values_pickled_by_their_fields_come_back_equal(workspace: Path) -> None:
    """The state's values are pickled as calls of their classes (`pickled_by_fields`):
    a snapshot's state is the state that was saved, value for value."""
    run(workspace)
    with EventLog(workspace / "store.db") as log:
        state = projections.replay(log.records())
    again = pickle.loads(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == state
    entry = next(iter(state.entries.values()))
    assert type(entry).__reduce__(entry)[0] is type(entry)


def test_a_class_whose_init_converts_is_not_pickled_by_its_fields() -> None:
    @attrs.frozen
    class Converted:
        names: tuple[str, ...] = attrs.field(converter=tuple)

    with pytest.raises(TypeError, match="Converted"):
        pickled_by_fields(Converted)


def test_a_render_holds_no_more_than_two_outputs_pieces(
        workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each output's pieces are read for its render and let go once it is written (the
    next output renders meanwhile): a cold build holds the pieces of two outputs of
    entries at most, not of all four; the pieces file of earlier versions goes once
    pieces are kept."""
    from timeline import publish

    (workspace / "store.db.pieces").write_bytes(b"all outputs' pieces, as kept before\n")
    held: set[str] = set()
    most = []
    cached, done = publish.cached, publish.OutputPieces.done

    def counted_read(path: Path, *args: object) -> object:
        if not path.name.endswith(".png"):  # the chart's one piece, read to prepare it
            held.add(path.name)
            most.append(len(held))
        return cached(path, *args)  # type: ignore[arg-type]

    def counted_done(self: publish.OutputPieces, output: str) -> None:
        done(self, output)
        held.discard(publish.pieces_path(self.store, output).name)

    monkeypatch.setattr(publish, "cached", counted_read)
    monkeypatch.setattr(publish.OutputPieces, "done", counted_done)
    run(workspace)
    assert most and max(most) <= 2 and not held
    assert not (workspace / "store.db.pieces").exists() and len(pieces_files(workspace)) == 5
