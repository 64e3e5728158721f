"""The portal's interface strings, one YAML file per language under ``quangba/locales``."""

from __future__ import annotations

import functools
from importlib import resources

import yaml


@functools.cache
def ui_strings(language: str) -> dict[str, str]:
    """Interface strings of a language, falling back to English for anything it lacks."""
    folder = resources.files("quangba") / "locales"
    english = yaml.safe_load((folder / "en.yml").read_text(encoding="utf-8"))
    own = folder / f"{language}.yml"
    if own.is_file():
        english.update(yaml.safe_load(own.read_text(encoding="utf-8")))
    return english
