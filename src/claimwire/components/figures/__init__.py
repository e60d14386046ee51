"""``claimwire_figures_v1``: what each number counts, what happened to it, whose it is, when.

For every number of ``claimwire_numbers_v1`` that counts something, a :class:`FigureHit`
ties it to:

- the counted noun phrase ("150 Sudanese civilians"), a partitive ("12 of the army's
  helicopters", "30 of them are women"), the subject of a predicate nominal ("troop
  losses are now 45, 200 dead") or, for an elided head ("... and 400 injured"), the
  counted phrase of the figure before it in the sentence (:mod:`.counted`);
- a category of ``resources/figures.json`` (aligned with the General Staff loss series;
  :mod:`.categories`);
- a measure (killed, injured, destroyed, requested, controlled ...) from a trigger right
  after the counted phrase, attached to it, or up the dependency tree (:mod:`.triggers`);
  a sentence that is a bare list, or a list introduced by "It includes", continues the
  predicate of the sentence before it (:mod:`.measure`);
- negation, modality (actual, hypothetical, requested), the side of the counted, running
  total or increment, the time phrase, and new vs background (:mod:`.qualifiers`).

Numbers that count nothing of interest (years, ages, durations, distances, list indexes,
money) give no figure. The dependency parse is used when it helps and linear order when
the parse of news copy is unreliable. Vocabulary lives in ``resources/figures.json``
(:mod:`.lexicon`), thresholds in :mod:`.settings`; :mod:`.finder` puts it together and
:mod:`.component` is the spaCy component. Read the hits with :func:`hits_of`.
"""

from __future__ import annotations

from .categories import (
    categorize,
    categorize_text,
    category_group,
    general_staff_column,
    word_forms,
)
from .component import Figures, hits_of, make_figures
from .finder import find_figures
from .hits import FigureHit
from .lexicon import FiguresLexicon, load_lexicon

__all__ = [
    "FigureHit",
    "Figures",
    "FiguresLexicon",
    "categorize",
    "categorize_text",
    "category_group",
    "find_figures",
    "general_staff_column",
    "hits_of",
    "load_lexicon",
    "make_figures",
    "word_forms",
]
