"""Reading the parse for the event rules: token keys, noun phrases, objects, salience.

Lexicon phrases are matched on token *keys*: the lower-cased lemma and surface form of a
token (and the lemma of an irregular form the small model gets wrong), computed once per
document and kept on the Doc (``doc.user_data[keys.EVENT_TOKEN_KEYS]``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from .. import keys
from .._base import doc_text
from .._view import token_lemmas, token_lowers
from .lexicon import ontology
from .settings import ANCESTOR_HOPS, OBJECT_WINDOW, SALIENCE

PHRASE_DEPS = frozenset(
    {"compound", "amod", "conj", "prep", "pobj", "nummod", "nmod", "appos", "quantmod", "poss"}
)
"""Dependencies that stay inside a noun phrase."""
OBJECT_PREPS = frozenset({"of", "over", "into", "to", "on", "from", "at", "out", "off", "back"})
"""Prepositions whose object is the object of a trigger ('took control of', 'fell to')."""
FLAT_DEPS = frozenset({"conj", "xcomp", "aux", "ccomp"})
"""Dependencies that do not bury a trigger deeper (see :func:`salience`)."""
SentenceWords = tuple[set[str], str]


def phrase_words(phrase: str) -> tuple[str, ...]:
    """Token words of a lexicon phrase, split as spaCy splits them ('pro-moscow' -> 3)."""
    spaced = re.sub(r"(?<=\w)-(?=\w)", " - ", phrase.lower()).replace("'s", " 's")
    return tuple(spaced.split())


def token_keys(token: Token) -> tuple[str, ...]:
    """The keys a lexicon word may match on a token: lemma, lower form, irregular lemma."""
    return _keys(token.lemma_.lower(), token.lower_)


def _keys(lemma: str, lower: str) -> tuple[str, ...]:
    irregular = ontology().irregular_forms.get(lower)
    if irregular:
        return lemma, lower, irregular
    return lemma, lower


def doc_token_keys(doc: Doc) -> list[tuple[str, ...]]:
    """:func:`token_keys` of every token of ``doc``, computed once and kept on the Doc."""
    found: list[tuple[str, ...]] | None = doc.user_data.get(keys.EVENT_TOKEN_KEYS)
    if found is None or len(found) != len(doc):
        pairs = zip(token_lemmas(doc), token_lowers(doc), strict=True)
        found = doc.user_data[keys.EVENT_TOKEN_KEYS] = [_keys(*pair) for pair in pairs]
    return found


def consecutive(doc: Doc, i: int, words: tuple[str, ...]) -> bool:
    """Whether ``words`` match the keys of the tokens from ``i`` on."""
    found = doc_token_keys(doc)
    return i + len(words) <= len(found) and all(words[k] in found[i + k] for k in range(len(words)))


def has_any(sent_words: set[str], sent_text: str, cues: Iterable[str]) -> bool:
    """Whether a sentence has one of ``cues``: a word among its words, a phrase in its text."""
    for cue in cues:
        if " " in cue or "-" in cue or "'" in cue:
            if cue in sent_text:
                return True
        elif cue in sent_words:
            return True
    return False


def sentence_words(sent: Span) -> SentenceWords:
    """The lemmas and lower forms of a sentence, and its text followed by its lemmas."""
    # From the token keys and the text computed once per Doc, not token by token.
    sent_keys = doc_token_keys(sent.doc)[sent.start : sent.end]
    words = {k[0] for k in sent_keys} | {k[1] for k in sent_keys}
    lemma_text = " ".join(k[0] for k in sent_keys)
    text = doc_text(sent.doc)[sent.start_char : sent.end_char] if len(sent) else ""
    return words, f"{text.lower()} || {lemma_text}"


def phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head``, with 'of' complements, without clauses."""
    found: list[Token] = []
    stack = [head]
    while stack and len(found) < OBJECT_WINDOW:
        token = stack.pop()
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ in PHRASE_DEPS)
    return found


def noun_keys(token: Token) -> set[str]:
    """Lemma and surface forms of a noun, with a naive singular ('bases' -> 'base')."""
    lower = token.lower_
    found = {token.lemma_.lower(), lower}
    if lower.endswith("es"):
        found.add(lower[:-2])
    if lower.endswith("s"):
        found.add(lower[:-1])
    return found


def toponym_like(token: Token) -> bool:
    """A place name by the model's entities, or a proper noun the model did not type."""
    if token.ent_type_ in {"GPE", "LOC", "FAC"}:
        return True
    return token.pos_ == "PROPN" and token.ent_type_ in {"", "ORG"} and token.is_title


def counted(token: Token) -> bool:
    """A number, or a noun with a number ('1,432 tanks')."""
    return token.pos_ == "NUM" or any(c.dep_ == "nummod" for c in token.children)


def argument_tokens(token: Token) -> list[Token]:
    """Objects, passive subjects, prepositional objects and modifiers of a trigger."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in {"dobj", "nsubjpass", "attr", "poss", "compound", "npadvmod", "oprd"}:
            found.append(child)
        elif child.dep_ in {"prep", "agent"} or child.dep_ == "prt":
            found.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "nsubj" and token.pos_ == "VERB":
            found.append(child)
    for arg in list(found):
        found.extend(c for c in arg.children if c.dep_ in {"compound", "amod", "conj"})
        found.extend(g for c in arg.children if c.dep_ == "prep" for g in c.children)
    return found


def object_phrases(mention_tokens: list[Token]) -> list[Token]:
    """Tokens of the object phrases of a trigger (no doer, no embedded clause)."""
    return [t for head in object_heads(mention_tokens) for t in phrase_tokens(head)]


def object_heads(mention_tokens: list[Token]) -> list[Token]:
    """Head nouns of the objects of a trigger: object, passive subject, 'of'/'over' objects."""
    found: list[Token] = []
    for token in mention_tokens:
        for child in token.children:
            heads: list[Token] = []
            if child.dep_ in {"dobj", "nsubjpass", "attr", "oprd"} or (
                child.dep_ == "nsubj" and token.pos_ != "VERB"
            ):
                heads.append(child)
            elif child.dep_ in {"prep", "prt"} and child.lower_ in OBJECT_PREPS:
                heads.extend(g for g in child.children if g.dep_ == "pobj")
                heads.extend(
                    g
                    for c in child.children
                    if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS
                    for g in c.children
                    if g.dep_ == "pobj"
                )
            elif child.dep_ == "nsubj" and not any(c.dep_ == "dobj" for c in token.children):
                heads.append(child)  # "the city fell"
            found.extend(heads)
    return found


def salience(token: Token) -> float:
    """Main-clause triggers count more than ones buried in modifiers ('scene of an attack')."""
    depth = 0
    deepest = len(SALIENCE) - 1
    for _ in range(ANCESTOR_HOPS):
        if token.head.i == token.i or depth >= deepest:
            break
        if token.dep_ not in FLAT_DEPS:
            depth += 1
        token = token.head
    return SALIENCE[min(depth, deepest)]
