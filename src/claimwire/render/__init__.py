"""Output formats of results: JSON lines, tables for people, a self-contained HTML page."""
