"""The Dockerfile and compose.yaml, checked without Docker: what they copy exists, what
they run is a real claimwire command with real options, and the port is published on the
host's loopback only (docs/container.md says how to build and run them)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from claimwire.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    text = re.sub(r"\\\n\s*", " ", text)
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            found.append((keyword.upper(), rest.strip()))
    return found


def _json_list(value: str) -> list[str]:
    return list(yaml.safe_load(value))


def _options(command: list[str]) -> set[str]:
    """The long options a claimwire command accepts (from its own --help)."""
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0, result.output
    return set(re.findall(r"(--[a-z][a-z-]*)", result.output))


def _check_command(arguments: list[str]) -> None:
    """Every ``--option`` of a claimwire command line is one the command knows."""
    words = [word for word in arguments if not word.startswith("-")]
    command = words[:1]
    used = {word for word in arguments if word.startswith("--")}
    assert used <= _options(command), used - _options(command)


def test_the_dockerfile_copies_what_exists_and_installs_the_pinned_model() -> None:
    instructions = _instructions()
    assert instructions[0] == ("FROM", "python:3.11-slim")
    for keyword, rest in instructions:
        if keyword == "COPY":
            *sources, _target = shlex.split(rest)
            for source in sources:
                assert (ROOT / source).exists(), f"COPY {source}: no such file in the repository"
    runs = " ".join(rest for keyword, rest in instructions if keyword == "RUN")
    assert "--require-hashes -r requirements/model.txt" in runs
    assert "USER" in dict(instructions), "the server must not run as root"


def test_the_dockerfile_runs_a_real_claimwire_command() -> None:
    instructions = dict(_instructions())
    assert _json_list(instructions["ENTRYPOINT"]) == ["claimwire"]
    command = _json_list(instructions["CMD"])
    _check_command(command)
    assert command[command.index("--db") + 1].startswith("/data/")
    assert instructions["VOLUME"] == "/data"
    assert instructions["EXPOSE"] == command[command.index("--port") + 1]


def test_compose_serves_on_the_host_loopback_and_runs_ingest_jobs() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    dashboard = compose["services"]["dashboard"]
    _check_command(dashboard["command"])
    assert all(port.startswith("127.0.0.1:") for port in dashboard["ports"])
    ingest = compose["services"]["ingest"]
    assert ingest["entrypoint"][:2] == ["claimwire", "ingest"]
    _check_command(ingest["entrypoint"][1:])
    watch = compose["services"]["watch"]
    _check_command(watch["command"])
    assert watch["command"][0] == "watch"
    for service in compose["services"].values():
        volumes = [volume.split(":")[0] for volume in service["volumes"]]
        assert "claimwire-data" in volumes
    assert "claimwire-data" in compose["volumes"]


@pytest.mark.parametrize("name", [".dockerignore"])
def test_local_state_stays_out_of_the_image(name: str) -> None:
    ignored = (ROOT / name).read_text(encoding="utf-8").split()
    assert {".venv", ".git", "*.db"} <= set(ignored)
