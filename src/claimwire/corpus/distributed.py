"""The same extraction mapped over partitions of the input on a Dask cluster.

The unit of work is a :class:`Partition`: a byte range of a JSONL file (cut at line ends),
a row group of a Parquet file, or a run of article files. The client only plans partitions
(it scans JSONL files for line ends, never parses them); each Dask worker reads its
partition itself (inputs must be on a file system the workers see), runs the pipeline it
loaded once per process, and writes one Parquet file per partition, atomically (a
temporary file renamed into place). A partition whose file exists is done: a rerun, a
retried task or a worker killed mid-run never loses or duplicates anything.

Without a scheduler address a local cluster is started for the run and stopped after it.
Needs the ``dask`` extra: ``pip install 'claimwire[dask]'``.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from ..errors import ClaimwireError, InputNotFoundError
from ..input.sources import (
    ARTICLE_SUFFIXES,
    JSONL_SUFFIXES,
    ArticleInput,
    InputFailure,
    article_from_record,
    read_file,
    read_jsonl,
)
from ..models import Problem, Result
from ..nlp.extract import Failure, extract_many
from ..nlp.limits import DEFAULT_MAX_CHARS

ARTICLES_PER_PARTITION = 200
"""Articles per partition by default: a few seconds of work for one worker."""

COLUMNS = (
    "position",
    "input_key",
    "source",
    "ok",
    "document_id",
    "published",
    "outlet",
    "url",
    "result_json",
    "problem_code",
    "problem_message",
)


class DaskNotInstalledError(ClaimwireError):
    """The dask extra is not installed."""

    code = "E005"


@dataclass(frozen=True)
class Partition:
    """A slice of the input processed by one task."""

    index: int
    kind: Literal["jsonl", "parquet", "files"]
    path: str
    start: int = 0
    end: int = 0
    first_line: int = 1
    files: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """File name of the partition's results: its plan position and a content key."""
        key = json.dumps([self.kind, self.path, self.start, self.end, self.files])
        digest = hashlib.sha1(key.encode()).hexdigest()[:12]
        return f"part-{self.index:06d}-{digest}.parquet"


@dataclass(frozen=True)
class PartitionSummary:
    """What one task did."""

    name: str
    articles: int
    failures: int
    seconds: float
    skipped: bool


def _jsonl_partitions(path: Path, size: int) -> Iterator[tuple[int, int, int]]:
    """(start byte, end byte, first line) of runs of ``size`` lines of a JSONL file."""
    start, line, count, offset = 0, 1, 0, 0
    with path.open("rb") as stream:
        for raw in stream:
            offset += len(raw)
            count += 1
            if count == size:
                yield start, offset, line
                start, line, count = offset, line + count, 0
    if count:
        yield start, offset, line


def plan_partitions(
    paths: Iterable[str | Path], *, size: int = ARTICLES_PER_PARTITION
) -> list[Partition]:
    """Cut the inputs into partitions of about ``size`` articles, in input order.

    Args:
        paths: JSONL or Parquet files, article files, or directories of them.
        size: Articles (lines, rows or files) per partition.

    Raises:
        InputNotFoundError: A path does not exist.
    """
    plan: list[Partition] = []
    loose: list[str] = []

    def flush() -> None:
        for at in range(0, len(loose), size):
            chunk = tuple(loose[at : at + size])
            plan.append(Partition(len(plan), "files", chunk[0], files=chunk))
        loose.clear()

    for name in paths:
        path = Path(name)
        if not path.exists():
            raise InputNotFoundError(f"no such file or directory: {path}")
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            suffix = file.suffix.lower()
            if suffix in JSONL_SUFFIXES:
                flush()
                for start, end, line in _jsonl_partitions(file, size):
                    plan.append(Partition(len(plan), "jsonl", str(file), start, end, line))
            elif suffix == ".parquet":
                flush()
                plan.extend(
                    Partition(len(plan) + group, "parquet", str(file), group, group + 1)
                    for group in range(_row_groups(file))
                )
            elif suffix in ARTICLE_SUFFIXES:
                loose.append(str(file))
    flush()
    return plan


def _row_groups(path: Path) -> int:
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(path).num_row_groups)


def read_partition(
    partition: Partition, *, max_bytes: int
) -> Iterator[ArticleInput | InputFailure]:
    """The articles of one partition, read where the task runs."""
    if partition.kind == "files":
        for name in partition.files:
            yield from read_file(Path(name), max_bytes=max_bytes)
    elif partition.kind == "jsonl":
        with open(partition.path, "rb") as stream:
            stream.seek(partition.start)
            chunk = io.BytesIO(stream.read(partition.end - partition.start))
        yield from read_jsonl(
            chunk, source=partition.path, max_bytes=max_bytes, first_line=partition.first_line
        )
    else:
        import pyarrow.parquet as pq

        table = pq.ParquetFile(partition.path).read_row_group(partition.start)
        for row, record in enumerate(table.to_pylist()):
            yield from article_from_record(
                record, source=f"{partition.path}#{partition.start}:{row}", line=None, problems=[]
            )


def _row(position: int, key: str, outcome: Result | Failure) -> dict[str, Any]:
    if isinstance(outcome, Failure):
        return {
            "position": position,
            "input_key": key,
            "source": outcome.source,
            "ok": False,
            "problem_code": outcome.problem.code,
            "problem_message": outcome.problem.message,
        }
    document = outcome.document
    return {
        "position": position,
        "input_key": key,
        "source": document.source,
        "ok": True,
        "document_id": document.id,
        "published": None if document.published is None else document.published.isoformat(),
        "outlet": document.outlet,
        "url": document.url,
        "result_json": outcome.model_dump_json(),
    }


