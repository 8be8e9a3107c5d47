"""Benchmark of `timeline build` against the floor, in one run (issues 7 and 14).

For each corpus size N (synthetic articles from generate.py, fixed seed) it times, each
build a separate `timeline build` process, as cron runs it:

- the **floor** (issue 14): one process, one core, that lists and reads every article,
  decodes it, and counts the matches of one pass of one combined regular expression of
  every event type's trigger words and the shapes of dates, nothing more. It is
  `../shared/bench/floor.py DIR` when that file is beside the project (the floor as the
  issue measures it), and `floor_scan` here (the same work, the pattern built from the
  rule files) in any case; the ratios use the first;
- issue 7's floor, printed to show the change: the same reading, then the project's date
  tagger over every article, resolving every value, and the trigger words;
- a **cold build** (empty store and out/), reported as wall time, articles/s and MB/s;
- the floor again ("floor after cold"): the cold build's minute of both cores at full
  load leaves this machine slower for a while, so the no-op and one-article builds that
  follow it are set against this floor, the cold build against the first (both printed);
- a **no-op rebuild** (nothing changed: it must not read the articles);
- a rebuild after **adding one article**;
- a rebuild after **editing one rule** (a comment appended to a copy of the rules folder:
  the rule fingerprint changes, so every article is extracted again);
- **peak memory** of each build: ru_maxrss of the build process and its worker processes
  (os.wait4, the largest single process), and the peak of the process tree's summed PSS
  (proportional set size, sampled every 0.2 s from /proc, so pages shared by forked
  workers are counted once).

Floors and builds run with the articles in the page cache (the corpus was just written
or read), so the comparison is CPU against CPU. It prints a Markdown table and the
acceptance checks of issue 14 (cold <= 4x floor, no-op <= 0.25x, one new article <=
0.5x, peak memory <= 300 MB, cold time per article growing <= 10% from the smallest N to
the largest).

    .venv/bin/python benchmarks/build_bench.py --sizes 5000,20000,80000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402 - a sibling script, not a package

SAMPLE_EVERY = 0.2  # seconds between two samples of the build's process tree (memory, CPU)
LIMITS = {"cold": 4.0, "noop": 0.25, "add_one": 0.5}  # x the floor's time (issue 14)
MEMORY_LIMIT_MB = 300
# The floor as the issue measures it, run when it is there (it lives beside the project).
SHARED_FLOOR = ROOT.parent / "shared" / "bench" / "floor.py"
LINEAR_SLACK = 1.10  # per-article time may grow 10% (noise) and still count as linear


@dataclass(frozen=True)
class Run:
    """One measured process."""

    seconds: float
    cpu_seconds: float  # user + system time of the whole process tree
    max_rss_mb: float  # the largest single process (the build or one of its workers)
    peak_pss_mb: float  # the whole process tree at its peak, shared pages counted once
    exit_code: int
    output: str


@dataclass(frozen=True)
class SizeResult:
    articles: int
    megabytes: float
    entries: int
    load: float  # the 1-minute load average when this size started: others' work
    floor: Run  # the floor the ratios use: the shared floor.py, else floor_scan
    floor_scan: Run  # the same work in-process (`floor_scan`)
    floor_tagger: Run  # issue 7's floor: the project's date tagger, resolving every value
    cold: Run
    noop: Run
    add_one: Run
    rule_edit: Run
    # The floor again, just after the cold build: its minute of both cores at full load
    # leaves this machine slower for a while (a floor of 2.56-2.63 s takes 2.78-2.91 s
    # after 40 s of such load), so the builds that follow it are set against this one.
    floor_after: Run | None = None

    @property
    def peak_mb(self) -> float:
        builds = (self.cold, self.noop, self.add_one, self.rule_edit)
        return max(r.peak_pss_mb for r in builds)

    def floor_of(self, name: str) -> Run:
        """The floor a build is set against: the last one measured before it."""
        return self.floor if name == "cold" or self.floor_after is None else self.floor_after

    def ratio(self, name: str) -> float:
        run: Run = getattr(self, name)
        return run.seconds / self.floor_of(name).seconds


# -- measuring one process --------------------------------------------------------------------

def measure(command: Sequence[str], cwd: Path = ROOT) -> Run:
    """Run `command`, timing it and watching the memory of its process tree."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT)
        peak = _Sampler(process.pid)
        peak.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        peak.stop()
        output.seek(0)
        text = output.read().decode("utf-8", errors="replace")
    return Run(seconds, peak.cpu_seconds(), usage.ru_maxrss / 1024, peak.peak_kb / 1024,
               process.returncode, text)


