"""The language of an article: given with the input, or identified with py3langid.

claimwire's rules are English; an article in another language must be recognised, not
read as English. py3langid (a naive Bayes model over byte n-grams, shipped in its package,
loaded offline once per process) names the language; two guards keep English articles
English:

- **Script.** Mixed text is judged by its dominant script: an English article that quotes
  a Ukrainian or Arabic phrase has mostly Latin letters, and only its Latin-script words
  are classified (byte n-grams of another script would otherwise outvote the English).
  A text whose letters are mostly not Latin is never English.
- **Confidence and length.** A Latin-script text is called non-English only when the
  model is confident and there are enough letters to tell: a short headline full of
  names is English unless the model is sure it is not.

Digits and punctuation are left out before classification (a table of figures says
nothing about the language).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from ..models import Problem

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

SUPPORTED: Final = frozenset({"en"})
"""Languages claimwire's rules are written for."""

DEFAULT: Final = "en"
"""The language of a text too short, or with too few letters, to tell."""

SAMPLE_CHARS: Final = 5_000
"""Characters classified: the start of a long article tells its language as well as the
whole does, and classification costs about 2 microseconds a byte (pure Python), so a
sample caps it near 10 ms an article."""

MIN_LETTERS: Final = 12
"""A Latin-script text with fewer letters than this (a date line, a table of numbers)
cannot be told: English by default. A text in another script needs no minimum."""

LATIN_MAJORITY: Final = 0.5
"""Share of Latin letters above which a text is judged as Latin-script (English or another
Latin-script language); below it, the text is in another script and never English."""

MIN_CONFIDENCE: Final = 0.9
"""Probability the model must give a language other than English before a Latin-script
text is called non-English. Over the 16,000 English texts and 11,800 English headlines,
first lines and sentences of the development sets, no other language scored above 0.82 (a
fragment of mis-decoded quote marks), and all but five scored below 0.5; a French or German news
paragraph scores 0.99 and more."""

SHORT_LETTERS: Final = 60
"""A Latin-script text with fewer letters than this (a headline) is non-English only at
``SHORT_CONFIDENCE``."""

SHORT_CONFIDENCE: Final = 0.95
"""The confidence a short Latin-script text needs to be called non-English."""

ENGLISH_WORDS: Final = frozenset(
    [
        "the",
        "and",
        "that",
        "with",
        "which",
        "from",
        "have",
        "has",
        "had",
        "been",
        "this",
        "they",
        "their",
        "would",
        "said",
        "were",
        "who",
        "but",
        "it",
        "its",
    ]
)
"""English function words that are rare in other Latin-script languages: an
article in which they are :data:`ENGLISH_WORD_SHARE` of the words is plainly English, and
the model is not asked (a French, German or Dutch text has almost none of them)."""

ENGLISH_WORD_SHARE: Final = 0.12
"""Share of :data:`ENGLISH_WORDS` among the words of a sample above which it is English
without the model. English news runs at 15-20%; over the 3,286 texts of the development
sets, every one at or above this share was also English to the model."""

ENGLISH_WORDS_MIN: Final = 100
"""Words a sample needs before :data:`ENGLISH_WORD_SHARE` decides (a short text costs the
model little, and a few words say too little)."""

ENGLISH_LIKE: Final = frozenset({"en", "pcm"})
"""Labels that mean the English rules apply: Nigerian Pidgin ("pcm") is the model's usual
second guess for English news and shares its words."""

ALIASES: Final = {
    "ary": "ar",  # Moroccan Arabic
    "arz": "ar",  # Egyptian Arabic
    "uzs": "uz",  # Southern Uzbek
    "sdh": "ku",  # Southern Kurdish
    "gug": "gn",  # Paraguayan Guarani
    "kik": "ki",  # Kikuyu
    "fuv": "ff",  # Nigerian Fulfulde
    "yue": "zh",  # Cantonese
    "wuu": "zh",  # Wu Chinese
    "hbo": "he",  # Ancient Hebrew
    "grc": "el",  # Ancient Greek
    "ltg": "lv",  # Latgalian
    "nn": "no",  # Norwegian Nynorsk
}
"""The model's ISO 639-3 labels that have an ISO 639-1 macrolanguage; the others (e.g.
``"ace"``, Acehnese) have no two-letter code and are kept as they are."""

NO_LANGUAGE: Final = "zxx"
"""The model's label for text without linguistic content."""

_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_LATIN_LETTER = re.compile(f"[{_LATIN}]")
_LETTER = re.compile(r"[^\W\d_]")
_OTHER_SCRIPT_LETTERS = re.compile(f"[^\\W\\d_{_LATIN}]+")
_NOT_LETTERS = re.compile(r"[\W\d_]+")

Method = Literal["detected", "given", "default", "english_words"]


