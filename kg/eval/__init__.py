"""Evaluation: scoring against gold annotations, and the synthetic corpus with its ground truth."""
