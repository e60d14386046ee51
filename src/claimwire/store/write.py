"""The one write path of the store: a result goes in whole, in one transaction, or not at all.

Ids are content hashes, so writing the same article twice adds nothing. An article whose
URL or external id is stored with another text is a new version: it links to the old one,
which stops being current (its facts stay, marked). An article whose text is already
stored under another URL or outlet (a wire copy) is kept and marked as a duplicate of the
first. The input key of an ingested file or line is committed with its result, which is
what makes an interrupted ingest resumable.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from ..models import Problem, Result
from .aggregate import add_facts, retire
from .known import forget
from .rows import InputRow, ResultRow, result_rows, version_key
from .tables import insert

WriteStatus = Literal["new", "version", "duplicate", "unchanged"]


@dataclass(frozen=True)
class WriteOutcome:
    """What writing one result did."""

    document_id: str
    status: WriteStatus
    previous_id: str | None = None
    duplicate_of: str | None = None


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction (``BEGIN IMMEDIATE``): committed on success, rolled back on error."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        if connection.in_transaction:  # SQLite rolls back itself on a full disk
            connection.execute("ROLLBACK")
        forget(connection)  # names learnt in the transaction are gone from the store
        raise
    connection.execute("COMMIT")


def write_result(
    connection: sqlite3.Connection,
    result: Result,
    *,
    input_key: str | None = None,
    source: str | None = None,
) -> WriteOutcome:
    """Store one result and update the corpus, in one transaction.

    Args:
        connection: An open store (:func:`claimwire.store.open_store`).
        result: The extraction result of one article.
        input_key: Key of the input it came from, recorded as done in the same transaction.
        source: Where the input was read from, recorded with the key.

    Returns:
        Whether the article was new, a new version, a duplicate text, or already stored.
    """
    with transaction(connection):
        outcome = store_result(connection, result)
        if input_key is not None:
            mark_input(
                connection,
                input_key,
                source=source or result.document.source or "",
                status=outcome.status,
                document_id=outcome.document_id,
            )
    return outcome


def record_failure(
    connection: sqlite3.Connection, input_key: str, *, source: str, problem: Problem
) -> None:
    """Record an input that could not be processed (it is reported, and not retried)."""
    with transaction(connection):
        mark_input(
            connection,
            input_key,
            source=source,
            status="failed",
            problem_json=problem.model_dump_json(),
        )


def mark_input(
    connection: sqlite3.Connection,
    key: str,
    *,
    source: str,
    status: str,
    document_id: str | None = None,
    problem_json: str | None = None,
) -> None:
    """Record an input as done (inside the caller's transaction)."""
    row = InputRow(
        key=key, source=source, status=status, document_id=document_id, problem_json=problem_json
    )
    insert(connection, [row], or_else="REPLACE")


def store_result(connection: sqlite3.Connection, result: Result) -> WriteOutcome:
    """Store one result inside the caller's transaction (see :func:`write_result`)."""
    stored_before = connection.execute(
        "SELECT current, version_key FROM documents WHERE id = ?", (result.document.id,)
    ).fetchone()
    if stored_before is not None:
        if stored_before["current"] or stored_before["version_key"] == version_key(result):
            return WriteOutcome(result.document.id, "unchanged")
        result = _with_own_id(result)  # another article's old text: not "unchanged"
    document = result.document
    if connection.execute("SELECT 1 FROM documents WHERE id = ?", (document.id,)).fetchone():
        return WriteOutcome(document.id, "unchanged")
    rows = result_rows(result)
    previous = None
    if not rows.document.version_key.startswith("doc:"):
        previous = connection.execute(
            "SELECT id, version FROM documents WHERE version_key = ? AND current = 1 "
            "ORDER BY version DESC LIMIT 1",
            (rows.document.version_key,),
        ).fetchone()
    copy = connection.execute(
        "SELECT id FROM documents WHERE text_hash = ? AND current = 1 ORDER BY seq LIMIT 1",
        (rows.document.text_hash,),
    ).fetchone()
    duplicate_of = copy["id"] if copy is not None and previous is None else None
    seq = connection.execute("SELECT coalesce(max(seq), 0) + 1 FROM documents").fetchone()[0]
    stored = dataclasses.replace(
        rows.document,
        seq=seq,
        version=(previous["version"] + 1) if previous else 1,
        previous_id=previous["id"] if previous else None,
        duplicate_of=duplicate_of,
    )
    insert(connection, [stored])
    if previous is not None:
        retire(connection, previous["id"])
    stored_result = ResultRow(
        document_id=document.id,
        result_json=result.model_dump_json(exclude={"document": {"text"}}),
        run_id=result.provenance.run_id,
        created=result.provenance.created.isoformat(),
    )
    insert(connection, [stored_result])
    add_facts(connection, rows, duplicate=duplicate_of is not None)
    if previous is not None:
        return WriteOutcome(document.id, "version", previous_id=previous["id"])
    if duplicate_of is not None:
        return WriteOutcome(document.id, "duplicate", duplicate_of=duplicate_of)
    return WriteOutcome(document.id, "new")


def _with_own_id(result: Result) -> Result:
    """The result under an id of its own: its text is that of a superseded version of
    another article (another external id or URL), whose id it would share. Stored under
    that id it was taken as "unchanged" and its facts stayed hidden with the old version."""
    digest = hashlib.sha256(f"{result.document.id}\x00{version_key(result)}".encode())
    document = result.document.model_copy(update={"id": "doc_" + digest.hexdigest()[:20]})
    return result.model_copy(update={"document": document})


def load_result(connection: sqlite3.Connection, document_id: str) -> Result:
    """The stored result of a document, text included.

    Raises:
        KeyError: No such document in the store.
    """
    row = connection.execute(
        "SELECT r.result_json, d.text FROM results r JOIN documents d ON d.id = r.document_id "
        "WHERE r.document_id = ?",
        (document_id,),
    ).fetchone()
    if row is None:
        raise KeyError(document_id)
    data = json.loads(row["result_json"])
    data["document"]["text"] = row["text"]
    return Result.model_validate(data)
