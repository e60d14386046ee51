"""``claimwire_attributes_v1``: the model's attribute ruler and lemmatizer, in one cached pass.

The English model maps fine tags to POS and morphology with an ``attribute_ruler`` (a
Matcher of some 180 patterns run over every token) and then lemmatizes every token in
Python. Both only depend on a few attributes of each token, so this component computes the
same values once per distinct token and reads and writes them as arrays:

- the attribute ruler's single-token patterns depend only on the token's own ``TAG``,
  ``LOWER``, ``DEP``, ``ORTH`` and ``IS_SPACE``: their merged attributes are cached per
  distinct combination; its few multi-token patterns run in a small Matcher of their own;
  the patterns apply in the ruler's order (a later pattern wins), as in spaCy;
- a token's rule lemma depends only on its ``ORTH``, ``POS`` and ``MORPH`` (spaCy's own
  lemmatizer caches it under that key): it is cached per distinct triple.

The output is the same as the two components' (``tests/test_attributes.py`` compares every
token attribute on texts of several kinds). It is built from a pipeline's own
``attribute_ruler`` and ``lemmatizer`` and replaces them
(:func:`claimwire.nlp.pipeline.build_pipeline`); a ruler pattern of a shape it does not
know (another model's) raises :class:`UnsupportedPatternError` and the pipeline keeps
spaCy's components.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

from . import keys

KEY_ATTRS = (TAG, LOWER, DEP, ORTH, IS_SPACE)
"""The token attributes a single-token pattern may test (the cache key, in this order)."""
PATTERN_KEYS = {"TAG": 0, "LOWER": 1, "DEP": 2, "ORTH": 3, "TEXT": 3, "IS_SPACE": 4}
"""Pattern keys -> column of the cache key."""
ARRAY_ATTRS = (POS, MORPH, LEMMA)
"""Attributes written as arrays; any other one a pattern sets is set token by token."""


class UnsupportedPatternError(ValueError):
    """An attribute-ruler pattern this component cannot evaluate from its cache key."""


def _predicate(value: Any, strings: Any) -> Any:
    """A test of one key column for one pattern value (a hash or a bool)."""
    if isinstance(value, bool):
        return lambda column: bool(column) == value
    if isinstance(value, str):
        wanted = strings.add(value)
        return lambda column: column == wanted
    if isinstance(value, dict) and len(value) == 1:
        ((operator, argument),) = value.items()
        if operator in ("IN", "NOT_IN") and isinstance(argument, list):
            members = {strings.add(item) for item in argument}
            if operator == "IN":
                return lambda column: column in members
            return lambda column: column not in members
        if operator == "REGEX" and isinstance(argument, str):
            regex = re.compile(argument)
            return lambda column: bool(regex.search(strings[column]))
    raise UnsupportedPatternError(f"attribute-ruler pattern value {value!r} is not supported")


def _members(value: Any, strings: Any) -> set[int] | None:
    """The values a test accepts when it is an equality or ``IN`` test, else None."""
    if isinstance(value, str):
        return {strings.add(value)}
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("IN"), list):
        return {strings.add(item) for item in value["IN"]}
    return None


def _indexed_lemmatizer(lemmatizer: Any) -> Any:
    """A copy of a rule ``lemmatizer`` whose word index holds sets.

    spaCy's rule lemmatizer keeps the known words per POS (``lemma_index``) as lists and
    tests each candidate form against them, a scan of up to 60,000 words per rule; the same
    words as sets give the same lemmas. The model's own lemmatizer is left as it is.
    """
    indexed = copy.copy(lemmatizer)
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            lookups.add_table(name, {key: frozenset(words) for key, words in table.items()})
        else:
            lookups.add_table(name, dict(table.items()))
    indexed.lookups = lookups
    indexed.cache = {}
    indexed.lemmatize = indexed.rule_lemmatize
    return indexed


class CachedAttributes:
    """The attribute ruler and the rule lemmatizer of a pipeline, as one cached pass."""

    def __init__(self, nlp: Language, ruler: Any, lemmatizer: Any) -> None:
        self.vocab = nlp.vocab
        self.lemmatizer = _indexed_lemmatizer(lemmatizer)
        self.single: list[tuple[int, list[tuple[int, Any]], dict[int, int]]] = []
        self.multi = Matcher(nlp.vocab)
        self.multi_indices: dict[int, int] = {}
        self.multi_attrs: dict[int, dict[int, int]] = {}
        strings = nlp.vocab.strings
        members: list[tuple[int, int, set[int] | None]] = []
        for attr_id, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
            patterns = ruler.matcher.get(str(attr_id))[1]
            if "_" in attrs:
                raise UnsupportedPatternError("attribute-ruler patterns setting extensions")
            for pattern in patterns:
                if len(pattern) == 1:
                    tests = []
                    for name, value in pattern[0].items():
                        if name not in PATTERN_KEYS:
                            raise UnsupportedPatternError(f"pattern key {name!r}")
                        column = PATTERN_KEYS[name]
                        tests.append((column, _predicate(value, strings)))
                        members.append((len(self.single), column, _members(value, strings)))
                    self.single.append((attr_id, tests, dict(attrs)))
                else:
                    self.multi.add(str(attr_id), [pattern])
                    self.multi_indices[attr_id] = index
                    self.multi_attrs[attr_id] = dict(attrs)
        self.by_key: dict[tuple[int, ...], list[tuple[int, dict[int, int]]]] = {}
        self.lemmas: dict[tuple[int, int, int], int] = {}
        # A pattern matches a key when it passes its tests on every column: per column,
        # the patterns that pass on one value are a bit mask, computed once per value.
        # A pattern whose one test on a column is an equality (or ``IN``) is found through
        # an index of the values it accepts; any other test is evaluated.
        self.untested = [0 for _ in KEY_ATTRS]
        self.accepted: list[dict[int, int]] = [{} for _ in KEY_ATTRS]
        self.tested: list[list[tuple[int, list[Any]]]] = [[] for _ in KEY_ATTRS]
        for bit, (_, tests, _) in enumerate(self.single):
            for column in range(len(KEY_ATTRS)):
                on_column = [test for tested, test in tests if tested == column]
                sets = [
                    found for index, tested, found in members if index == bit and tested == column
                ]
                if not on_column:
                    self.untested[column] |= 1 << bit
                elif len(sets) == 1 and sets[0] is not None:
                    for value in sets[0]:
                        index_of = self.accepted[column]
                        index_of[value] = index_of.get(value, 0) | 1 << bit
                else:
                    self.tested[column].append((1 << bit, on_column))
        self.masks: list[dict[int, int]] = [{} for _ in KEY_ATTRS]

    def _mask(self, column: int, value: int) -> int:
        """The patterns (as bits) whose tests on ``column`` all pass for ``value``."""
        mask = self.masks[column].get(value)
        if mask is None:
            mask = self.untested[column] | self.accepted[column].get(value, 0)
            for bit, tests in self.tested[column]:
                if all(test(value) for test in tests):
                    mask |= bit
            self.masks[column][value] = mask
        return mask

    def _rules_for(self, key: tuple[int, ...]) -> list[tuple[int, dict[int, int]]]:
        found = self.by_key.get(key)
        if found is None:
            mask = -1
            for column, value in enumerate(key):
                mask &= self._mask(column, value)
            found = []
            while mask:
                low = mask & -mask
                attr_id, _, attrs = self.single[low.bit_length() - 1]
                found.append((attr_id, attrs))
                mask ^= low
            self.by_key[key] = found
        return found

    def _multi_rules(self, doc: Doc) -> dict[int, list[tuple[int, dict[int, int]]]]:
        extra: dict[int, list[tuple[int, dict[int, int]]]] = {}
        if not self.multi_attrs:
            return extra
        strings = self.vocab.strings
        for match_id, start, end in self.multi(doc, allow_missing=True):
            attr_id = int(strings[match_id])
            position = range(start, end)[self.multi_indices[attr_id]]
            extra.setdefault(position, []).append((attr_id, self.multi_attrs[attr_id]))
        return extra

    def __call__(self, doc: Doc) -> Doc:
        """Set POS, morphology, lemma (and the rare tag or dependency) as the model would."""
        if not len(doc):
            return doc
        keys_array = doc.to_array(list(KEY_ATTRS)).tolist()
        values: Any = doc.to_array(list(ARRAY_ATTRS))
        extra = self._multi_rules(doc)
        pos_column, morph_column, lemma_column = values[:, 0], values[:, 1], values[:, 2]
        for i, key in enumerate(keys_array):
            rules = self._rules_for(tuple(key))
            if i in extra:
                rules = sorted([*rules, *extra[i]], key=lambda rule: rule[0])
            if not rules:
                continue
            merged: dict[int, int] = {}
            for _, attrs in rules:
                merged.update(attrs)
            others = {}
            for attr, value in merged.items():
                if attr == POS:
                    pos_column[i] = value
                elif attr == MORPH:
                    morph_column[i] = value
                elif attr == LEMMA:
                    lemma_column[i] = value
                else:
                    others[attr] = value
            if others:
                set_token_attrs(doc[i], others)
        self._lemmatize(doc, values)
        doc.from_array(list(ARRAY_ATTRS), values)
        return doc

    def _lemmatize(self, doc: Doc, values: Any) -> None:
        """Fill the lemma column where the ruler set none, from the rule lemmatizer."""
        orths = doc.to_array(ORTH).tolist()
        lemma_column = values[:, 2]
        strings = self.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(
            zip(
                orths,
                values[:, 0].tolist(),
                values[:, 1].tolist(),
                lemma_column.tolist(),
                strict=True,
            )
        ):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = self.lemmas.get(key)
            if found is None:
                token = doc[i]
                set_token_attrs(token, {POS: pos, MORPH: morph})
                found = strings.add(self.lemmatizer.lemmatize(token)[0])
                self.lemmas[key] = found
            lemma_column[i] = found


@Language.factory(keys.ATTRIBUTES_FACTORY, assigns=["token.pos", "token.morph", "token.lemma"])
def make_cached_attributes(nlp: Language, name: str) -> CachedAttributes:
    """The ``claimwire_attributes_v1`` component, built from ``nlp``'s own ruler and
    lemmatizer (which must be in the pipeline when it is added).

    Raises:
        UnsupportedPatternError: A ruler pattern of a shape the cache cannot evaluate.
        ValueError: The pipeline has no ``attribute_ruler`` or no rule ``lemmatizer``.
    """
    del name
    if "attribute_ruler" not in nlp.pipe_names or "lemmatizer" not in nlp.pipe_names:
        raise ValueError("claimwire_attributes_v1 needs the model's attribute_ruler and lemmatizer")
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
        raise UnsupportedPatternError("only a rule lemmatizer that does not overwrite is cached")
    return CachedAttributes(nlp, nlp.get_pipe("attribute_ruler"), lemmatizer)
