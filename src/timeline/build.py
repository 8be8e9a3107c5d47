"""`timeline build`: articles and rules in, event log appended, outputs refreshed.

The only module that drives the stages. The order is what makes a nightly cron run safe:
rules are checked before anything is written; one build at a time holds the lock; new
observations are appended in transactions; entry revisions are appended last, in one
transaction; outputs are written atomically and only when their bytes change.

What makes a nightly run cheap: a build with nothing to do is told so by `unchanged`
(a listing and the log's document table) before the rules are parsed or extraction is
imported; an article whose size and mtime are those the log recorded is not opened; the
log's projection is cached beside the store (`statecache`), so only records appended since
are decoded and, when there are none, nothing is clustered; outputs are not rendered
again for a log they were rendered from.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import itertools
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from timeline import emit, memo, projections, readers, scope, statecache
from timeline.errors import ArticleError
from timeline.eventlog import (
    DocumentExtracted,
    DocumentTouched,
    DocumentWithdrawn,
    EventLog,
    Record,
)
from timeline.publish import (
    atomic_file,
    pieces_paths,
    remove_temporaries,
    write_from_pieces,
    write_outputs,
)
from timeline.revisions import reconcile
from timeline.ruleset import RuleSet, fingerprint
from timeline.unchanged import locked, manifest_path, outputs_current, outputs_key, survey

if TYPE_CHECKING:
    from timeline import extract

BATCH = 200  # articles per log transaction: large enough to be cheap, small to lose little
PARALLEL_FROM = 64  # fewer changed articles than this are not worth starting processes for


@attrs.frozen
class OutputOptions:
    """Optional outputs: yearly commemorations in the feed, chronicles per type or actor."""

    commemorations: bool = False
    chronicle_types: tuple[str, ...] = ()
    chronicle_participants: tuple[str, ...] = ()

    def names(self) -> list[str]:
        """The files the outputs are written to, in order."""
        return [name for name, _ in self.renderers(None)]

    def renderers(self, rules: RuleSet | None) -> tuple[tuple[str, emit.Render], ...]:
        dates = {c.name: c.date for c in rules.section("commemoration")} if rules else {}
        outputs = list(emit.outputs(commemorations=dates if self.commemorations else None))
        outputs += [(f"chronicle-{_slug(t)}.md", emit.chronicle_of(type=t))
                    for t in self.chronicle_types]
        outputs += [(f"chronicle-{_slug(p)}.md", emit.chronicle_of(participant=p))
                    for p in self.chronicle_participants]
        return tuple(outputs)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unnamed"


@attrs.frozen
class BuildReport:
    """What a build did, for `-v` and for cron's mail."""

    articles: int
    read: int
    skipped: tuple[ArticleError, ...]
    observations: int
    withdrawn: int
    revisions: int
    written: tuple[str, ...]
    notes: tuple[str, ...]
    # Articles read now whose dateline gives no year and whose own dates disagree on it.
    years_uncertain: tuple[str, ...] = ()

    def summary(self) -> str:
        return (f"{self.articles} articles, {self.read} read, {len(self.skipped)} skipped, "
                f"{self.observations} new observations, {self.withdrawn} withdrawn, "
                f"{self.revisions} entries changed, {len(self.written)} outputs written")


Progress = Callable[[int, int], None]  # (articles done, articles to read)


def build(seeds: Path, rules_dir: Path, out: Path, store: Path, now: dt.datetime,
          wait: bool = False, jobs: int | None = None,
          options: OutputOptions = OutputOptions(),
          progress: Progress | None = None) -> BuildReport:
    """One build. `now` stamps the records appended; it is never read from the clock here.

    `jobs` is the number of processes that read and extract (default: one per core);
    `progress` is told how far reading has come after each transaction.
    """
    with locked(store, wait):
        files, skipped = readers.list_articles(seeds)
        known = survey(files, skipped, rules_dir, out, store, options.names())
        if known.current:
            # The night's usual case, told without parsing the rules or decoding a record.
            return BuildReport(len(files), 0, (), 0, 0, 0, (), ())
        from timeline.emit import painter  # see `_compile`

        # A build that reads a few articles leaves a core idle: if the chart must be
        # drawn again, it is drawn there meanwhile. (Many articles keep both busy.)
        few = known.changed is not None and known.changed < PARALLEL_FROM
        with painter.running(few and "timeline.png" in options.names() and jobs != 1):
            return _build(files, skipped, rules_dir, out, store, now, jobs, options, progress)


