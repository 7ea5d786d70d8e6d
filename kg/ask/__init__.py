"""Asking the built graph: stores, guarded SPARQL, named queries, who-met, profiles, paths."""
