"""What a counted phrase is: its category, matched on the forms of its words."""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Token

from ...vocab import Category, CategoryGroup
from .lexicon import category_index, load_lexicon, split_phrase
from .settings import MIN_REPAIRED_LENGTH


def word_forms(word: str, lemma: str | None = None) -> frozenset[str]:
    """The forms a vocabulary entry may match: lower case, lemma, without a plural s."""
    lower = word.lower()
    forms = {lower}
    if lemma:
        forms.add(lemma.lower())
    # the stem left after a plural ending has at least two letters ("cities", "buses")
    if lower.endswith("ies") and len(lower) > 4:
        forms.add(lower[:-3] + "y")
    if lower.endswith("es") and len(lower) > 3:
        forms.add(lower[:-2])
    if lower.endswith("s") and len(lower) > 2:
        forms.add(lower[:-1])
    return frozenset(forms)


def token_forms(token: Token) -> frozenset[str]:
    """:func:`word_forms` of a token, with its lemma."""
    return word_forms(token.text, token.lemma_)


def phrase_at(forms: list[frozenset[str]], i: int, phrase: tuple[str, ...]) -> bool:
    """Whether the words of ``phrase`` are among the forms from position ``i`` on."""
    if i + len(phrase) > len(forms):
        return False
    return all(word in forms[i + k] for k, word in enumerate(phrase))


def categorize(forms: list[frozenset[str]], head: int | None = None) -> Category | None:
    """The category of a noun phrase given the forms of its words.

    Multi-word forms anywhere in the phrase win, then the head noun, then modifiers from
    right to left ("troop losses" -> soldiers).

    Args:
        forms: :func:`word_forms` of each word of the phrase.
        head: Index of the head word (default: the last word).

    Returns:
        The category name, or None.
    """
    index = category_index()
    for phrase, name in index.phrases:
        if any(phrase_at(forms, i, phrase) for i in range(len(forms))):
            return name
    head = len(forms) - 1 if head is None else head
    order = [head, *range(head - 1, -1, -1)]
    elliptic = load_lexicon().elliptic_nouns
    for position in order:
        for form in sorted(forms[position]):
            if form in index.nouns and (position == head or form not in elliptic):
                return index.nouns[form]  # "16 other counties": "other" names no people there
    return None


def repaired_category(words: list[str]) -> Category | None:
    """The people category of a misspelled or split head noun ("imembers", "memb ers"):
    the last word, or the last two joined, one edit from a noun of a people category."""
    candidates = [words[-1].lower()]
    if len(words) > 1:
        candidates.insert(0, (words[-2] + words[-1]).lower())
    for candidate in candidates:
        if len(candidate) < MIN_REPAIRED_LENGTH:
            continue
        for form in word_forms(candidate):
            name = _people_noun_near(form)
            if name is not None:
                return name
    return None


@lru_cache(maxsize=4096)
def _people_noun_near(form: str) -> Category | None:
    """The category of the first noun of a people category one edit from ``form``.

    Remembered per form: the search reads every noun of the vocabulary, and a text that
    repeats one phrase asked it again for each of its numbers."""
    index = category_index()
    lex = load_lexicon()
    for noun, name in index.nouns.items():
        if len(noun) < MIN_REPAIRED_LENGTH - 1 or lex.categories[name].group != "people":
            continue
        if Levenshtein.distance(form, noun, score_cutoff=1) <= 1:
            return name
    return None


def categorize_text(text: str) -> Category | None:
    """The category of a phrase given as plain text ("armoured personnel vehicles")."""
    words = [word.strip("(),.;:'\"") for word in split_phrase(text)]
    return categorize([word_forms(word) for word in words if word]) if words else None


def category_group(category: Category | None) -> CategoryGroup | None:
    """The group of a category: people, equipment, property or place."""
    if category is None:
        return None
    return load_lexicon().categories[category].group


def general_staff_column(category: Category | None) -> str | None:
    """The column of the Ukrainian General Staff loss series a category compares with
    ("tanks" -> "tank", "soldiers" -> "personnel"), or None."""
    if category is None:
        return None
    return load_lexicon().categories[category].general_staff
