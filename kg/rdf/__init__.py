"""RDF: the extracted and resolved facts as named graphs with their evidence, and their validation."""