def _build(files: tuple[readers.ArticleFile, ...], skipped: tuple[ArticleError, ...],
           rules_dir: Path, out: Path, store: Path, now: dt.datetime, jobs: int | None,
           options: OutputOptions, progress: Progress | None) -> BuildReport:
    """A build with something to do, under the lock, from the folder's listing."""
    rules, extractor = _compile(rules_dir, store)  # a bad rule stops it before any write
    with EventLog(store) as log:
        cached = statecache.snapshot(store, log)
        before = statecache.reconciled(store, log, cached)
        state = projections.replay(log.records(after=before.position), before)
        todo = [w for f in files if (w := _work(f, state, rules.fingerprint)) is not None]
        results = _process_all(todo, rules, extractor, jobs)
        results_appended = _append_results(log, results, now, len(todo), progress)
        _remember(store, rules)  # what compiling and extracting worked out, once
        memo.forget()  # the rest of the build compiles no rule
        appended, problems = results_appended.records, results_appended.problems
        # An article that is there but cannot be read now keeps what it said before.
        present = {f.name for f in files} | {Path(p.where).name for p in (*skipped, *problems)}
        gone = [DocumentWithdrawn(n) for n in sorted(state.documents.keys() - present)]
        appended += log.append(gone, now)
        state = projections.replay(appended, state)
        # `before` is reconciled: only what changed after it can call for revisions.
        grew = state.position != before.position
        revisions = (reconcile(state, scope.scope(state, scope.touched(before, state)))
                     if grew else ())
        state = projections.replay(log.append(revisions, now), state)
        # Folded, the records and the state before them only hold memory: rendering
        # needs the entries alone, so the observations go packed before it starts,
        # and the articles' state once the snapshot is written.
        snapshot_position = cached.position
        del cached, before
        appended.clear()
        digest = log.digest(state.position)
        if grew:
            state = projections.pack(state)
            statecache.save(store, state, digest, snapshot_position)
        timeline = projections.timeline(state)
        del state
        renderers = options.renderers(rules)
        names = [name for name, _ in renderers]
        key = outputs_key(out, digest, names)
        written = (() if outputs_current(store, key, out, names)
                   else write_from_pieces(timeline, out, renderers,
                                          (manifest_path(store), key), log, digest, store))
    return BuildReport(len(files), len(todo) - len(problems), skipped + tuple(problems),
                       results_appended.observations, len(gone), len(revisions), written,
                       tuple(results_appended.notes), tuple(results_appended.years_uncertain))


def _compile(rules_dir: Path, store: Path) -> tuple[RuleSet, extract.Extractor]:
    """The rules read and compiled, helped by what earlier builds kept beside the store
    of the analyses and code of their patterns (`memo`; kept again by `_remember` once
    the articles are read, if this build learnt more)."""
    # Imported here, not above: a build with nothing to do does not pay for them.
    from timeline import extract
    from timeline.rules import load_rules

    # The memo first: what reading the rules checks (their patterns) is remembered too.
    memo.load(memo_path(store), fingerprint(rules_dir))
    rules = load_rules(rules_dir)
    extractor = extract.compile(rules)
    return rules, extractor


def _remember(store: Path, rules: RuleSet) -> None:
    """Keep the memo beside the store if this build learnt anything."""
    if memo.learnt():
        path = memo_path(store)
        remove_temporaries(path.parent, path.name)
        with atomic_file(path) as handle:
            memo.dump(handle, rules.fingerprint)


def memo_path(store: Path) -> Path:
    return store.with_name(store.name + ".memo")


@attrs.define
class _Appended:
    """What appending the extraction results gave: the records appended (to be folded
    once at the end, as they were appended), the articles that could not be read, the
    number of observations, the build's notes and the articles of an uncertain year."""

    records: list[Record] = attrs.Factory(list)
    problems: list[ArticleError] = attrs.Factory(list)
    observations: int = 0
    notes: list[str] = attrs.Factory(list)
    years_uncertain: list[str] = attrs.Factory(list)


def _append_results(log: EventLog, results: Iterator[Result],
                    now: dt.datetime, total: int, progress: Progress | None) -> _Appended:
    """Append the extraction results in transactions of BATCH."""
    out, done = _Appended(), 0
    for batch in _batches(results, BATCH):
        payloads = [r for r in batch if not isinstance(r, ArticleError)]
        out.problems += [r for r in batch if isinstance(r, ArticleError)]
        out.records += log.append(payloads, now)
        # The records live until the build ends; frozen, the cyclic collector stops
        # walking them again at every full collection (1.8 s of a cold build of 20,000
        # articles, taken from the workers' cores). Refcounting still frees them.
        gc.freeze()
        done += len(batch)
        if progress is not None:
            progress(done, total)
        for p in payloads:
            if isinstance(p, DocumentExtracted):
                out.observations += len(p.observations)
                out.notes += [f"{p.document}: {n}" for n in p.notes]
                if p.article_date is not None and p.article_date.year_uncertain:
                    out.years_uncertain.append(p.document)
    return out


Work = tuple[readers.ArticleFile, str | None]
Result = DocumentExtracted | DocumentTouched | ArticleError