class _Sampler(threading.Thread):
    """Samples the summed PSS of a process and all its descendants until stopped, and
    the CPU time each of them has used (the last 0.2 s of each may be missed)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb = pid, 0
        self.ticks: dict[int, int] = {}
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            tree = _tree(self.pid)
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in tree))
            for pid in tree:
                self.ticks[pid] = max(self.ticks.get(pid, 0), _cpu_ticks(pid))
            self._done.wait(SAMPLE_EVERY)

    def stop(self) -> None:
        self._done.set()
        self.join()

    def cpu_seconds(self) -> float:
        return sum(self.ticks.values()) / os.sysconf("SC_CLK_TCK")


def _cpu_ticks(pid: int) -> int:
    """utime + stime of one process (not of its children), in clock ticks."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def _tree(pid: int) -> list[int]:
    """`pid` and its descendants, from /proc/PID/task/TID/children."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo += [int(child) for child in handle.read().split()]
        except OSError:
            continue  # it just ended
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


# -- the floors -------------------------------------------------------------------------------

# The shapes of dates the scan floor looks for: a day and a month either way round, a
# four-digit year, a relative day or period. Month names come from the rules' vocabulary.
SHAPES = (r"\d{{1,2}}\s+{months}\b|{months}\s+\d{{1,2}}\b|\d{{4}}\b|"
          r"(?:yesterday|today|tomorrow|(?:last|next|this)\s+(?:week|month|year))\b")


def alternation(words: set[str]) -> str:
    """Words as one regular expression that shares their prefixes ("me(?:et(?:ing)?|t )"):
    Python's engine then tries one branch per letter, not one per word."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        alternatives = [re.escape(letter) + branch(child)
                        for letter, child in sorted(node.items()) if letter]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if "" in node else body

    return branch(trie)


