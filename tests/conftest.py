"""Shared fixtures: a private cache per test session, and a small hand-made corpus.

The fixture corpus holds the problems of the real texts in miniature: a term cut by a hard
wrap, one cut by a `---` page marker, half-width punctuation, stray spaces, a byline that
must not be glued to the next paragraph.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

FIXTURE_INDEX = """\
# Corpus index: fixture

## Files

| id | file | title | outlet | date | authors | group | notes |
|---|---|---|---|---|---|---|---|
| alpha | a.txt | 新赛道观察 | 甲报 | 2026-01-02 | 张三 | 新赛道 | wrapped lines |
| beta | sub/b.txt | 未来产业研究 | 乙刊 | 2026-02 | 李四; 王五 | 未来产业 | page markers |

## Articles

| id | file | lines | title | authors | outlet | date |
|---|---|---|---|---|---|---|
| beta-1 | beta | 1-5 | 第一篇 | 李四 | 乙刊 | 2026-02 |
| beta-2 | beta | 6-9 | 第二篇 | 王五 | 丙报 | 2026-03 |
"""

# a.txt: hard-wrapped at one width like a PDF extraction: 新赛道 and 现代化产业体系 cut by
# wraps; stray spaces ("2026 年"); a half-width comma; a byline that must stay separate.
FIXTURE_A = (
    "新赛道观察\n"
    "本报记者 张三\n"
    "各地正在积极开辟新赛道,培育未来产业的新动能和新\n"
    "优势。我们要抢占新赛道的先机，推动 2026 年的发展，\n"
    "把握未来产业和新赛道的机遇，促进现代化产业体系建\n"
    "设。新赛道需要耐心资本。\n"
)
# b.txt: 未来产业 cut by a `---` page marker (lines 2-4); two articles.
FIXTURE_B = (
    "# 第一篇\n"
    "在新的历史起点上，我们要加快发展未来\n"
    "---\n"
    "产业，这是大势所趋，新赛道与未来产业相互促进。\n"
    "李四\n"
    "# 第二篇\n"
    "加快培育未来产业。\n"
    "未来产业需要新赛道。\n"
    "王五\n"
)


def write_fixture(root: Path) -> Path:
    (root / "sub").mkdir(parents=True, exist_ok=True)
    (root / "INDEX.md").write_text(FIXTURE_INDEX, encoding="utf-8")
    (root / "a.txt").write_text(FIXTURE_A, encoding="utf-8")
    (root / "sub" / "b.txt").write_text(FIXTURE_B, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session", autouse=True)
def _hermetic_session():
    """Session fixtures (indexes opened once) are set up before the per-test fixture below:
    the caller's corpus and colour settings must not reach them either."""
    with pytest.MonkeyPatch.context() as mp:
        for name in ("CORPUS_TUI_CORPUS", "NO_COLOR", "FORCE_COLOR"):
            mp.delenv(name, raising=False)
        yield


@pytest.fixture(autouse=True)
def _private_cache(session_cache, monkeypatch):
    """No test ever touches the real user cache or depends on the caller's environment."""
    monkeypatch.setenv("CORPUS_TUI_CACHE", str(session_cache))
    # codes (user data folder) and the codebook (user config folder): never the caller's
    monkeypatch.setenv("XDG_DATA_HOME", str(session_cache.parent / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(session_cache.parent / "xdg-config"))
    monkeypatch.delenv("CORPUS_TUI_CORPUS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture(scope="session")
def fixture_corpus(tmp_path_factory) -> Path:
    return write_fixture(tmp_path_factory.mktemp("fixture"))


@pytest.fixture(scope="session")
def fixture_index(fixture_corpus, session_cache):
    from corpus_tui.corpus.options import CorpusOptions
    from corpus_tui.index.open import open_index

    return open_index(CorpusOptions(corpus=str(fixture_corpus), cache_dir=str(session_cache)))


@pytest.fixture(scope="session")
def seed_index(session_cache):
    from corpus_tui.corpus.options import CorpusOptions
    from corpus_tui.index.open import open_index

    return open_index(CorpusOptions(corpus=str(REPO), cache_dir=str(session_cache)))


@pytest.fixture(scope="session")
def cache_dir(session_cache, seed_index) -> str:
    """The session cache, holding a built index of the bundled corpus (TUI tests open it)."""
    return str(session_cache)