def _batches(items: Iterator[Result], size: int) -> Iterator[list[Result]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


def _work(file: readers.ArticleFile, state: projections.LogState, rules: str) -> Work | None:
    """The article to read, with the text hash under which it was last extracted with
    these rules (None: never); no work when its size and mtime are those recorded."""
    known = state.documents.get(file.name)
    if known is None or known.rules != rules:
        return file, None
    if (known.size, known.mtime_ns) == (file.size, file.mtime_ns):
        return None
    return file, known.sha256


def _process_all(todo: list[Work], rules: RuleSet, extractor: extract.Extractor,
                 jobs: int | None) -> Iterator[Result]:
    """Every article's result, in listing order, from one process or several.

    Extraction is a pure function of (document, rules), so the order of results, and
    therefore the log, is the same whichever process read an article. The workers get
    the rule set this build read, not the folder: a rule file saved mid-build cannot
    give one build two rule sets.
    """
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(todo) < PARALLEL_FROM:
        yield from (_process(work, extractor, rules.fingerprint) for work in todo)
        return
    import multiprocessing  # here: most builds read too few articles to start workers
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                             initargs=(rules, os.getpid(), memo.known())) as pool:
        for result, learnt in pool.map(_process_in_worker, todo, chunksize=32):
            memo.adopt(learnt)
            yield result


def _process(work: Work, extractor: extract.Extractor, fingerprint: str) -> Result:
    """Read one article and extract it (or note that only its stat changed)."""
    file, known_hash = work
    try:
        document = readers.read_article(file)
    except ArticleError as problem:
        return problem
    if document.sha256 == known_hash:
        return DocumentTouched(file.name, file.size, file.mtime_ns)
    try:
        with _time_budget(ARTICLE_BUDGET):
            result = extractor.extract(document)
    except _Overrun:
        return ArticleError(str(file.path), f"took more than {ARTICLE_BUDGET:g} s to extract",
                            "a rule pattern backtracks on it: find which with `timeline "
                            "explain`, and make that pattern's repeats possessive (`++`)")
    return DocumentExtracted(
        document=file.name, sha256=document.sha256, size=file.size, mtime_ns=file.mtime_ns,
        rules=fingerprint, article_date=result.article_date.date,
        date_basis=result.article_date.basis, observations=result.observations,
        notes=result.notes)


# Seconds one article's extraction may take: hundreds of times a long article's, so
# only a pattern that backtracks catastrophically on it ever reaches it.
ARTICLE_BUDGET = 10.0


class _Overrun(Exception):
    """An article's extraction ran past its budget."""


@contextlib.contextmanager
def _time_budget(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` of wall-clock time.

    Python's `re` checks for signals while it matches, so a SIGALRM stops a pattern that
    backtracks catastrophically, whatever its shape. Signals reach only the main thread
    (of the build, or of a worker): elsewhere the block runs without a budget.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def overrun(*_: object) -> None:
        raise _Overrun

    previous = signal.signal(signal.SIGALRM, overrun)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_worker: tuple[extract.Extractor, str] | None = None


def _start_worker(rules: RuleSet, build_pid: int, known: dict[memo.Key, object]) -> None:
    global _worker
    from timeline import extract  # see `_compile`

    _exit_with(build_pid)
    memo.learn(known)  # what the build's own compile worked out
    _worker = (extract.compile(rules), rules.fingerprint)
    memo.forget()  # a worker's memo is never kept: 4 MB less in each


def _exit_with(pid: int) -> None:
    """End this worker once the build process is gone (killed by the OOM killer, say).

    Otherwise it waits forever on the pool's queue, whose write end it holds itself, and
    keeps cron's output pipe open: cron waits for it, and workers pile up night by night.
    """
    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os._exit(1)

    threading.Thread(target=watch, name="exit-with-build", daemon=True).start()


def _process_in_worker(work: Work) -> tuple[Result, dict[memo.Key, object]]:
    """The article's result, and what the worker's memo learnt meanwhile (mostly nothing)."""
    assert _worker is not None, "worker started without rules"
    return _process(work, *_worker), memo.fresh()


def set_store_aside(store: Path, now: dt.datetime) -> Path | None:
    """Rename the store (with its SQLite files and snapshot) out of the way, under the lock."""
    if not store.exists():
        return None
    with locked(store):
        kept = store.with_name(f"{store.name}.{now:%Y%m%dT%H%M%S}.old")
        sqlite = [store.with_name(store.name + suffix) for suffix in ("", "-wal", "-shm")]
        for part in (*sqlite, *statecache.paths(store), *pieces_paths(store)):
            if part.exists():
                os.replace(part, kept.with_name(kept.name + part.name[len(store.name):]))
    return kept


def render_as_of(store: Path, out: Path, position: int | None = None,
                 moment: dt.datetime | None = None) -> tuple[str, ...]:
    """Write the outputs as they were at a log position or moment; appends nothing."""
    with EventLog(store, create=False) as log:
        upto = log.position_at(moment) if moment is not None else position
        state = projections.replay(log.records(upto))
    return write_outputs(projections.timeline(state), out, emit.OUTPUTS)
