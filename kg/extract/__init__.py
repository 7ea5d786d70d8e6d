"""Extraction: the facts one document states, from the per-language rules (`kg.lang`) and shared ones."""
