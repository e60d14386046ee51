"""A synthetic store of many articles (a million and more), for measuring the dashboard.

:func:`build_synthetic_store` writes articles, their facts, places, claimants, event
clusters, series, contradictions and watch state straight into the store's tables (no
extraction), with distributions like a real news archive's: a few conflicts, places,
claimants and outlets take most articles; dates come in bursts; events are reported by
several outlets; wire copies and superseded versions occur. See docs/scale.md.
"""

from .build import SyntheticSummary, build_synthetic_store

__all__ = ["SyntheticSummary", "build_synthetic_store"]
