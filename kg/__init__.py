"""kg: a multilingual knowledge graph of the actors behind regional development in Changchun and Jilin.

Importing the package is cheap; heavy libraries (rdflib plugins, jieba, pyshacl) load lazily in the
modules that need them.
"""

__version__ = "0.1.0"
