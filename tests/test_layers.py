"""The import layers of claimwire: imports only go down, with no cycle; the CLI starts light.

The layers, top to bottom (docs/architecture.md)::

    cli (and __main__) -> web, bench, watch -> corpus -> store, render, schema, output -> nlp
        -> input, components -> geo -> resources -> models -> vocab, errors, version

A module may import its own unit, a unit of its own layer or a unit below, never one
above; the units (the top-level modules and packages of ``claimwire``) form no cycle. The
package root (``claimwire/__init__.py``) is the lazy public face above every layer: no
module imports it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

import claimwire

PACKAGE = Path(claimwire.__file__).parent

LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(layer.split())
    for layer in (
        "__main__ cli",
        "web bench watch",
        "corpus",
        "store render schema output",
        "nlp",
        "input components",
        "geo",
        "resource resources",
        "models",
        "vocab errors version",
    )
)
"""The units of each layer, top first."""

RANK = {unit: rank for rank, layer in enumerate(LAYERS) for unit in layer}


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def _imports(path: Path) -> set[str]:
    """Every claimwire module ``path`` imports, at any depth (functions, TYPE_CHECKING)."""
    name, is_package = _module_name(path)
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            if node.module:
                found.add(module)
            else:  # from . import x, y: the submodules (or names) x and y
                found.update(f"{module}.{alias.name}" for alias in node.names)
    return {module for module in found if module.split(".")[0] == "claimwire"}


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "<root>"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each back edge of a depth-first walk of ``graph``."""
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return cycles


def _unit_graph() -> dict[str, dict[str, list[str]]]:
    """unit -> imported unit -> the importing modules (for the failure message)."""
    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(PACKAGE.rglob("*.py")):
        module, _ = _module_name(path)
        if module == "claimwire":
            continue  # the lazy root names every layer's public API
        for imported in _imports(path):
            if _unit(imported) != _unit(module):
                graph[_unit(module)][_unit(imported)].append(module)
    return graph


def test_every_unit_has_a_layer() -> None:
    units = {
        path.stem
        for path in PACKAGE.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__")
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    assert units - RANK.keys() == set(), "add the new module to a layer in LAYERS"


def test_imports_only_go_down() -> None:
    upward = [
        f"{', '.join(sorted(set(modules)))} imports {target} ({source} is above it)"
        if target in RANK
        else f"{', '.join(sorted(set(modules)))} imports the package root ({target})"
        for source, targets in _unit_graph().items()
        for target, modules in targets.items()
        if target not in RANK or RANK[target] < RANK[source]
    ]
    assert upward == []


def test_the_units_form_no_cycle() -> None:
    graph = {source: set(targets) for source, targets in _unit_graph().items()}
    assert _cycles(graph) == []


def test_the_modules_form_no_cycle() -> None:
    imports = {_module_name(path)[0]: _imports(path) for path in PACKAGE.rglob("*.py")}

    def known(module: str) -> str:  # from package import name: the package
        while module not in imports:
            module = module.rpartition(".")[0]
        return module

    graph = {
        module: {known(target) for target in targets} - {module}
        for module, targets in imports.items()
        if module != "claimwire"
    }
    assert _cycles(graph) == []


def _python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


@pytest.mark.parametrize(
    "args",
    [pytest.param(["--help"], id="help"), pytest.param(["schema"], id="schema")],
)
def test_the_command_line_starts_without_spacy(args: list[str]) -> None:
    code = (
        "import sys\n"
        "import claimwire.cli\n"
        "assert 'spacy' not in sys.modules, 'importing the CLI loaded spaCy'\n"
        "from click.testing import CliRunner\n"
        f"result = CliRunner().invoke(claimwire.cli.main, {args!r})\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(name for name in ('spacy', 'thinc') if name in sys.modules))\n"
    )
    assert _python(code) == "[]"


def test_the_package_root_is_lazy() -> None:
    code = (
        "import sys, claimwire\n"
        "assert 'spacy' not in sys.modules and 'claimwire.models' not in sys.modules\n"
        "assert {'extract', 'Corpus', '__version__'} <= set(dir(claimwire))\n"
        "from claimwire import Corpus, Result, SCHEMA_VERSION, ClaimwireError\n"
        "assert 'spacy' not in sys.modules, 'the Corpus facade loaded spaCy'\n"
        "from claimwire.nlp.extract import extract\n"
        "assert claimwire.extract is extract and claimwire.Corpus.__module__ == "
        "'claimwire.corpus.corpus'\n"
        "print(claimwire.__version__ == __import__('claimwire.version').version.__version__)\n"
    )
    assert _python(code) == "True"


def test_an_unknown_root_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = claimwire.nothing_here  # type: ignore[attr-defined]
