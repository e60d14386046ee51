r"""``claimwire_lines_v1``: sentence boundaries at line breaks, set before the parser runs.

Articles copied from the web break lines in the middle of sentences ("fighting for not
just a\nstreet but ..."), and the statistical parser sometimes splits there. This
component decides at every line break, from the characters around it, whether the next
token starts a sentence, and presets ``token.is_sent_start``; the parser respects it.

- A blank line (paragraph break) always starts a sentence.
- A line ending in terminal punctuation (optionally followed by a closing quote) does too.
- A line that continues in lower case, or that ends on a function word, a comma or a dash,
  is the same sentence.
- Anything else (a headline, a byline) ends its sentence at the line break.
- A quote mark glued to terminal punctuation ('line."') closes that sentence, never
  opens the next.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from . import keys

TERMINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
CLOSING_QUOTES = frozenset({'"', "”", "’", "'", "»"})
CONTINUING = frozenset({",", ";", "-", "–", "—", "(", "/", "&"})


def ends_sentence(token: Token) -> bool:
    """Tell whether ``token`` closes a sentence: terminal punctuation, maybe then a quote."""
    if token.text in TERMINAL or (token.text.endswith((".", "!", "?", "…")) and token.is_punct):
        return True
    if token.text in CLOSING_QUOTES and token.i > 0:
        return ends_sentence(token.doc[token.i - 1])
    return False


def closes_quote(token: Token) -> bool:
    """Tell whether ``token`` is a quote mark closing a sentence ('line."' then a space)."""
    if token.text not in CLOSING_QUOTES or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    followed = bool(token.whitespace_) or token.i + 1 == len(token.doc)
    followed = followed or token.doc[token.i + 1].is_space
    return not before.whitespace_ and ends_sentence(before) and followed


def continues_sentence(before: Token, after: Token) -> bool:
    """Tell whether the line break between ``before`` and ``after`` is inside a sentence."""
    if after.text[:1].islower():
        return True
    if before.text in CONTINUING:
        return True
    return before.is_alpha and before.is_lower and before.is_stop


def find_breaks(doc: Doc) -> list[tuple[int, bool]]:
    """Decide each line break of ``doc``.

    Args:
        doc: A tokenized document (no parse needed).

    Returns:
        ``(token index, starts a sentence)`` for the first token after each line break.
    """
    found: list[tuple[int, bool]] = []
    for token in doc:
        if closes_quote(token):
            found.append((token.i, False))
        if "\n" not in token.text or not token.is_space:
            continue
        if token.i == 0 or token.i + 1 >= len(doc):
            continue
        before, after = doc[token.i - 1], doc[token.i + 1]
        if "\n\n" in token.text or ends_sentence(before):
            found.append((after.i, True))
        else:
            found.append((after.i, not continues_sentence(before, after)))
    return found


class LineBreaks:
    """Presets sentence starts at line breaks (see the module docstring)."""

    def __init__(self, name: str = keys.LINES_FACTORY) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Preset the sentence starts of ``doc`` at its line breaks."""
        self.set_annotations(doc, find_breaks(doc))
        return doc

    def set_annotations(self, doc: Doc, found: list[tuple[int, bool]]) -> None:
        """Write the decisions of :func:`find_breaks` into ``token.is_sent_start``."""
        for index, starts in found:
            doc[index].is_sent_start = starts


@Language.factory(
    keys.LINES_FACTORY,
    assigns=["token.is_sent_start"],
)
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    """Create the line-break component (spaCy factory ``claimwire_lines_v1``)."""
    return LineBreaks(name)
