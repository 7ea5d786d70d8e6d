"""Text any stage reads: script and language, name keys, folding, sentences, dates, safe output text."""
