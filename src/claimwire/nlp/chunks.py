"""Long articles through the spaCy model in pieces, so that memory stays bounded.

The model's memory grows with the length of the text it is given (the parser's and the
recognizer's states and activations). An article longer than
:data:`~claimwire.nlp.limits.CHUNK_CHARS` characters is cut at paragraph breaks into
pieces no longer than that; the model runs on each piece, the pieces are joined back into
one Doc (``Doc.from_docs``, no space added: the joined text is the article's text, so every
offset stays exact), and claimwire's components run on the whole Doc, as for any article.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from ..components import keys

BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"\s"))
"""Where a piece may end, best first: a blank line, a line break, any space."""


def split_text(text: str, size: int) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``size`` characters.

    Each piece ends after the last paragraph break (else line break, else space) that fits;
    a run of ``size`` characters without any space is cut where it must. The pieces joined
    give ``text`` back.
    """
    pieces = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = 0
        for pattern in BREAKS:
            ends = [match.end() for match in pattern.finditer(window)]
            if ends and ends[-1] > size // 4:
                cut = ends[-1]
                break
        cut = cut or size
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def model_pass(nlp: Language) -> list[str]:
    """The components of ``nlp`` that make the parse: every one before claimwire's numbers."""
    names = nlp.pipe_names
    end = names.index(keys.NUMBERS_FACTORY) if keys.NUMBERS_FACTORY in names else len(names)
    return names[:end]


def pipe_in_pieces(
    nlp: Language, doc: Doc, size: int, check: Callable[[str], None] | None = None
) -> Doc:
    """Run ``nlp`` on ``doc``'s text piece by piece for the model, whole for claimwire.

    Args:
        nlp: The claimwire pipeline.
        doc: The tokenized article (its ``user_data`` is carried over).
        size: Longest piece, in characters.
        check: Called with each component's name before it runs (a time budget's check).

    Returns:
        A new Doc of the same text with every component's annotations.
    """
    names = model_pass(nlp)
    pieces = split_text(doc.text, size)
    parts = []
    with nlp.select_pipes(enable=names):
        for part in nlp.pipe(pieces, batch_size=1):
            if check is not None:
                check(names[0])  # between pieces: a long article is stopped early
            parts.append(part)
    joined = Doc.from_docs(parts, ensure_whitespace=False)
    del parts  # the pieces' Docs are copied into ``joined``: free them before the components
    joined.user_data.update(doc.user_data)
    for name, component in nlp.pipeline:
        if name in names:
            continue
        if check is not None:
            check(name)
        joined = component(joined)
    return joined