@dataclass(frozen=True)
class LanguageGuess:
    """The language of one text and how it was decided."""

    code: str
    """ISO 639-1 code (ISO 639-3 for a language that has none)."""
    confidence: float | None
    """The model's probability for ``code``; None when given or defaulted."""
    method: Method
    """``detected`` by the model, ``given`` with the input, ``default`` (too short), or
    ``english_words`` (plainly English by its function words, the model not asked)."""

    @property
    def supported(self) -> bool:
        """Whether claimwire's English rules apply to the text."""
        return self.code in SUPPORTED

    @property
    def name(self) -> str:
        """The language's English name ("Ukrainian")."""
        return language_name(self.code)


@functools.cache
def identifier() -> LanguageIdentifier:
    """py3langid's model with probabilities, loaded once per process (about a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> LanguageGuess:
    """Identify the language of an article's text.

    Args:
        text: The normalized article text.

    Returns:
        The language, its probability and ``method="detected"``; English with
        ``method="default"`` for a text with too few letters to tell.
    """
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    latin = len(_LATIN_LETTER.findall(sample))
    if latin < LATIN_MAJORITY * letters:
        return _other_script(sample)
    if latin < MIN_LETTERS:
        return LanguageGuess(DEFAULT, None, "default")
    latin_sample = _OTHER_SCRIPT_LETTERS.sub(" ", sample)
    if plainly_english(latin_sample):
        return LanguageGuess(DEFAULT, None, "english_words")
    return _latin_script(latin_sample, latin)


def plainly_english(text: str) -> bool:
    """Whether ``text`` is English by the share of its words that are English function
    words (:data:`ENGLISH_WORDS`): a pass over its words, against the model's byte n-grams
    (about a tenth of the cost). False for a text of too few words: the model decides."""
    words = _words(text).lower().split()
    if len(words) < ENGLISH_WORDS_MIN:
        return False
    english = sum(1 for word in words if word in ENGLISH_WORDS)
    return english >= ENGLISH_WORD_SHARE * len(words)


def _latin_script(sample: str, letters: int) -> LanguageGuess:
    """A mostly Latin text: English unless the model is sure of another language."""
    ranked = identifier().rank(_words(sample))
    code, confidence = ranked[0]
    needed = SHORT_CONFIDENCE if letters < SHORT_LETTERS else MIN_CONFIDENCE
    if code in ENGLISH_LIKE or code == NO_LANGUAGE or confidence < needed:
        english = next(score for label, score in ranked if label == "en")
        return LanguageGuess(DEFAULT, round(english, 3), "detected")
    return LanguageGuess(ALIASES.get(code, code), round(confidence, 3), "detected")


def _other_script(sample: str) -> LanguageGuess:
    """A text mostly in another script than Latin: its best language other than English."""
    ranked = identifier().rank(_words(sample))
    code, confidence = next(
        (label, score) for label, score in ranked if label not in ENGLISH_LIKE | {NO_LANGUAGE}
    )
    return LanguageGuess(ALIASES.get(code, code), round(confidence, 3), "detected")


def _words(text: str) -> str:
    """The letters of ``text`` as space-separated words: no digits, no punctuation."""
    return _NOT_LETTERS.sub(" ", text).strip()


def given_language(value: str) -> str | None:
    """The ISO code of a language given with an input, or None when it cannot be read.

    Accepts an ISO 639-1 or 639-3 code or a BCP 47 tag (``"en"``, ``"en-GB"``,
    ``"uk_UA"``, ``"fra"``) or an English name (``"French"``).
    """
    text = value.strip()
    primary = re.split(r"[-_]", text, maxsplit=1)[0].lower()
    if re.fullmatch(r"[a-z]{2}", primary):
        return primary if _pycountry_language(alpha_2=primary) else None
    if re.fullmatch(r"[a-z]{3}", primary):
        record = _pycountry_language(alpha_3=primary)
        return getattr(record, "alpha_2", primary) if record is not None else None
    record = _pycountry_language(name=text)
    return getattr(record, "alpha_2", None) or getattr(record, "alpha_3", None)


def language_name(code: str) -> str:
    """The English name of a language code ("uk" -> "Ukrainian"), or the code itself."""
    record = _pycountry_language(**{"alpha_2" if len(code) == 2 else "alpha_3": code})
    if record is None:
        return code
    return re.sub(r"\s*\(.*\)$", "", str(getattr(record, "name", code)))


def _pycountry_language(**query: str) -> object | None:
    import pycountry

    try:
        return pycountry.languages.get(**query)
    except LookupError:
        return None


def unsupported_language(guess: LanguageGuess, *, source: str | None = None) -> Problem:
    """The problem of an article in a language claimwire has no rules for.

    Args:
        guess: The article's language.
        source: Where the article was read.

    Returns:
        An ``unsupported_language`` warning naming the language and how it was known.
    """
    how = (
        f"confidence {guess.confidence:.2f}"
        if guess.confidence is not None
        else "as given with the input"
    )
    return Problem(
        code="unsupported_language",
        message=(
            f"article is in {guess.name} ({guess.code}, {how}); claimwire extracts English "
            "only: no figures, claims, places or events were extracted"
        ),
        source=source,
    )
