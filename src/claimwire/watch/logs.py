"""Structured logs of the watcher: one JSON object per line, one line per event.

The watcher logs through :mod:`logging` with ``extra={"event": ..., **fields}``;
:class:`JsonFormatter` writes such a record as ``{"time", "level", "event", "message",
...fields}``. ``claimwire watch --log-format json`` installs it on standard error.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """A log record as one JSON line (the fields given in ``extra`` included)."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as JSON."""
        data: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "event": getattr(record, "event", None) or record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and key != "event":
                data[key] = value
        if record.exc_info:
            data["error"] = self.formatException(record.exc_info)
        return json.dumps(data, default=str, ensure_ascii=False)


def event(logger: logging.Logger, name: str, message: str, **fields: Any) -> None:
    """Log one event with its fields (kept as JSON keys by :class:`JsonFormatter`); a
    ``level`` field sets the level (default INFO)."""
    level = int(fields.pop("level", logging.INFO))
    logger.log(level, message, extra={"event": name, **fields})
