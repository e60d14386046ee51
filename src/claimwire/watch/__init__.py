"""``claimwire watch``: follow RSS and Atom feeds, sitemaps and folders into a store.

:mod:`.config` reads and writes the sources file, :mod:`.fetch` fetches politely,
:mod:`.feeds` lists what a feed, sitemap or folder holds, :mod:`.state` keeps every
source's health and every item's progress in the store, and :mod:`.loop` runs it all:
polls and fetches on threads, extraction and storing on the calling thread. See
docs/watch.md.
"""
