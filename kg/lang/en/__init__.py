"""English: names, titles chains, cue words and bylines of English press releases (see rules.py)."""
