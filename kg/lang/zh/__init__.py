"""Chinese (simplified and traditional): names, title chains, cue words and bylines (see rules.py)."""
