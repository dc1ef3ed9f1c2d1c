"""What MainScreen does before its first frame: open the index.

A saved index opens in ~10 ms, so the screen waits for it (up to OPEN_WAIT) and its first
frame shows the document list, rather than "opening the index…" and an empty list filled
a moment later. A build (first start, corpus changed) takes seconds: the screen is drawn
at once with a progress bar, the build starts after that frame, and the index comes as a
message.
"""

from __future__ import annotations

import asyncio
import threading

from rich.text import Text
from textual import work
from textual.widgets import Label

from corpus_tui.errors import CorpusError
from corpus_tui.tui.messages import IndexFailed, IndexProgress, IndexReady

OPEN_WAIT = 0.3
# Searching the decoded text is 2-4x faster than the byte path (KWIC of 人工智能 on the
# bundled corpus: 2.4 vs 5.7 ms), so the loader decodes it once the index is shown. Not
# above this size: decoding holds the GIL (~150 ms at 100 MB, a frozen screen) and the
# str costs 2 bytes a character.
DECODE_CHARS = 8_000_000
BUILD = "build"  # what the loader tells the waiting screen when the index must be built first


class IndexLoading:
    """Mixed into MainScreen, which handles IndexReady (on_index_ready)."""

    _opened: asyncio.Future | None = None

    async def open_index_first(self) -> None:
        """Called from on_mount: while it runs the screen is not drawn."""
        loop = asyncio.get_running_loop()
        self._opened = loop.create_future()
        drawn = threading.Event()
        self.call_after_refresh(drawn.set)  # after the first frame
        self.load_index(loop, drawn)
        try:
            msg = await asyncio.wait_for(asyncio.shield(self._opened), OPEN_WAIT)
        except asyncio.TimeoutError:
            msg = None
        finally:
            self._opened = None
        if isinstance(msg, IndexReady):
            self.on_index_ready(msg)
        elif isinstance(msg, IndexFailed):
            self.on_index_failed(msg)
        else:
            if msg == BUILD:
                self.query_one("#loading-label", Label).update("building the index (first start or corpus changed)…")
            self.show_loading(None, 0)

    @work(thread=True, exclusive=True, group="index")
    def load_index(self, loop: asyncio.AbstractEventLoop, drawn: threading.Event) -> None:
        from corpus_tui.index.open import open_index, status

        warnings: list[str] = []
        try:
            if not status(self.opts).current:
                # A build: the first frame must neither wait for it nor compete with it
                # for the GIL (jieba's dictionary load holds it for long stretches: the
                # first frame came ~1 s later than without a build).
                loop.call_soon_threadsafe(self._deliver, BUILD)
                drawn.wait(2)
            idx = open_index(self.opts, progress=lambda w, d, t: self.post_message(IndexProgress(w, d, t)),
                             warn=warnings.append)
        except CorpusError as exc:
            loop.call_soon_threadsafe(self._deliver, IndexFailed(str(exc)))
            return
        warnings += [str(p) for p in idx.catalog.problems]
        loop.call_soon_threadsafe(self._deliver, IndexReady(idx, warnings))
        if idx.n_chars <= DECODE_CHARS:
            idx.text  # noqa: B018 - see DECODE_CHARS

    def _deliver(self, msg) -> None:
        """On the UI thread: to open_index_first if it still waits, else as a message."""
        if self._opened is not None and not self._opened.done():
            self._opened.set_result(msg)
        elif msg != BUILD:
            self.post_message(msg)

    def on_index_progress(self, msg: IndexProgress) -> None:
        self.query_one("#loading-label", Label).update(
            f"building the index (first start or corpus changed): {msg.what} {msg.done}/{msg.total} files")
        self.show_loading(msg.total, msg.done)

    def show_loading(self, total: int | None, done: int) -> None:
        """The loading box with a progress bar (total None: indeterminate), mounted on first use."""
        from textual.widgets import ProgressBar

        box = self.query_one("#loading")
        box.display = True
        bars = box.query("#progress")
        if bars:
            bars.first(ProgressBar).update(total=total, progress=done)
        else:
            bar = ProgressBar(total=total, show_eta=False, id="progress")
            box.mount(bar)
            bar.update(progress=done)

    def on_index_failed(self, msg: IndexFailed) -> None:
        self.query_one("#loading").display = True
        self.query_one("#loading-label", Label).update(Text(f"cannot open the corpus: {msg.error}", style="bold red"))
        for bar in self.query("#progress"):
            bar.display = False
