"""One TUI timing run (headless, through Textual's Pilot); prints one JSON line.

    python benchmarks/tui_probe.py TERM SPAWN_TIME

SPAWN_TIME is time.time() taken by the parent just before starting this process, so the
first-screen figures include interpreter start-up and imports. Uses CORPUS_TUI_CORPUS and
CORPUS_TUI_CACHE (a warm index). Figures, in ms:
  first_paint_ms    process start -> the app is running with its main screen mounted
  index_ready_ms    process start -> the index is open and the document list filled
  key_to_results_ms one keystroke in the search box (the last character of TERM) -> new
                    KWIC rows handed to the table, including the search box's debounce
  search_work_ms    the same minus the time before the debounce timer fired: the search
                    worker plus the table update
  enter_to_results_ms Enter in the search box (no debounce) -> new KWIC rows
"""

from __future__ import annotations

import asyncio
import json
import sys
import time


async def main(term: str, spawn: float) -> dict:
    from corpus_tui.tui.app import CorpusApp
    from corpus_tui.tui.screens import main as main_screen

    marks: dict[str, float] = {}
    done = asyncio.Event()
    orig_show, orig_fire = main_screen.MainScreen.show_results, main_screen.MainScreen.fire_search

    def show_results(self, q, lines, counts, positions):
        orig_show(self, q, lines, counts, positions)
        if q.term == marks.get("want"):
            marks["shown"] = time.time()
            done.set()

    def fire_search(self):
        marks["fired"] = time.time()
        orig_fire(self)

    main_screen.MainScreen.show_results = show_results
    main_screen.MainScreen.fire_search = fire_search
    out: dict[str, float] = {}
    app = CorpusApp()
    async with app.run_test(size=(120, 36)) as pilot:
        out["first_paint_ms"] = (time.time() - spawn) * 1000
        while app.main.idx is None:
            await asyncio.sleep(0.002)
        await pilot.pause()
        out["index_ready_ms"] = (time.time() - spawn) * 1000
        await pilot.press(*term[:-1])
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        # one keystroke -> results (debounced)
        marks["want"] = term
        done.clear()
        t0 = time.time()
        await pilot.press(term[-1])
        await asyncio.wait_for(done.wait(), 10)
        out["key_to_results_ms"] = (marks["shown"] - t0) * 1000
        out["search_work_ms"] = (marks["shown"] - marks["fired"]) * 1000
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Enter -> results (no debounce)
        done.clear()
        t0 = time.time()
        await pilot.press("enter")
        await asyncio.wait_for(done.wait(), 10)
        out["enter_to_results_ms"] = (marks["shown"] - t0) * 1000
    return out


if __name__ == "__main__":
    result = asyncio.run(main(sys.argv[1], float(sys.argv[2])))
    print(json.dumps({k: round(v, 1) for k, v in result.items()}))
