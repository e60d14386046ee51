"""How long after its time budget a slow article is given up, in each way of extracting.

    PYTHONPATH=src python scripts/bench_budget.py [--budget 1.0] [--sizes 19500,200000]

Texts (generated here): realistic news (sentences with a claimant, a figure, a place and a
day), and two of the fuzz suite's pathological texts (all-caps, one long line without full
stops). Modes:

- ``in-process``: :func:`claimwire.nlp.extract.extract_many` with the pipeline's own,
  cooperative budget (what ``extract``, a small ``ingest``, the watcher and a web
  submission did before the worker processes);
- ``one worker``: :func:`claimwire.nlp.parallel.extract_parallel` with ``jobs=1`` (the
  process's shared worker: ``extract``, a small ``ingest``, ``watch``, ``serve``);
- ``two workers``: the slow article among three quick ones on two workers (``ingest
  --jobs 2``).

The pipeline and the workers are loaded before the clock starts. Prints a Markdown table of
seconds past the budget (wall time: on a loaded machine, an upper bound).
"""

from __future__ import annotations

import argparse
import os
import random
import time

from claimwire.nlp.extract import Failure, extract_many
from claimwire.nlp.parallel import extract_parallel
from claimwire.nlp.pipeline import get_nlp
from claimwire.nlp.worker import ArticleWorker, Options, extract_in_workers, shared_pool

QUICK = "Rebels killed 12 soldiers near the border on Monday, officials said."


def news(chars: int, seed: int = 7) -> str:
    """Realistic news paragraphs, ``chars`` characters long."""
    rnd = random.Random(seed)
    who = ["Officials", "The regional governor", "A military spokesman", "Witnesses"]
    places = ["Kharkiv", "Izium", "Bakhmut", "Donetsk", "Kherson", "Mariupol"]
    what = ["were killed", "were wounded", "died in the shelling", "were arrested"]
    days = ["on Monday", "on Tuesday", "late on Friday", "overnight"]
    paragraphs, length = [], 0
    while length < chars:
        sentences = [
            f"{rnd.choice(who)} said that {rnd.randint(2, 400)} "
            f"{rnd.choice(['civilians', 'soldiers', 'people'])} {rnd.choice(what)} near "
            f"{rnd.choice(places)} {rnd.choice(days)}, after rebels attacked a checkpoint."
            for _ in range(rnd.randint(3, 6))
        ]
        paragraphs.append(" ".join(sentences))
        length += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)[:chars]


TEXTS = {
    "news": news,
    "all-caps": lambda chars: ("RUSSIAN FORCES SHELLED KHARKIV KILLING 3 " * chars)[:chars],
    "long-line": lambda chars: ("and then 2 more soldiers were wounded near Izium " * chars)[
        :chars
    ],
}


def timed(run: object) -> tuple[float, str]:
    """Seconds ``run()`` took, and the code of the slow article's outcome."""
    began = time.monotonic()
    outcomes = list(run())  # type: ignore[operator]
    took = time.monotonic() - began
    slow = next((o for o in outcomes if isinstance(o, Failure)), outcomes[0])
    return took, slow.problem.code if isinstance(slow, Failure) else "done"


def main() -> None:
    """Measure each text and mode; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=1.0)
    parser.add_argument("--sizes", default="19500,200000")
    args = parser.parse_args()
    budget = args.budget
    get_nlp()
    list(extract_many([QUICK]))
    shared_pool().extract([QUICK], Options(time_budget=60))
    pair = [ArticleWorker(), ArticleWorker()]
    list(extract_in_workers([QUICK, QUICK], options=Options(time_budget=60), workers=pair))
    options = Options(time_budget=budget, full=True)
    print(f"budget {budget:g} s, load {os.getloadavg()[0]:.1f}")
    print("| text | characters | in-process | one worker | two workers |")
    print("|---|---|---|---|---|")
    for name, make in TEXTS.items():
        for size in (int(part) for part in args.sizes.split(",")):
            text = make(size)
            modes = [
                lambda text=text: extract_many([text], time_budget=budget, full=True),
                lambda text=text: extract_parallel([text], jobs=1, time_budget=budget, full=True),
                lambda text=text: extract_in_workers(
                    [QUICK, text, QUICK, QUICK], options=options, workers=pair, batch_size=1
                ),
            ]
            cells = []
            for mode in modes:
                shared_pool().extract([QUICK], Options(time_budget=60))  # loaded again
                list(extract_in_workers([QUICK] * 2, options=Options(time_budget=60), workers=pair))
                took, code = timed(mode)
                cells.append(f"{took - budget:+.2f} s ({code})")
            print(f"| {name} | {len(text):,} | " + " | ".join(cells) + " |", flush=True)
    for worker in pair:
        worker.stop()


if __name__ == "__main__":
    main()
