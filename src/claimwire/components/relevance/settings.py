"""Every fixed number of ``claimwire_relevance_v1``, each with its reason.

The weights and the decision threshold are learned (``resources/relevance_model.json``);
what is here shapes the features and the evidence, not the decision.
"""

from __future__ import annotations

from typing import Final

EVIDENCE_FEATURES: Final = 4
"""Features named as evidence: the ones that pushed the score most towards the decision."""
EVIDENCE_SPANS: Final = 3
"""Spans kept per evidence feature: enough to show why, few enough to read."""
SHORT_TEXT_TOKENS: Final = 60
"""Below this many tokens a text is a snippet (a sentence or two): the ``short_text``
feature lets the model learn that a snippet's single trigger says more than one trigger
lost in a long article."""
LABEL_MARGIN: Final = 1.0
"""How much more protest evidence than armed-conflict evidence labels a relevant article
``protest`` (ties go to armed conflict: a protest fired on is still reported as
violence)."""
RATE_MIN_TOKENS: Final = 50
"""Rates are counted per 1,000 tokens of at least this many: one trigger in a ten-word
snippet is not a hundred times denser than in a thousand-word article."""
