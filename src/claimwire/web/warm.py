"""Templates compiled once per process, before the first request.

Jinja compiles a template on its first use: on a loaded machine the first request of each
page paid 0.3 s of CPU for compiling (1.2 s wall at a load average of 12). :func:`warm`
compiles every template when the app is made, through one in-memory bytecode cache
shared by the apps of a process (tests make many), so a template's source is compiled
once per process and each new app loads it from the cache.
"""

from __future__ import annotations

import threading

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket


class SharedBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory, keyed by name and source checksum (a changed
    template is compiled again)."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill the bucket with the template's compiled code, if it was compiled."""
        with self._lock:
            found = self._compiled.get(bucket.key)
        if found is not None:
            bucket.bytecode_from_string(found)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the template's compiled code."""
        data = bucket.bytecode_to_string()
        with self._lock:
            self._compiled[bucket.key] = data


BYTECODE = SharedBytecodeCache()
"""The process's compiled templates."""


def warm(env: Environment) -> int:
    """Compile (or load) every template of ``env`` now; the number of templates."""
    env.bytecode_cache = BYTECODE
    names = env.list_templates(extensions=["html"])
    for name in names:
        env.get_template(name)
    return len(names)
