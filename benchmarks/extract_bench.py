"""Per-article extraction time of this tree against another revision, in one run (issue 12).

Extraction is the part of a build that the rules and the extraction engine decide; the
rest of a build (listing, the log, the outputs) is measured by build_bench.py. This script
times `Extractor.extract` alone, so that a change of rules or of the engine shows its own
cost, free of disk and process start-up:

- the corpus: N synthetic articles of generate.py (fixed seed) plus, when they are beside
  the project, the articles of ../shared/corpus (real wire copy rewritten, much longer);
- each tree (this one and `--against REV`, checked out with `git worktree` into a
  temporary folder) runs in its own Python process with its own `src/` and `rules/`:
  compile the rules, read every article, then extract all of them, `--repeat` times;
- the trees take turns, repeat after repeat, so that a busy spell of the machine slows
  both; each tree's figure is its best CPU time (process time, one core), divided by the
  number of articles.

It prints both figures and their ratio and, with `--limit`, exits 1 when the ratio is
above it (issue 12 allows 1.5).

    .venv/bin/python benchmarks/extract_bench.py --against 44fab8d --limit 1.5
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402 - a sibling script, not a package

SHARED_CORPUS = ROOT.parent / "shared" / "corpus"

# Runs inside the measured tree's own interpreter process: argv = src, rules, folders...
_WORKER = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from timeline.extract import compile
from timeline.readers import list_articles, read_article
from timeline.rules import load_rules
extractor = compile(load_rules(Path(sys.argv[2])))
documents = []
for folder in sys.argv[3:]:
    files, _ = list_articles(Path(folder))
    documents += [read_article(f) for f in files]
for line in sys.stdin:  # one line per repeat: the driver decides when each tree runs
    start = time.process_time()
    events = sum(len(extractor.extract(d).observations) for d in documents)
    print(json.dumps({"seconds": time.process_time() - start,
                      "articles": len(documents), "events": events}), flush=True)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", default="44fab8d", help="git revision to compare with")
    parser.add_argument("--generated", type=int, default=1500, help="synthetic articles")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=float, help="exit 1 when the ratio is above this")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="extract-bench-") as tmp:
        work = Path(tmp)
        folders = _corpus(work, args.generated, args.seed)
        other = work / "against"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet",
                        str(other), args.against], check=True)
        try:
            best = _race({"this tree": ROOT, args.against: other}, folders, args.repeat)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(other)], check=True)
    return _report(best, args.against, args.limit)


def _corpus(work: Path, n: int, seed: int) -> list[Path]:
    generated = work / "generated"
    generate.write(generated, n, seed)
    shared = sorted(p for p in SHARED_CORPUS.glob("**/docs") if p.is_dir())
    return [generated, *shared]


def _race(trees: dict[str, Path], folders: list[Path], repeat: int) -> dict[str, dict]:
    workers = {name: subprocess.Popen(
        [sys.executable, "-c", _WORKER, str(tree / "src"), str(tree / "rules"),
         *map(str, folders)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for name, tree in trees.items()}
    best: dict[str, dict] = {}
    for _ in range(repeat):
        for name, worker in workers.items():
            assert worker.stdin and worker.stdout
            worker.stdin.write("go\n")
            worker.stdin.flush()
            run = json.loads(worker.stdout.readline())
            if name not in best or run["seconds"] < best[name]["seconds"]:
                best[name] = run
    for worker in workers.values():
        assert worker.stdin
        worker.stdin.close()
        worker.wait()
    return best


def _report(best: dict[str, dict], against: str, limit: float | None) -> int:
    ms = {name: 1000 * run["seconds"] / run["articles"] for name, run in best.items()}
    for name, run in best.items():
        print(f"{name:>12}: {ms[name]:6.2f} ms/article  ({run['articles']} articles, "
              f"{run['events']} events, best CPU {run['seconds']:.2f} s)")
    ratio = ms["this tree"] / ms[against]
    print(f"ratio: {ratio:.2f}x {against}" + (f" (limit {limit}x)" if limit else ""))
    return 1 if limit is not None and ratio > limit else 0


if __name__ == "__main__":
    sys.exit(main())
