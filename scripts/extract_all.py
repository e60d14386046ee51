#!/usr/bin/env python3
"""Run ``claimwire extract`` over every development set and the seed; compare two runs.

A refactor must not change any output. This script is the check: run it once before the
change and once after, then compare the two output folders::

    python scripts/extract_all.py run /tmp/before            # on the old commit
    python scripts/extract_all.py run /tmp/after             # on the new commit
    python scripts/extract_all.py compare /tmp/before /tmp/after

``run`` gathers the article texts of every set under the eval root (default
``../shared/eval``, or ``$CLAIMWIRE_EVAL``) and the seed folder (``../shared/seed``) by
pattern, never by file name, writes one JSON-lines input per set, and runs the real
command line, ``claimwire extract INPUT.jsonl -o OUT.jsonl``, on each. It reads the sets
with its own small readers, not claimwire's, so that both runs read the same texts
whatever the refactor changed. ``--limit N`` takes the first N texts of each set (a
quick check while working; the acceptance run uses every text).

``compare`` checks that every output file is byte-identical, after masking what differs
on every run by design: ``provenance.run_id`` (random), ``provenance.created`` (the
clock), the output folder in ``document.source``, and ``provenance.claimwire_version``
(a release changes it and nothing else). It exits 1 and names the first
differing article of each set when they differ.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

Record = dict[str, str]

MUC_MESSAGE = re.compile(r"^((?:DEV|TST\d)-MUC\d-\d{4})\b.*$", re.MULTILINE)
DATE_IN_NAME = re.compile(r"\d{4}-\d{2}-\d{2}")
TEXT_FIELDS = ("text", "doc_text", "EventSnippet")
MASKED = re.compile(r'"(run_id|created|claimwire_version)":\s*"[^"]*"')
INPUT_FOLDER = re.compile(r'"source":\s*"[^"]*/([^/"]*)"')


def _jsonl(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(record, dict):
                continue
            text = next((record[f] for f in TEXT_FIELDS if isinstance(record.get(f), str)), None)
            if text is None and isinstance(record.get("sentences"), list):
                text = "\n".join(" ".join(sentence) for sentence in record["sentences"])
            if text is None and isinstance(record.get("tokens"), list):
                text = " ".join(record["tokens"])
            if text:
                item = {"text": text}
                if isinstance(record.get("published"), str):
                    item["published"] = record["published"]
                yield item


def _xml(path: Path) -> Iterator[Record]:
    root = ElementTree.parse(path).getroot()
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        if text.strip():
            yield {"text": text}


def _tsv(path: Path) -> Iterator[Record]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    header = lines[0].split("\t") if lines else []
    column = next((header.index(f) for f in TEXT_FIELDS if f in header), None)
    if column is None:
        return
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > column and cells[column].strip():
            yield {"text": cells[column]}


def _muc(folder: Path) -> Iterator[Record]:
    for path in sorted(folder.glob("raw/CORPORA/*/*")):
        if not path.is_file() or path.name.startswith("key-") or path.name == "text-headers-info":
            continue
        content = path.read_text(encoding="latin-1")
        starts = list(MUC_MESSAGE.finditer(content))
        for index, match in enumerate(starts):
            end = starts[index + 1].start() if index + 1 < len(starts) else len(content)
            yield {"text": content[match.end() : end]}


def _text_file(path: Path) -> Record:
    record = {"text": path.read_text(encoding="utf-8", errors="replace")}
    dated = DATE_IN_NAME.search(path.name)
    if dated:
        record["published"] = dated.group(0)
    return record


def texts_of(folder: Path) -> Iterator[Record]:
    """Every article text of one set folder, found by pattern."""
    if any(folder.glob("raw/CORPORA/*/*")):
        yield from _muc(folder)
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix in (".jsonl", ".jsonlines"):
            yield from _jsonl(path)
        elif path.suffix == ".xml":
            yield from _xml(path)
        elif path.suffix == ".tsv":
            yield from _tsv(path)
        elif path.suffix == ".txt" and (
            path.parent.name in ("text", "rawtext", "seed") or path.with_suffix(".ann").exists()
        ):
            yield _text_file(path)


def run(out: Path, eval_root: Path, seed: Path, limit: int | None, jobs: int) -> int:
    """Write ``SET.input.jsonl`` and ``SET.output.jsonl`` for every set into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    folders = [seed, *sorted(p for p in eval_root.iterdir() if p.is_dir())]
    claimwire = Path(sys.executable).with_name("claimwire")
    for folder in folders:
        records = list(texts_of(folder))[:limit]
        if not records:
            continue
        name = folder.name
        source = out / f"{name}.input.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        started = time.monotonic()
        target = out / f"{name}.output.jsonl"
        command = [str(claimwire), "extract", str(source), "-o", str(target), "--jobs", str(jobs)]
        completed = subprocess.run(command, check=False)
        seconds = time.monotonic() - started
        print(
            f"{name}: {len(records)} texts, exit {completed.returncode}, {seconds:.0f} s",
            flush=True,
        )
    return 0


def _masked(path: Path) -> list[str]:
    """The lines of an output file, run id, clock and input folder masked."""
    text = MASKED.sub(r'"\1": ""', path.read_text(encoding="utf-8"))
    return INPUT_FOLDER.sub(r'"source": "\1"', text).splitlines()


def compare(before: Path, after: Path, *, prefix: bool = False) -> int:
    """Exit 0 when every output of ``before`` equals the one of ``after``, masked.

    With ``prefix``, ``after`` may be a ``--limit`` run: each of its files is compared
    with as many first lines of the ``before`` file.
    """
    differing = 0
    for old in sorted(before.glob("*.output.jsonl")):
        new = after / old.name
        if not new.exists():
            if not prefix:
                print(f"{old.name}: missing in {after}")
                differing += 1
            continue
        old_lines = _masked(old)
        new_lines = _masked(new)
        if prefix:
            if len(old_lines) < len(new_lines):
                print(f"{old.name}: {before} holds only {len(old_lines)} lines (still running?)")
            old_lines = old_lines[: len(new_lines)]
        if old_lines == new_lines:
            print(f"{old.name}: identical ({len(old_lines)} articles)")
            continue
        differing += 1
        first = next(
            (i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=False)) if a != b),
            min(len(old_lines), len(new_lines)),
        )
        print(
            f"{old.name}: DIFFERS from article {first + 1} ({len(old_lines)} vs {len(new_lines)})"
        )
    return 1 if differing else 0


def main() -> int:
    """Parse the arguments and run ``run`` or ``compare``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="extract every set into OUT")
    run_parser.add_argument("out", type=Path)
    default_eval = os.environ.get("CLAIMWIRE_EVAL", "../shared/eval")
    run_parser.add_argument("--eval", type=Path, default=Path(default_eval))
    run_parser.add_argument("--seed", type=Path, default=Path("../shared/seed"))
    run_parser.add_argument("--limit", type=int, default=None)
    run_parser.add_argument("--jobs", type=int, default=2)
    compare_parser = commands.add_parser("compare", help="compare two output folders")
    compare_parser.add_argument("before", type=Path)
    compare_parser.add_argument("after", type=Path)
    compare_parser.add_argument(
        "--prefix", action="store_true", help="AFTER is a --limit run: compare its lines only"
    )
    args = parser.parse_args()
    if args.command == "run":
        return run(args.out, args.eval, args.seed, args.limit, args.jobs)
    return compare(args.before, args.after, prefix=args.prefix)


if __name__ == "__main__":
    sys.exit(main())
