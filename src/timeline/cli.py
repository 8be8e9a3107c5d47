"""The command line: the only module that prints, reads the clock, or exits."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from timeline import __version__, build, readers, serial
from timeline.errors import TimelineError, UsageError
from timeline.eventlog import DocumentExtracted, EntryRevised, EventLog
from timeline.model import DateValue, Document
from timeline.ruleset import RuleSet

# The rules, the date engine and the diagnostics are imported by the commands that use
# them: cron's nightly `timeline build` with nothing to do must not pay for them.

EXIT_CODES = """exit codes:
  0   success
  1   the build ran, but some articles were skipped (their paths and reasons on stderr)
  2   usage error (bad flags or arguments)
  3   bad rule file (file, key path and fix on stderr); nothing was written
  4   bad store (not a timeline log, corrupted, or from a newer version); nothing was written
  75  another build holds the lock (retry later, or pass --wait)
"""
DEFAULT_STORE = Path(".timeline/store.db")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except TimelineError as error:
        print(f"timeline: {error}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:  # `timeline dates FILE | head`: the reader has had enough
        sys.stderr.close()
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline", epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Turn a folder of news articles into a trustworthy chronology.")
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    _add_build(commands)
    _add_rebuild(commands)
    _add_dates(commands)
    _add_explain(commands)
    _add_rules(commands)
    _add_log(commands)
    return parser


def _command(commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str,
             text: str) -> argparse.ArgumentParser:
    return commands.add_parser(name, help=text, description=text, epilog=EXIT_CODES,
                               formatter_class=argparse.RawDescriptionHelpFormatter)


def _add_build(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = _command(commands, "build", "Read new articles, append to the event log, refresh out/.")
    cmd.add_argument("--seeds", type=Path, default=Path("seeds"), help="articles folder (*.txt)")
    cmd.add_argument("--rules", type=Path, default=Path("rules"), help="rule files folder")
    cmd.add_argument("--out", type=Path, default=Path("out"), help="outputs folder")
    cmd.add_argument("--store", type=Path, default=DEFAULT_STORE,
                     help=f"event log (SQLite; default {DEFAULT_STORE})")
    cmd.add_argument("--wait", action="store_true",
                     help="wait for another build to finish instead of exiting with 75")
    cmd.add_argument("--as-of", metavar="DATE|POSITION",
                     help="write the outputs as they were at a log position or an ISO date "
                          "and time (UTC); reads no article and appends nothing")
    cmd.add_argument("--commemorations", action="store_true",
                     help="add one yearly recurring event per commemorated date to the feed")
    cmd.add_argument("--chronicle-type", action="append", default=[], metavar="TYPE",
                     help="also write out/chronicle-TYPE.md with that event type only")
    cmd.add_argument("--chronicle-of", action="append", default=[], metavar="NAME",
                     help="also write out/chronicle-NAME.md with that participant's events")
    cmd.add_argument("-v", "--verbose", action="count", default=0,
                     help="print a one-line summary (-vv: and every extraction note)")
    cmd.set_defaults(run=_run_build)


def _run_build(args: argparse.Namespace) -> int:
    if args.as_of:
        position, moment = _parse_as_of(args.as_of)
        written = build.render_as_of(args.store, args.out, position, moment)
        if args.verbose:
            print(f"as of {args.as_of}: {len(written)} outputs written")
        return 0
    options = build.OutputOptions(args.commemorations, tuple(args.chronicle_type),
                                  tuple(args.chronicle_of))
    progress = _Progress() if sys.stderr.isatty() else None  # nothing under cron
    try:
        report = build.build(args.seeds, args.rules, args.out, args.store, _utc_now(),
                             args.wait, options=options, progress=progress)
    finally:
        if progress is not None:
            progress.close()
    for problem in report.skipped:
        print(f"timeline: skipped {problem}", file=sys.stderr)
    for name in report.years_uncertain:  # said once, when the article is read
        print(f"timeline: warning: {name}: its dateline has no year and its own dates "
              "disagree on one; its events are marked year-uncertain (to settle it, add a "
              "first line ` date YYYY-MM-DD`)", file=sys.stderr)
    if args.verbose > 1:  # notes are for rule authors; cron's mail gets the summary
        for note in report.notes:
            print(f"timeline: note: {note}", file=sys.stderr)
    if args.verbose:
        print(report.summary())
    return 1 if report.skipped else 0


class _Progress:
    """One line on the terminal, redrawn: how many articles are read, how fast, how long
    is left. Drawn only when a build has at least PARALLEL_FROM articles to read."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if total < build.PARALLEL_FROM:
            return
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        left = f", {(total - done) / rate:.0f} s left" if rate and done < total else ""
        width = 30
        bar = "#" * (width * done // total)
        sys.stderr.write(f"\r[{bar:<{width}}] {done:,}/{total:,} articles, "
                         f"{rate:,.0f}/s{left}\x1b[K")
        sys.stderr.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            sys.stderr.write("\r\x1b[K")  # the summary and any errors print on a clean line
            sys.stderr.flush()


def _add_rebuild(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = _command(commands, "rebuild",
                   "Set the store aside (renamed, never deleted) and build a new one from the "
                   "articles.")
    for flag, default in (("--seeds", "seeds"), ("--rules", "rules"), ("--out", "out")):
        cmd.add_argument(flag, type=Path, default=Path(default))
    cmd.add_argument("--store", type=Path, default=DEFAULT_STORE)
    cmd.add_argument("-v", "--verbose", action="count", default=0,
                     help="print a one-line summary (-vv: and every extraction note)")
    cmd.set_defaults(run=_run_rebuild, wait=False, as_of=None, commemorations=False,
                     chronicle_type=[], chronicle_of=[])


def _run_rebuild(args: argparse.Namespace) -> int:
    now = _utc_now()
    kept = build.set_store_aside(args.store, now)
    if kept and args.verbose:
        print(f"old store kept as {kept}")
    return _run_build(args)


def _parse_as_of(text: str) -> tuple[int | None, dt.datetime | None]:
    if text.isdigit():
        return int(text), None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise UsageError("--as-of", f"{text!r} is neither a log position nor an ISO date",
                         "pass e.g. --as-of 42 or --as-of 2026-11-20T06:00") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    if len(text) == 10:  # a bare date means the end of that day
        moment += dt.timedelta(days=1, microseconds=-1)
    return None, moment


def _utc_now() -> dt.datetime:
    """The one place the clock is read: it stamps the records a build appends."""
    return dt.datetime.fromtimestamp(time.time(), dt.UTC).replace(microsecond=0)


def _add_dates(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = _command(commands, "dates", "Print every time expression of FILE as JSON lines.")
    cmd.add_argument("file", type=Path, metavar="FILE")
    cmd.add_argument("--dct", help="document date YYYY-MM-DD (default: the article's own date)")
    cmd.add_argument("--rules", type=Path, default=Path("rules"), help="rule files folder")
    cmd.add_argument("--explain", action="store_true", help="add the rule behind each value")
    cmd.set_defaults(run=_run_dates)


def _run_dates(args: argparse.Namespace) -> int:
    from timeline import dates

    tagger = dates.compile(_load_rules(args.rules))
    text = _read_document(args.file).text
    if args.dct:
        try:
            dct: DateValue | None = DateValue.day(dt.date.fromisoformat(args.dct))
        except ValueError:
            raise UsageError("--dct", f"{args.dct!r} is not a date",
                             "pass it as YYYY-MM-DD") from None
    else:
        dct = tagger.article_date(text).date
    for expr in tagger.tag(text, dct):
        line = {"start": expr.start, "end": expr.end, "text": expr.text, "value": expr.value}
        if args.explain:
            line["rule"] = expr.rule
        print(json.dumps(line, ensure_ascii=False))
    return 0


def _load_rules(folder: Path) -> RuleSet:
    from timeline.rules import load_rules  # see the note at the imports

    return load_rules(folder)


def _read_document(path: Path) -> Document:
    """An article named on the command line, read as a build would read it."""
    return readers.read_article(readers.ArticleFile(path.name, path, 0, 0))


def _add_explain(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = _command(commands, "explain",
                   "Show every observation of ARTICLE with its rule and span, and why trigger "
                   "sentences produced nothing.")
    cmd.add_argument("article", type=Path, metavar="ARTICLE")
    cmd.add_argument("--rules", type=Path, default=Path("rules"), help="rule files folder")
    cmd.set_defaults(run=_run_explain)


def _run_explain(args: argparse.Namespace) -> int:
    from timeline import diagnose

    rules = _load_rules(args.rules)
    document = _read_document(args.article)
    print(diagnose.explain(document, rules))
    return 0


def _add_rules(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = _command(commands, "rules", "Check the rule files.")
    sub = cmd.add_subparsers(required=True, metavar="ACTION")
    test = sub.add_parser("test", help="run every rule's inline examples")
    test.add_argument("--rules", type=Path, default=Path("rules"), help="rule files folder")
    test.set_defaults(run=_run_rules_test)
    stats = sub.add_parser("stats", help="per rule: how often it fired, overlapped, conflicted")
    stats.add_argument("folder", type=Path, metavar="DIR", help="articles folder")
    stats.add_argument("--rules", type=Path, default=Path("rules"), help="rule files folder")
    stats.set_defaults(run=_run_rules_stats)


def _run_rules_test(args: argparse.Namespace) -> int:
    from timeline import diagnose

    report = diagnose.run_rule_tests(_load_rules(args.rules))
    print(report.render())
    return 0 if report.ok else 1


def _run_rules_stats(args: argparse.Namespace) -> int:
    from timeline import diagnose

    rules = _load_rules(args.rules)
    files, problems = readers.list_articles(args.folder)
    for problem in problems:
        print(f"timeline: skipped {problem}", file=sys.stderr)
    documents = []
    for file in files:
        try:
            documents.append(readers.read_article(file))
        except TimelineError as problem:
            print(f"timeline: skipped {problem}", file=sys.stderr)
    print(diagnose.rule_stats(documents, rules))
    return 0


def _add_log(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = _command(commands, "log", "Show what the event log holds, one record a line.")
    cmd.add_argument("--store", type=Path, default=DEFAULT_STORE, help="event log")
    cmd.add_argument("--json", action="store_true", help="one JSON object a record")
    cmd.set_defaults(run=_run_log)


def _run_log(args: argparse.Namespace) -> int:
    with EventLog(args.store, create=False) as log:
        for record in log.records():
            if args.json:
                print(json.dumps({"position": record.position,
                                  "recorded": record.recorded.isoformat(),
                                  "kind": record.kind,
                                  "payload": serial.converter.unstructure(record.payload)},
                                 ensure_ascii=False, sort_keys=True))
            else:
                print(f"{record.position:>6}  {record.recorded.isoformat()}  {record.kind:<19}"
                      f"  {_describe(record.payload)}")
    return 0


def _describe(payload: object) -> str:
    if isinstance(payload, DocumentExtracted):
        return (f"{payload.document}: {len(payload.observations)} observations "
                f"(rules {payload.rules}, date {payload.article_date and payload.article_date.iso}"
                f" by {payload.date_basis})")
    if isinstance(payload, EntryRevised):
        state = "cancelled" if payload.cancelled else payload.content.status
        return f"{payload.uid} #{payload.sequence} {state}: {payload.content.title}"
    return str(getattr(payload, "document", payload))


if __name__ == "__main__":
    sys.exit(main())
