"""The scene writers, one module per language, found through `scene_for`.

A module `kg/eval/synth/scenes/CODE.py` defines `Scene`, a subclass of `kg.eval.synth.scene.Scene` that says
in language CODE what the base class has happen: names and posts, dates, the header and byline, and the
sentences of each topic. Adding a language to the synthetic corpus means adding its module (and its names to
the world: `Place`, `Post` and `Person` carry one field per language); the languages are `kg.lang.LANGUAGES`.
"""

from __future__ import annotations

import importlib
from functools import cache

from kg.eval.synth.scene import Scene
from kg.lang import LANGUAGES

__all__ = ["scene_for"]


@cache
def scene_for(code: str) -> type[Scene]:
    """The scene writer of language `code`; KeyError for a language kg does not read."""
    if code not in LANGUAGES:
        raise KeyError(f"no scenes for language {code!r}")
    scene: type[Scene] = importlib.import_module(f"{__name__}.{code}").Scene
    return scene
