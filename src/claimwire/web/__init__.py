"""claimwire's REST API and web dashboard (``claimwire serve``).

One process serves JSON under ``/api/...`` and server-rendered pages over the same
queries (every page has a JSON twin with the same query string). See
:func:`claimwire.web.app.create_app`.
"""
