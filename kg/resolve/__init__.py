"""Resolution: one node per person across documents and languages, merged cautiously and explainably."""