def process_partition(
    partition: Partition, out_dir: str, *, max_chars: int = DEFAULT_MAX_CHARS
) -> PartitionSummary:
    """Extract one partition and write its results as one Parquet file (the Dask task).

    Does nothing when the partition's file already exists.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = Path(out_dir) / partition.name
    if target.exists():
        return PartitionSummary(partition.name, 0, 0, 0.0, skipped=True)
    started = time.perf_counter()
    from .ingest import input_key

    items = list(read_partition(partition, max_bytes=4 * max_chars))
    outcomes = extract_many(items, max_chars=max_chars)
    rows = [
        _row(n, input_key(item), outcome)
        for n, (item, outcome) in enumerate(zip(items, outcomes, strict=True))
    ]
    table = pa.Table.from_pylist(
        [{column: row.get(column) for column in COLUMNS} for row in rows], schema=_schema()
    )
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    pq.write_table(table, temporary)
    os.replace(temporary, target)
    failures = sum(1 for row in rows if not row["ok"])
    return PartitionSummary(
        partition.name, len(rows), failures, time.perf_counter() - started, skipped=False
    )


def _schema() -> Any:
    import pyarrow as pa

    types = {"position": pa.int32(), "ok": pa.bool_()}
    return pa.schema([(column, types.get(column, pa.string())) for column in COLUMNS])


def run_dask(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    size: int = ARTICLES_PER_PARTITION,
    max_chars: int = DEFAULT_MAX_CHARS,
    retries: int = 3,
    on_done: Callable[[PartitionSummary, int, int], None] | None = None,
) -> list[PartitionSummary]:
    """Extract every input on a Dask cluster into a Parquet dataset in ``out_dir``.

    Args:
        paths: Inputs (see :func:`plan_partitions`).
        out_dir: Folder of the Parquet dataset (one file per partition).
        scheduler: Address of a running scheduler; None starts a local cluster.
        workers: Worker processes of the local cluster (one thread each).
        size: Articles per partition.
        max_chars: Longest text accepted, in characters.
        retries: Times a task is retried when its worker dies.
        on_done: Called with (summary, done, total) as partitions finish (for progress).

    Returns:
        One summary per partition, in plan order.

    Raises:
        DaskNotInstalledError: The dask extra is not installed.
    """
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as error:
        raise DaskNotInstalledError(
            "the Dask engine needs the dask extra: pip install 'claimwire[dask]'"
        ) from error
    plan = plan_partitions(paths, size=size)  # checks the inputs before anything is created
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for leftover in out.glob(".part-*.tmp"):  # written by a task killed in an earlier run
        leftover.unlink()
    (out / "_plan.json").write_text(
        json.dumps([asdict(partition) for partition in plan], indent=1), encoding="utf-8"
    )
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
    try:
        with Client(scheduler or cluster) as client:
            futures = {
                client.submit(
                    process_partition,
                    partition,
                    str(out),
                    max_chars=max_chars,
                    retries=retries,
                    key=f"claimwire-{partition.name}",
                ): partition.index
                for partition in plan
            }
            summaries: dict[int, PartitionSummary] = {}
            for future in as_completed(futures):
                summary = future.result()
                summaries[futures[future]] = summary
                if on_done is not None:
                    on_done(summary, len(summaries), len(plan))
    finally:
        if cluster is not None:
            cluster.close()
    return [summaries[partition.index] for partition in plan]


def read_results(out_dir: str | Path) -> Iterator[Result | Failure]:
    """The results of a Parquet dataset written by :func:`run_dask`, in input order."""
    for _key, outcome in read_keyed_results(out_dir):
        yield outcome


def read_keyed_results(out_dir: str | Path) -> Iterator[tuple[str, Result | Failure]]:
    """(input key, result or failure) of a Parquet dataset, in input order."""
    import pyarrow.parquet as pq

    for path in sorted(Path(out_dir).glob("part-*.parquet")):
        for row in sorted(pq.read_table(path).to_pylist(), key=lambda row: row["position"]):
            if row["ok"]:
                yield row["input_key"], Result.model_validate_json(row["result_json"])
            else:
                problem = Problem(
                    code=row["problem_code"],
                    message=row["problem_message"],
                    severity="error",
                    source=row["source"],
                )
                yield row["input_key"], Failure(row["source"], problem)


def store_results(out_dir: str | Path, db: str | Path) -> tuple[int, int, int]:
    """Load a Parquet dataset of results into the store, skipping inputs already stored.

    The second pass of a distributed run: one writer, idempotent (inputs are keyed like
    ``claimwire ingest``'s), so it can be rerun after an interruption.

    Returns:
        (results stored, failures recorded, inputs skipped as already done).
    """
    from ..store import open_store
    from ..store.lock import store_path, writer_lock
    from ..store.write import record_failure, write_result

    stored = failed = skipped = 0
    connection = open_store(db)
    try:
        with writer_lock(store_path(connection)):  # one writer: see store.lock
            done = {row[0] for row in connection.execute("SELECT key FROM inputs")}
            for key, outcome in read_keyed_results(out_dir):
                if key in done:
                    skipped += 1
                elif isinstance(outcome, Failure):
                    record_failure(connection, key, source=outcome.source, problem=outcome.problem)
                    failed += 1
                else:
                    write_result(connection, outcome, input_key=key, source=outcome.document.source)
                    stored += 1
                done.add(key)
    finally:
        connection.close()
    return stored, failed, skipped
