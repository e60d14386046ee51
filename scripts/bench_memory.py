#!/usr/bin/env python3
"""Peak memory and time of one long article, each size in a fresh process.

The article is generated: news paragraphs written for this script (casualty tolls,
quotes, places, dates), repeated with their numbers, places and days varied until the
text has the size asked. No evaluation text is used. ::

    python scripts/bench_memory.py --chars 100000 --chars 300000 --chars 1000000

prints one JSON line per size: characters, wall seconds of the extraction, the peak
resident set size of the process (``ru_maxrss``) in MB, and the counts found. Each size
runs in its own process (``--one`` is that child), so one size's peak never hides
another's. The article's length is allowed (``max_chars``); no memory limit applies unless
``--memory-limit MB`` passes one to ``extract_many`` (see docs/reliability.md).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

PLACES = ["Kharkiv", "Izium", "Mariupol", "Donetsk", "Kherson", "Sumy", "Bakhmut", "Zaporizhzhia"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PARAGRAPHS = [
    "Russian shelling killed {n} civilians and wounded {m} others in {place} on {day}, the "
    "regional governor said in a statement posted on Telegram.",
    '"The strike hit a residential building at around 5 a.m. while people were asleep," '
    "said {name}, a spokesman for the emergency service. Rescuers pulled {m} people from the "
    "rubble.",
    "Ukraine's General Staff said its forces had destroyed {n} tanks and {m} armoured "
    "vehicles near {place} over the past 24 hours. The claims could not be independently "
    "verified.",
    "According to the United Nations, at least {big} civilians have been killed since the "
    "invasion began, although the organisation says the true figure is likely much higher.",
    "Officials in {place} said {n} people, including {m} children, were evacuated on {day} "
    "after a dam upstream was damaged in the fighting.",
    "The Russian defence ministry denied targeting civilian areas and said it had struck "
    "a military depot near {place}, killing up to {big} Ukrainian soldiers, a figure Kyiv "
    "rejected.",
    "Police in {place} arrested {n} men on {day} on suspicion of planning attacks on power "
    "stations, the security service said.",
    "Aid groups warned that {big} people in the region were without water and electricity, "
    "and that hospitals in {place} were running short of fuel for their generators.",
]
NAMES = ["Oleh Syniehubov", "Maria Kovalenko", "Serhiy Haidai", "Andriy Yusov"]


def news_text(chars: int) -> str:
    """A news article of at least ``chars`` characters: the paragraphs above in turn, with
    varied numbers, places and days, two paragraphs to a blank-line-separated block."""
    parts: list[str] = []
    length, k = 0, 0
    while length < chars:
        template = PARAGRAPHS[k % len(PARAGRAPHS)]
        paragraph = template.format(
            n=3 + k % 17,
            m=2 + k % 11,
            big=1_000 + 37 * k,
            place=PLACES[k % len(PLACES)],
            day=DAYS[k % len(DAYS)],
            name=NAMES[k % len(NAMES)],
        )
        parts.append(paragraph + ("\n\n" if k % 2 else " "))
        length += len(parts[-1])
        k += 1
    return "Shelling kills civilians in eastern Ukraine\n\n" + "".join(parts)


def measure(chars: int, memory_limit: int | None) -> dict[str, object]:
    """Extract the generated article of ``chars`` characters in this process."""
    import claimwire
    from claimwire.input.sources import ArticleInput
    from claimwire.nlp.extract import Failure

    claimwire.extract("Warm up: 3 people were killed in Kyiv on Monday.")
    text = news_text(chars)
    started = time.perf_counter()
    limit = None if memory_limit is None else memory_limit * 2**20
    articles = [ArticleInput(source="<generated>", text=text)]
    (result,) = claimwire.extract_many(articles, max_chars=len(text), full=True, memory_limit=limit)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    found: dict[str, object]
    if isinstance(result, Failure):
        found = {"failure": result.problem.code, "message": result.problem.message}
    else:
        found = {"figures": len(result.figures), "claims": len(result.claims)}
        found["events"] = len(result.events)
    return {"chars": len(text), "seconds": round(seconds, 1), "peak_mb": round(peak), **found}


def main() -> int:
    """Run each size in a child process and print its line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, action="append", required=True)
    parser.add_argument("--memory-limit", type=int, default=None, help="MB per article")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        print(json.dumps(measure(options.chars[0], options.memory_limit)), flush=True)
        return 0
    for chars in options.chars:
        command = [sys.executable, str(Path(__file__).resolve()), "--one", "--chars", str(chars)]
        if options.memory_limit is not None:
            command += ["--memory-limit", str(options.memory_limit)]
        done = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())
        lines = done.stdout.strip().splitlines()
        if done.returncode or not lines:
            print(json.dumps({"chars": chars, "error": done.stderr.strip()[-400:]}), flush=True)
            continue
        print(lines[-1], flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
