"""The model: the ontology, the reference tables and the vocabulary read from them, and kg's IRIs."""
