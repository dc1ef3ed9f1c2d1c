"""SVG snapshots of the main screens at 100x30 (pytest-textual-snapshot; textual and rich pinned).

Update after an intended change with: pytest tests/tui/test_tui_snapshots.py --snapshot-update
Nothing machine-specific is on screen: the cache path is never shown, file paths are relative.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pytest_textual_snapshot")

from corpus_tui.tui.app import CorpusApp  # noqa: E402
from corpus_tui.corpus.options import CorpusOptions

SIZE = (100, 30)


async def settle(pilot, wait: float = 0.0) -> None:
    if wait:
        await pilot.pause(wait)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause(0.1)  # let tables re-measure their columns before the picture (settling, not timing)
    await pilot.wait_for_scheduled_animations()


async def search(pilot, term: str = "新赛道") -> None:
    await settle(pilot)
    await pilot.press(*term)
    await settle(pilot, 0.3)
    await pilot.press("enter")  # to the KWIC table: no blinking cursor in the picture
    await settle(pilot)


def test_kwic_screen(snap_compare, cache_dir, tmp_path):
    app = CorpusApp(CorpusOptions(cache_dir=cache_dir), export_dir=tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=search)


def test_read_screen(snap_compare, cache_dir, tmp_path):
    async def run_before(pilot):
        await search(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)

    app = CorpusApp(CorpusOptions(cache_dir=cache_dir), export_dir=tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_frequency_screen(snap_compare, cache_dir, tmp_path):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("escape", "3")
        await settle(pilot)

    app = CorpusApp(CorpusOptions(cache_dir=cache_dir), export_dir=tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_diff_screen(snap_compare, cache_dir, tmp_path):
    async def run_before(pilot):
        await search(pilot)
        await pilot.press("5", *"未来产业", "enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)

    app = CorpusApp(CorpusOptions(cache_dir=cache_dir), export_dir=tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
