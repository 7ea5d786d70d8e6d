"""The examples in kg's docstrings run: every module under kg/ imports, and its `>>>` examples give
the output written under them."""

import doctest
import importlib
import pkgutil

import pytest

import kg

MODULES = sorted(m.name for m in pkgutil.walk_packages(kg.__path__, "kg."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed (output above)"


@pytest.mark.parametrize("name", ["kg.text.names", "kg.text.normalize", "kg.ask.sparqltext", "kg.ask.querybase", "kg.model.corroboration"])
def test_the_examples_are_there(name):
    """The modules whose contracts the examples state have them (a lost example would pass silently)."""
    tests = doctest.DocTestFinder().find(importlib.import_module(name))
    assert sum(len(t.examples) for t in tests) >= 1
