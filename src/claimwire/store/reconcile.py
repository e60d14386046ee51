"""Comparing an extracted claimed series with a reference table, per date.

The first reference is the Ukrainian General Staff's daily record of Russian losses (one
JSON array of ``{"date": ..., <column>: <running total>}`` per file; see the eval README).
Files are found by pattern (``*.json``) and kept when they are running-total tables:
arrays of dated objects covering most days of their span (a file of one-off corrections
covers few days and is left out). Categories map to reference columns through the
``general_staff`` field of ``resources/figures.json``.

Each extracted point is: ``agrees`` (same value on its date), ``lag`` (the value of 1-3
days before: articles quote last night's figures), ``ahead`` (the next day's value),
``differs`` (with the difference), ``consistent`` / ``inconsistent`` for a bound
("more than 32,000"), or ``no reference``.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import asdict, dataclass, replace
from functools import cache
from importlib.resources import files
from pathlib import Path

from ..errors import InputNotFoundError
from .days import shift
from .filters import Condition, Filters, contains, dated, where
from .settings import settings

MAX_LAG_DAYS = 3
MIN_COVERAGE = 0.5
"""Share of the days of its span a file must cover to be a running-total table."""

Reference = dict[str, dict[str, float]]
"""Reference values: date (ISO) -> column -> running total."""


@dataclass(frozen=True)
class Comparison:
    """One extracted point next to the reference."""

    date: str | None
    category: str
    column: str
    side: str | None
    claimant: str
    value: float | None
    lower: float | None
    reference: float | None
    matched_date: str | None
    lag_days: int | None
    status: str
    difference: float | None
    evidence: str
    outlet: str | None
    document_id: str
    figure_id: str

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data."""
        return asdict(self)


@cache
def category_columns() -> dict[str, str]:
    """claimwire category -> reference column, from ``resources/figures.json``."""
    resource = files("claimwire").joinpath("resources", "figures.json")
    if not resource.is_file():
        return {}
    categories = json.loads(resource.read_text(encoding="utf-8")).get("categories", {})
    return {
        name: entry["general_staff"]
        for name, entry in categories.items()
        if isinstance(entry, dict) and entry.get("general_staff")
    }


def load_reference(folder: Path) -> Reference:
    """Read the running-total tables of a reference folder, merged by date.

    Raises:
        InputNotFoundError: The folder is missing or holds no running-total table.
    """
    if not folder.is_dir():
        raise InputNotFoundError(f"no reference folder at {folder}")
    merged: Reference = {}
    used = 0
    for path in sorted(folder.glob("*.json")):
        records = _running_totals(path)
        if records is None:
            continue
        used += 1
        for record in records:
            values = merged.setdefault(str(record["date"]), {})
            for key, value in record.items():
                if isinstance(value, int | float) and key not in ("day",):
                    values[key] = float(value)
    if not used:
        raise InputNotFoundError(
            f"no running-total table (*.json arrays of dated records) in {folder}"
        )
    return merged


_FIGURE_CLAUSES = (
    "current = 1",
    "duplicate = 0",
    "negated = 0",
    "modality = 'actual'",
    "(cumulative = 1 OR cumulative IS NULL)",
    Condition("side", "(side = ? OR side IS NULL)"),  # unknown side: compared, and shown
    Condition("category", "category = ?"),
    Condition("measure", "measure = ?"),
    Condition(
        "claimant", "(claimant LIKE ? OR claimant_side = ?)", lambda v: (*contains(v), str(v))
    ),
    *dated("date"),
)
"""The figures a reference can check (``side``: the ``side`` argument of :func:`reconcile`)."""


def reconcile(
    connection: sqlite3.Connection,
    reference: Reference,
    filters: Filters,
    *,
    side: str | None = "Russia",
) -> list[Comparison]:
    """Compare the stored cumulative figures of a claimant with the reference.

    Args:
        connection: An open store.
        reference: :func:`load_reference` of the reference folder.
        filters: Which figures (claimant, since, until, category, measure).
        side: Whose losses the reference counts; figures with no side are compared too
            (the ``side`` of a comparison says which).

    Returns:
        One comparison per figure, by date.
    """
    columns = category_columns()
    condition, params = where(replace(filters, side=side), _FIGURE_CLAUSES)
    rows = connection.execute(
        f"SELECT * FROM figures{condition} ORDER BY date, id", params
    ).fetchall()
    return [
        _compare(row, columns[row["category"]], reference)
        for row in rows
        if row["category"] in columns
    ]


def summarize(comparisons: list[Comparison]) -> dict[str, int]:
    """How many points have each status."""
    counts: dict[str, int] = {}
    for comparison in comparisons:
        counts[comparison.status] = counts.get(comparison.status, 0) + 1
    return dict(sorted(counts.items()))


def _running_totals(path: Path) -> list[dict[str, object]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    if not isinstance(data, list) or not data:
        return None
    records = [item for item in data if isinstance(item, dict) and "date" in item]
    if len(records) < len(data):
        return None
    try:
        days = sorted({dt.date.fromisoformat(str(item["date"])[:10]) for item in records})
    except ValueError:
        return None
    span = (days[-1] - days[0]).days + 1
    return records if len(days) / span >= MIN_COVERAGE else None


def _compare(row: sqlite3.Row, column: str, reference: Reference) -> Comparison:
    date = row["date"]
    value, lower = row["value"], row["lower"]

    def at(offset: int) -> tuple[str, float] | None:
        if date is None:
            return None
        day = shift(dt.date.fromisoformat(date), offset).isoformat()
        found = reference.get(day, {}).get(column)
        return None if found is None else (day, found)

    same = at(0)
    status, matched, lag = "no reference", None, None
    tolerance = settings().approx_tolerance / 10 if row["approx"] else 0.0
    if value is not None:
        candidates = [(0, same), *((-k, at(-k)) for k in range(1, MAX_LAG_DAYS + 1)), (1, at(1))]
        for offset, found in candidates:
            if found is not None and abs(found[1] - value) <= tolerance * value:
                status = "agrees" if offset == 0 else ("ahead" if offset > 0 else "lag")
                matched, lag = found[0], -offset
                break
        else:
            if same is not None:
                status = "differs"
    elif lower is not None and same is not None:
        status = "consistent" if same[1] >= lower else "inconsistent"
    return Comparison(
        date=date,
        category=row["category"],
        column=column,
        side=row["side"],
        claimant=row["claimant"],
        value=value,
        lower=lower,
        reference=same[1] if same else None,
        matched_date=matched,
        lag_days=lag,
        status=status,
        difference=(value - same[1]) if value is not None and same is not None else None,
        evidence=row["evidence"],
        outlet=row["outlet"],
        document_id=row["document_id"],
        figure_id=row["id"],
    )