def scan_pattern(rules_dir: Path) -> re.Pattern[str]:
    """One regular expression of every event type's trigger words and the shapes of dates,
    read from the rule files with nothing but tomllib."""
    import tomllib

    triggers: set[str] = set()
    months: set[str] = set()
    for path in sorted(rules_dir.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        triggers.update(w for t in data.get("event_type", []) for w in t.get("triggers", []))
        months.update(w for v in data.get("date_vocabulary", []) if v.get("name") == "month"
                      for w in v.get("words", {}))
    # One leading word boundary: most positions fail at once, as in any word scanner.
    return re.compile(r"\b(?:" + alternation(triggers) + "|"
                      + SHAPES.format(months=alternation(months)) + ")", re.IGNORECASE)


def floor_scan(seeds: Path, rules_dir: Path) -> dict[str, int]:
    """The floor of issue 14: list and read every article, decode it, and count the matches
    of one pass of one combined regular expression (trigger words and date shapes)."""
    pattern = scan_pattern(rules_dir)
    counts = {"articles": 0, "bytes": 0, "matches": 0}
    for path in sorted(seeds.glob("*.txt")):
        data = path.read_bytes()
        counts["matches"] += sum(1 for _ in pattern.finditer(data.decode("utf-8", "replace")))
        counts["articles"] += 1
        counts["bytes"] += len(data)
    return counts


def floor(seeds: Path, rules_dir: Path) -> dict[str, int]:
    """The floor of issue 7 (kept to show the change): read every article once and run
    the project's date tagger over it, resolving every value, and the trigger words."""
    from timeline import dates
    from timeline.rules import load_rules

    rules = load_rules(rules_dir)
    tagger = dates.compile(rules)
    words = sorted({w for t in rules.section("event_type") for w in t.triggers},
                   key=lambda w: (-len(w), w))
    triggers = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    counts = {"articles": 0, "bytes": 0, "dates": 0, "triggers": 0}
    for path in sorted(seeds.glob("*.txt")):
        data = path.read_bytes()
        text = data.decode("utf-8", errors="replace")
        counts["dates"] += len(tagger.tag(text, None))
        counts["triggers"] += sum(1 for _ in triggers.finditer(text))
        counts["articles"] += 1
        counts["bytes"] += len(data)
    return counts


# -- one corpus size --------------------------------------------------------------------------

def corpus(work: Path, n: int, seed: int) -> tuple[Path, int]:
    """The N generated articles (written once, kept between runs), and their bytes."""
    folder = work / f"corpus-{n}-{seed}"
    marker = folder / ".complete"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        size = generate.write(folder, n, seed)
        marker.write_text(str(size))
    for extra in folder.glob(f"{n:06d}_*.txt"):  # the article a previous run added
        extra.unlink()
    return folder, int(marker.read_text())


def bench_size(n: int, seed: int, work: Path, command: Sequence[str], rules: Path,
               log: Path | None) -> SizeResult:
    seeds, size = corpus(work, n, seed)
    load = os.getloadavg()[0]
    run_dir = work / f"run-{n}"
    shutil.rmtree(run_dir, ignore_errors=True)
    shutil.copytree(rules, run_dir / "rules")
    build = [*command, "build", "-v", "--seeds", str(seeds), "--rules", str(run_dir / "rules"),
             "--out", str(run_dir / "out"), "--store", str(run_dir / "store.db")]
    results: dict[str, Run] = {}

    def step(name: str, command: Sequence[str]) -> None:
        results[name] = run = measure(command)
        _report(log, n, name, run)
        if run.exit_code != 0:
            raise SystemExit(f"{name} build of {n} articles failed:\n{run.output}")

    scan_floor = [sys.executable, __file__, "floor-scan", str(seeds), str(run_dir / "rules")]
    floor = ([sys.executable, str(SHARED_FLOOR), str(seeds)] if SHARED_FLOOR.exists()
             else scan_floor)
    step("floor_scan", scan_floor)
    step("floor_tagger", [sys.executable, __file__, "floor", str(seeds), str(run_dir / "rules")])
    if floor is scan_floor:
        results["floor"] = results["floor_scan"]
    else:
        step("floor", floor)
    step("cold", build)
    step("floor_after", floor)
    step("noop", build)
    extra = next(generate.generate(1, seed + 1_000_003))
    (seeds / f"{n:06d}_{extra.name.split('_', 1)[1]}").write_text(extra.text, encoding="utf-8")
    step("add_one", build)
    first_rule_file = sorted((run_dir / "rules").glob("*.toml"))[0]
    with first_rule_file.open("a", encoding="utf-8") as handle:
        handle.write("\n# benchmark: a comment, so the rule fingerprint changes\n")
    step("rule_edit", build)
    events = json.loads((run_dir / "out" / "timeline.json").read_text())["events"]
    return SizeResult(n, size / 1e6, len(events), load, **results)


def _report(log: Path | None, n: int, name: str, run: Run) -> None:
    line = (f"{n:>6} {name:<9} {run.seconds:8.2f} s  cpu {run.cpu_seconds:8.2f} s  "
            f"rss {run.max_rss_mb:6.0f} MB  pss {run.peak_pss_mb:6.0f} MB  "
            f"{run.output.strip().splitlines()[-1:]}")
    print(line, file=sys.stderr, flush=True)
    if log is not None:
        with log.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({"n": n, "run": name, **asdict(run)}) + "\n")


# -- the report -------------------------------------------------------------------------------

def table(results: Sequence[SizeResult]) -> str:
    head = ("| articles | MB | floor s (CPU s) | floor after cold s | scan floor s "
            "| tagger floor s | cold s (CPU s) | cold/floor | articles/s | MB/s "
            "| no-op s | no-op/floor | +1 article s | +1/floor | rule edit s "
            "| peak MB (tree PSS) | peak MB (largest process) | entries | load |")
    lines = [head, "|" + "---:|" * (head.count("|") - 1)]
    for r in results:
        largest = max(x.max_rss_mb for x in (r.cold, r.noop, r.add_one, r.rule_edit))
        lines.append(
            f"| {r.articles:,} | {r.megabytes:.1f} "
            f"| {r.floor.seconds:.2f} ({r.floor.cpu_seconds:.1f}) "
            f"| {r.floor_of('add_one').seconds:.2f} "
            f"| {r.floor_scan.seconds:.2f} | {r.floor_tagger.seconds:.1f} "
            f"| {r.cold.seconds:.1f} ({r.cold.cpu_seconds:.1f}) | {r.ratio('cold'):.2f} "
            f"| {r.articles / r.cold.seconds:,.0f} | {r.megabytes / r.cold.seconds:.2f} "
            f"| {r.noop.seconds:.2f} | {r.ratio('noop'):.2f} "
            f"| {r.add_one.seconds:.2f} | {r.ratio('add_one'):.2f} "
            f"| {r.rule_edit.seconds:.1f} | {r.peak_mb:.0f} | {largest:.0f} | {r.entries:,} "
            f"| {r.load:.1f} |")
    return "\n".join(lines)


