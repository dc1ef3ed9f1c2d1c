"""Regenerate the README screenshots (SVG, 100x30) of `corpus tui` on the bundled corpus.

    python docs/screenshots/make_screenshots.py

Each picture drives the app with the keys a user would press (shown in the file name's
comment below), so the pictures double as a walk-through.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from corpus_tui.tui.app import CorpusApp
from corpus_tui.corpus.options import CorpusOptions

HERE = Path(__file__).resolve().parent
SIZE = (100, 30)


async def settle(pilot, wait: float = 0.0) -> None:
    if wait:
        await pilot.pause(wait)
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.pause(0.1)


SHOTS = {
    # name: keys (typed text is split into characters)
    "kwic": ["新赛道", 0.3, "enter"],  # type, Enter: every hit, dispersion strip below
    "read": ["新赛道", 0.3, "enter", "down", "down", "enter", "n"],  # Enter on a hit opens Read; n = next hit
    "collocates": ["新赛道", 0.3, "enter", "4"],  # tab 4: collocates of the search term
    "diff": ["新赛道", 0.3, "enter", "5", "未来产业", "enter", "escape"],  # tab 5: Sketch-Diff + sources
    "frequency": ["escape", "3"],
    "trend": ["新赛道,未来产业", 0.3, "enter", "escape", "6", 0.5],  # tab 6: rates per year with intervals
}


async def shoot(name: str, keys: list, cache: str) -> None:
    app = CorpusApp(CorpusOptions(cache_dir=cache))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in keys:
            if isinstance(key, float):
                await settle(pilot, key)
            elif len(key) > 1 and not key.isascii():
                await pilot.press(*key)
            else:
                await pilot.press(key)
            await settle(pilot)
        app.save_screenshot(f"{name}.svg", path=str(HERE))
        print(HERE / f"{name}.svg")


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        for name, keys in SHOTS.items():
            asyncio.run(shoot(name, keys, cache))


if __name__ == "__main__":
    main()
