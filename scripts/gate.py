#!/usr/bin/env python3
"""The accuracy part of the quality gate: the seed and the fast benches against their floors.

Runs ``claimwire bench TASK`` for each task of :data:`TASKS` on its default set (the
committed floors in ``src/claimwire/bench/floors.json`` apply only there, without
``--limit``) and exits 1 when any task is under a floor or fails. A task whose set folder
is absent (a machine without ``../shared``) is skipped with a notice, never counted as a
pass in silence: the summary names it.

    python scripts/gate.py            # every task of TASKS
    python scripts/gate.py seed       # just these
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

TASKS = ("seed", "conflict-news", "events", "claims", "attribution", "wikievents", "gate")
"""The benches that finish in about a minute each on a 2-core machine."""


def set_folder(task: str) -> Path:
    """The default set folder of ``task``, as ``claimwire bench`` finds it."""
    from claimwire.bench import default_eval_root, get_task

    default_set = get_task(task).default_set
    if default_set is None:  # the seed
        return default_eval_root().parent / "seed"
    return default_eval_root() / default_set


def main() -> int:
    """Run the gate's benches and print one line per task."""
    tasks = sys.argv[1:] or list(TASKS)
    claimwire = Path(sys.executable).with_name("claimwire")
    failed, skipped = [], []
    for task in tasks:
        if not set_folder(task).is_dir():
            print(f"gate: {task}: skipped, no set folder at {set_folder(task)}", flush=True)
            skipped.append(task)
            continue
        started = time.monotonic()
        completed = subprocess.run(
            [str(claimwire), "bench", task], capture_output=True, text=True, check=False
        )
        seconds = time.monotonic() - started
        verdict = "ok" if completed.returncode == 0 else f"FAILED (exit {completed.returncode})"
        print(f"gate: {task}: {verdict} in {seconds:.0f} s", flush=True)
        if completed.returncode != 0:
            failed.append(task)
            print(completed.stdout[-3000:], completed.stderr[-3000:], sep="\n", file=sys.stderr)
    print(
        f"gate: {len(tasks) - len(failed) - len(skipped)} passed, {len(failed)} failed, "
        f"{len(skipped)} skipped{': ' + ', '.join(skipped) if skipped else ''}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
