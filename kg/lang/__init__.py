"""Per-language rules (English, Chinese, Russian), each in its own module behind one interface."""
