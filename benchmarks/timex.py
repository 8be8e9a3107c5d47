"""Benchmark the date tagger on the shared TimeML sets: value F1, extent F1, documents/s.

Runs `timeline.dates` in-process over every document of a set (the document date given,
as `timeline dates --dct` does), writes the system's JSON lines and scores them with the
shared scorer `score_timex.py`. Usage, from the project root:

    .venv/bin/python benchmarks/timex.py [train|genre|platinum|meantime ...] [--shared ../shared]

Throughput counts tagging only, in-process on one core: rules compiled once beforehand,
documents per CPU-second of this process (so that other work on the machine does not
count), best of --repeat runs over the whole set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timeline import dates
from timeline.model import DateValue
from timeline.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
# Folders under the shared folder; "genre" is the project's own set (absolute, so that
# `shared / folder` leaves it as it is): news written and annotated for this project.
SETS = {
    "train": ("bench/tempeval3/train/TimeBank", "bench/tempeval3/train/AQUAINT"),
    "genre": (str(ROOT / "benchmarks" / "timex_genre"),),
    "platinum": ("bench/tempeval3/platinum",),
    "meantime": ("bench/meantime/english",),
}


def export(scorer: Path, gold: list[Path], out: Path) -> list[dict[str, str]]:
    """The scorer's own reading of the gold files: {doc, dct, text} per document."""
    args = [sys.executable, str(scorer), "--export-docs", str(out)]
    for folder in gold:
        args += ["--gold", str(folder)]
    subprocess.run(args, check=True, capture_output=True)
    with out.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def tag_all(tagger: dates.DateTagger, docs: list[dict[str, str]]) -> tuple[list[str], float]:
    """System lines for every document, and the seconds the tagging took."""
    lines = []
    began = time.process_time()
    for doc in docs:
        dct = DateValue.day(dt.date.fromisoformat(doc["dct"][:10])) if doc["dct"] else None
        for expr in tagger.tag(doc["text"], dct):
            lines.append(json.dumps({"doc": doc["doc"], "start": expr.start, "end": expr.end,
                                     "value": expr.value, "type": expr.type}))
    return lines, time.process_time() - began


def run(name: str, shared: Path, tagger: dates.DateTagger, repeat: int) -> dict[str, float]:
    scorer = shared / "eval" / "score_timex.py"
    gold = [shared / folder for folder in SETS[name]]
    with tempfile.TemporaryDirectory() as tmp:
        docs = export(scorer, gold, Path(tmp) / "docs.jsonl")
        tag_all(tagger, docs)  # warm-up: the alternations compile when first needed
        seconds = []
        for _ in range(repeat):
            lines, took = tag_all(tagger, docs)
            seconds.append(took)
        system = Path(tmp) / "system.jsonl"
        system.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        args = [sys.executable, str(scorer), "--system", str(system), "--json"]
        for folder in gold:
            args += ["--gold", str(folder)]
        scores = json.loads(subprocess.run(args, check=True, capture_output=True,
                                           text=True).stdout)
    return {"value": 100 * scores["value"]["f1"], "relaxed": 100 * scores["relaxed"]["f1"],
            "strict": 100 * scores["strict"]["f1"], "docs": len(docs),
            "docs_per_s": len(docs) / min(seconds)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", metavar="SET",
                        help="train, genre, platinum, meantime (default: all four)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--rules", type=Path, default=ROOT / "rules")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    unknown = set(args.sets) - set(SETS)
    if unknown:
        parser.error(f"unknown set(s): {', '.join(sorted(unknown))}")
    tagger = dates.compile(load_rules(args.rules))
    print("| set | docs | value F1 | relaxed extent F1 | strict extent F1 | docs/s (CPU) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in args.sets or list(SETS):
        r = run(name, args.shared, tagger, args.repeat)
        print(f"| {name} | {r['docs']:.0f} | {r['value']:.1f} | {r['relaxed']:.1f} "
              f"| {r['strict']:.1f} | {r['docs_per_s']:,.0f} |")


if __name__ == "__main__":
    main()
