"""Russian: names in every case form, title chains, cue words and bylines (rules.py); stems (morph.py)."""
