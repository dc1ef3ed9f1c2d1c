"""One TUI timing run (headless, through Textual's Pilot); prints one JSON line.

    python benchmarks/tui_probe.py TERM SPAWN_TIME

SPAWN_TIME is time.time() taken by the parent just before starting this process, so the
first-screen figures include interpreter start-up and imports. Uses CORPUS_TUI_CORPUS and
CORPUS_TUI_CACHE (a warm index). Figures, in ms:
  first_frame_ms    process start -> the first frame of the main screen is drawn
  first_paint_ms    process start -> the first frame that shows the document list and the
                    keys in the key bar: the first screen a user can work with (a frame with
                    an empty list and "opening the index…" is not)
  first_paint_cpu_ms  CPU time of the process (all its threads) at that frame: what the
                    first screen costs, much less sensitive than wall time to other
                    processes on a shared machine
  index_ready_ms    process start -> the index is open and the document list filled, as
                    seen from Pilot
  key_to_results_ms one keystroke in the search box (the last character of TERM) -> new
                    KWIC rows handed to the table (the first page of a result with more hits
                    than a page, tui/searchmodel.py)
  key_to_paint_ms   the same keystroke -> the first frame drawn after that (the rows on
                    screen: the table renders its visible cells when the frame is drawn)
  key_to_all_ms     the same keystroke -> the whole result handed over (every row, the counts)
  search_work_ms    key_to_results_ms minus the time before the search started: the
                    search worker's first page plus the table update
  enter_to_results_ms Enter in the search box (no debounce) -> new KWIC rows

A "frame" is a compositor update handed to App._display; headless, it is computed in full
and only not written to a terminal.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time


async def main(term: str, spawn: float) -> dict:
    from textual.app import App

    from corpus_tui.tui.app import CorpusApp
    from corpus_tui.tui.screens import main as main_screen
    from corpus_tui.tui.widgets.doclist import DocList
    from corpus_tui.tui.widgets.keybar import KeyBar

    marks: dict[str, float] = {}
    done = asyncio.Event()
    painted = asyncio.Event()
    orig_display = App._display

    def complete(screen) -> bool:
        shown = screen._compositor.visible_widgets
        return any(isinstance(w, KeyBar) and w.keys()[0] for w in shown) and any(
            isinstance(w, DocList) and w.row_count for w in shown)

    def display(self, screen, renderable):
        if renderable is not None and isinstance(screen, main_screen.MainScreen):
            now = time.time()
            marks.setdefault("first_frame", now)
            if "first_paint" not in marks and complete(screen):
                marks["first_paint"] = now
                marks["first_paint_cpu"] = time.process_time()
            if "shown" in marks and "painted" not in marks:
                marks["painted"] = now
                painted.set()
        orig_display(self, screen, renderable)

    from corpus_tui.tui.widgets.kwic import KwicTable

    orig_show, orig_fire = KwicTable.show, main_screen.MainScreen.fire_search
    orig_done = main_screen.MainScreen.on_search_done

    def show_results(self, lines, *args):
        orig_show(self, lines, *args)
        if lines and self.screen.query_state.term == marks.get("want") and "shown" not in marks:
            marks["shown"] = time.time()
            done.set()

    def on_search_done(self, msg):
        orig_done(self, msg)
        if msg.query.term == marks.get("want"):
            marks["all"] = time.time()

    def fire_search(self):
        marks["fired"] = time.time()
        orig_fire(self)

    KwicTable.show = show_results
    main_screen.MainScreen.on_search_done = on_search_done
    main_screen.MainScreen.fire_search = fire_search
    App._display = display
    out: dict[str, float] = {}
    app = CorpusApp()
    async with app.run_test(size=(120, 36)) as pilot:
        while app.main.idx is None:
            await asyncio.sleep(0.002)
        await pilot.pause()
        index_ready = time.time()
        while "first_paint" not in marks:
            await asyncio.sleep(0.002)
        out["first_frame_ms"] = (marks["first_frame"] - spawn) * 1000
        out["first_paint_ms"] = (marks["first_paint"] - spawn) * 1000
        out["first_paint_cpu_ms"] = marks["first_paint_cpu"] * 1000
        out["index_ready_ms"] = (index_ready - spawn) * 1000
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
        await asyncio.wait_for(painted.wait(), 10)
        out["key_to_results_ms"] = (marks["shown"] - t0) * 1000
        out["key_to_paint_ms"] = (marks["painted"] - t0) * 1000
        out["search_work_ms"] = (marks["shown"] - marks["fired"]) * 1000
        await app.workers.wait_for_complete()
        await pilot.pause()
        out["key_to_all_ms"] = (marks["all"] - t0) * 1000
        # Enter -> results (no debounce)
        marks.pop("shown")
        marks.pop("all")
        done.clear()
        t0 = time.time()
        await pilot.press("enter")
        await asyncio.wait_for(done.wait(), 10)
        out["enter_to_results_ms"] = (marks["shown"] - t0) * 1000
    return out


if __name__ == "__main__":
    result = asyncio.run(main(sys.argv[1], float(sys.argv[2])))
    print(json.dumps({k: round(v, 1) for k, v in result.items()}))