def acceptance(results: Sequence[SizeResult]) -> str:
    """Issue 14's checks, at 20,000 articles when measured, else at the largest N."""
    at = next((r for r in results if r.articles == 20_000), results[-1])
    lines = [f"Acceptance at {at.articles:,} articles:", ""]
    for name, limit in LIMITS.items():
        ratio = at.ratio(name)
        run: Run = getattr(at, name)
        floor = at.floor_of(name)
        in_cpu = (f"{run.cpu_seconds / floor.cpu_seconds:.2f}x" if floor.cpu_seconds
                  else "not measurable (the floor took no CPU time to count)")
        against = ("" if floor is at.floor else
                   f" measured after the cold build ({floor.seconds:.2f} s;"
                   f" {run.seconds / at.floor.seconds:.2f}x the first, {at.floor.seconds:.2f} s)")
        lines.append(f"- {name}: {ratio:.2f}x floor{against} (limit {limit}x): "
                     f"{'PASS' if ratio <= limit else 'FAIL'}; in CPU time {in_cpu}")
    lines.append(f"- peak memory: {at.peak_mb:.0f} MB (limit {MEMORY_LIMIT_MB} MB): "
                 f"{'PASS' if at.peak_mb <= MEMORY_LIMIT_MB else 'FAIL'}")
    if len(results) > 1:
        small, large = results[0], results[-1]
        per_small = small.cold.seconds / small.articles
        per_large = large.cold.seconds / large.articles
        exponent = (math.log(large.cold.seconds / small.cold.seconds)
                    / math.log(large.articles / small.articles))
        cpu_growth = ((large.cold.cpu_seconds / large.articles)
                      / (small.cold.cpu_seconds / small.articles))
        lines.append(f"- growth {small.articles:,} -> {large.articles:,}: time per article "
                     f"x{per_large / per_small:.2f}, exponent {exponent:.2f} "
                     f"(linear: x <= {LINEAR_SLACK}): "
                     f"{'PASS' if per_large / per_small <= LINEAR_SLACK else 'FAIL'}; "
                     f"CPU time per article x{cpu_growth:.2f}")
    return "\n".join(lines)


def machine() -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}, "
            f"commit {commit}, load average before the run {load}")


def compile_bytecode(command: Sequence[str]) -> str:
    """Compile the modules of the timeline that `command` runs to bytecode, as `pip
    install` does for a package, and say so. An editable install under
    PYTHONDONTWRITEBYTECODE (this machine sets it) never keeps any, and every build
    would compile timeline's source again: a tenth of a second of one build."""
    python = Path(command[0]).with_name("python") if len(command) == 1 else Path(command[0])
    found = subprocess.run([str(python), "-c", "import timeline, os; "
                            "print(os.path.dirname(timeline.__file__))"],
                           capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([str(python), "-m", "compileall", "-q", found], check=True)
    return f"timeline's modules in {found} compiled to bytecode first, as pip installs them"


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["floor"]:
        print(json.dumps(floor(Path(argv[1]), Path(argv[2]))))
        return
    if argv[:1] == ["floor-scan"]:
        print(json.dumps(floor_scan(Path(argv[1]), Path(argv[2]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5000,20000,80000",
                        help="comma-separated corpus sizes (default: 5000,20000,80000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "timeline-bench",
                        help="where corpora, stores and outputs go (corpora are kept)")
    parser.add_argument("--rules", type=Path, default=ROOT / "rules")
    parser.add_argument("--command", default=str(Path(sys.executable).parent / "timeline"),
                        help="the timeline command to benchmark")
    parser.add_argument("--log", type=Path, help="append every run as a JSON line here")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    header = f"{machine()}; {compile_bytecode(args.command.split())}"
    results = [bench_size(int(n), args.seed, args.work, args.command.split(), args.rules,
                          args.log) for n in args.sizes.split(",")]
    print(f"{header}\n\n`{' '.join(['benchmarks/build_bench.py', *argv])}`\n")
    print(table(results))
    print()
    print(acceptance(results))


if __name__ == "__main__":
    main()
