"""Reading the versioned JSON data files of ``claimwire/resources``."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any


def load_resource(file_name: str) -> dict[str, Any]:
    """The JSON data file ``file_name`` of ``claimwire/resources``, parsed (not cached:
    callers keep what they need in an ``lru_cache``)."""
    text = (files("claimwire") / "resources" / file_name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
