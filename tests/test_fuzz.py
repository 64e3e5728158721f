"""Property-based tests (Hypothesis) of the reader and the validator: whatever a file holds (any bytes, any
YAML, any Unicode), the result is a bounded list of bilingual messages: never a traceback, a hang or memory
that grows with what the input pretends to hold."""

from __future__ import annotations

import os
import shutil
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quangba.profile import Limits
from quangba.sources.catalogue import load_catalogue
from quangba.sources.content import read_source
from quangba.sources.tree import Kind, Node
from tests.conftest import Project

LIMITS = Limits()
MESSAGES = 200  # more than any honest file earns: a file's messages are capped, this only bounds the reader
EXAMPLES = int(os.environ.get("QB_FUZZ_EXAMPLES", "150"))  # more for a long local run
SLOW_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=SLOW_OK)


def read_bytes(folder: Path, data: bytes):
    path = folder / "content/vi/culture/fuzz.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    node = Node("content/vi/culture/fuzz.md", Kind.FILE, len(data), 1)
    started = time.monotonic()
    tracemalloc.start()
    try:
        source = read_source(folder, "vi", node, LIMITS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 5
    assert peak < 64 * 2**20, peak
    assert len(source.problems) < MESSAGES
    for problem in source.problems:
        assert problem.vi and problem.en and problem.line >= 0 and len(problem.vi) < 2000
    return source


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(st.binary(max_size=8192))
def test_any_bytes(folder: Path, data: bytes) -> None:
    read_bytes(folder, data)


@FUZZ
@given(st.text(max_size=4096))
def test_any_unicode_as_front_matter_and_body(folder: Path, text: str) -> None:
    read_bytes(folder, f"---\n{text}\n---\n{text}\n".encode("utf-8", "surrogatepass"))


YAML_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=60),
                         st.dates().map(str))
YAML_VALUES = st.recursive(YAML_SCALARS, lambda inner: st.lists(inner, max_size=6)
                           | st.dictionaries(st.text(max_size=12) | st.integers(), inner, max_size=6), max_leaves=40)
YAML_SNIPPETS = st.sampled_from(["&a [1, 2]", "*a", "!!binary aGk=", "<<: {a: 1}", "[" * 40 + "]" * 40, "? [a]\n: b",
                                 "'unterminated", "{a: b", "- - - - x", "\t key: v", "a: |\n  block\n", "%YAML 1.1",
                                 "x: !custom 1", "&b x", "k: *nope", "\x00", "\ufeff", "---", "..."])


@FUZZ
@given(YAML_VALUES, st.lists(YAML_SNIPPETS, max_size=4))
def test_any_yaml(folder: Path, data: object, snippets: list[str]) -> None:
    head = yaml.safe_dump(data, allow_unicode=True) + "\n".join(snippets)
    read_bytes(folder, f"---\n{head}\n---\nNội dung.\n".encode("utf-8", "surrogatepass"))


ENTRY_FIELDS = st.fixed_dictionaries({}, optional={
    "id": st.text(max_size=40), "kind": st.sampled_from(["article", "photo-story", "page", "x"]) | YAML_SCALARS,
    "title": YAML_VALUES, "summary": YAML_VALUES, "category": st.sampled_from(["culture", "tourism"]) | YAML_SCALARS,
    "tags": YAML_VALUES, "agency": YAML_VALUES, "issued": YAML_SCALARS, "updated": YAML_SCALARS,
    "status": st.sampled_from(["draft", "published", "withdrawn"]) | YAML_SCALARS, "classification": YAML_SCALARS,
    "licence": YAML_SCALARS, "place": YAML_VALUES, "photos": YAML_VALUES, "translation": YAML_VALUES,
    "withdrawn": YAML_SCALARS, "withdrawal_reason": YAML_VALUES, "insert": YAML_SCALARS})


@settings(max_examples=EXAMPLES // 3, deadline=None, suppress_health_check=SLOW_OK)
@given(ENTRY_FIELDS, ENTRY_FIELDS, st.text(max_size=400))
def test_the_whole_validator_on_any_front_matter(tmp_path_factory: pytest.TempPathFactory, source: dict,
                                                 translation: dict, body: str) -> None:
    root = tmp_path_factory.mktemp("project")
    project = Project(root)
    project.write("content/vi/culture/fuzz.md",
                  "---\n" + yaml.safe_dump(source, allow_unicode=True) + "---\n" + body + "\n")
    project.write("content/en/culture/fuzz.md",
                  "---\n" + yaml.safe_dump(translation, allow_unicode=True) + "---\n" + body + "\n")
    started = time.monotonic()
    catalogue = load_catalogue(root, history=False)
    assert time.monotonic() - started < 10
    mine = [p for p in catalogue.problems if "fuzz" in p.file]
    assert len(mine) <= 2 * (LIMITS.messages_per_file + 1)
    assert all(p.vi and p.en for p in mine)
    shutil.rmtree(root)


# A site path as the portal writes them, and the odd ones (".", "..", doubled or leading slashes) it must not break.
_SEGMENT = st.sampled_from(["", ".", "..", "en", "culture", "gong-space", "index.html", "feed.xml", "a b", "đà-lạt"])
_SITE_PATH = st.lists(_SEGMENT, max_size=5).map("/".join) | st.lists(_SEGMENT, max_size=4).map(
    lambda parts: "/".join(parts) + "/")


@FUZZ
@given(target=_SITE_PATH, page=_SITE_PATH)
def test_relative_links_are_the_ones_relpath_gives(target: str, page: str) -> None:
    """The header's links are computed part by part for speed; every link must still lead where relpath's does."""
    from quangba.urls import _relpath_url, relative_url

    assert relative_url(target, page) == _relpath_url(target, page)
