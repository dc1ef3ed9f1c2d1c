"""The main screen's coding keys (KWIC tab): 1-9 toggle a code, n a note, u undo, c the code
filter, r a sample; and the note dialog. The session itself is tui/coding.py."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from corpus_tui.errors import CorpusError
from corpus_tui.output import for_display


class NoteScreen(ModalScreen):
    """One line of text for the current KWIC line; Enter keeps it, Escape leaves it as it was."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    NoteScreen > Vertical { width: 70%; height: auto; border: thick $primary; background: $surface; padding: 0 1; }
    NoteScreen Input { width: 1fr; }
    """

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self.title_text, self.note = title, note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(for_display(self.title_text), markup=False)
            yield Input(value=self.note, placeholder="a note on this line (empty: no note)", id="note-input")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CodingKeys:
    """Mixed into MainScreen: needs ``idx``, ``query_state``, ``requery``, ``set_status``."""

    coding = None  # a tui.coding.CodingSession once the index is ready and a codebook is found
    sample_params: tuple | None = None

    def open_coding(self, idx) -> None:
        from corpus_tui.tui.coding import CodingSession

        opts = getattr(self.app, "coding_opts", None) or {}
        self.sample_params = opts.get("sample")
        try:
            self.coding, message = CodingSession.open(idx, opts.get("codes"), opts.get("codebook"), opts.get("coder"),
                                                      self.sample_params)
        except CorpusError as exc:
            self.coding = None
            self.notify(for_display(f"coding is off: {exc}"), severity="error", timeout=8, markup=False)
            return
        if message:
            self.notify(for_display(message), timeout=6, markup=False)

    def on_unmount(self) -> None:
        if self.coding is not None:
            self.coding.close()
            self.coding = None

    def coding_qstate(self, t, q) -> None:
        """The query-state label's part: a sample, a code filter."""
        from corpus_tui.tui.text import safe

        for on, label in ((q.sample, "sample"), (q.codes != "all", q.codes)):
            if on:
                t.append(" · ", "dim")
                t.append_text(safe(label, style="bold"))

    def search_status(self, q, found) -> tuple[str, str]:
        """The status line after a search: hits (or the sample of them), files, and how many are coded."""
        from corpus_tui.tui.widgets.kwic import MAX_ROWS

        n = found.shown
        files = sum(1 for d in self.idx.docs if found.counts.get(d.id))
        shown = f" (showing the first {MAX_ROWS})" if n > MAX_ROWS else ""
        what = f"a sample of {found.total} of {found.hits} hits" if q.sample else f"{n} hits"
        return (f"{what} of {q.term} in {files} files{shown}{self.coding_status(found)} · Enter opens a hit in Read · "
                "w writes TSV", "bold" if n else "dim")

    def coding_status(self, found) -> str:
        if self.coding is None:
            return ""
        shown = "" if self.query_state.codes == "all" else f" · showing {self.query_state.codes}"
        return f" · coded {found.coded} of {found.total}{shown}"

    def coding_key(self, kind: str, digit) -> None:
        from corpus_tui.tui.widgets.kwic import KwicTable

        table = self.query_one(KwicTable)
        line, term = table.current_line, self.query_state.term
        if kind == "filter":
            self.cycle_code_filter()
            return
        if kind == "undo":
            self._after_change(self._guard(self.coding.undo))
            return
        if line is None:
            self.set_status("no KWIC line to code: search for a term first", "bold red")
            return
        if kind == "code":
            self._after_change(self._guard(lambda: self.coding.toggle(term, line, digit)))
        elif kind == "note":
            if not self.coding.codes_of(term, line):
                self.set_status("code the line first (1-9), then give it a note (n)", "bold red")
                return
            note = self._guard(lambda: self.coding.note_of(term, line))
            if note is None:
                return

            def keep(text) -> None:
                if text is not None:
                    self.set_status(self._guard(lambda: self.coding.set_note(term, line, text.strip())) or "", "bold")

            self.app.push_screen(NoteScreen(f"note on {line.hit.file}:{line.hit.line} {line.node}", note), keep)

    def _guard(self, fn):
        try:
            return fn()
        except CorpusError as exc:
            self.set_status(str(exc), "bold red")
            return None

    def _after_change(self, message: str | None) -> None:
        """Refresh the changed line's codes cell and the count in the status line."""
        from corpus_tui.coding.lines import key_of
        from corpus_tui.tui.widgets.kwic import KwicTable

        if message is None:
            return
        table = self.query_one(KwicTable)
        term = self.query_state.term
        codes = self.coding.codes_for(term)
        coded = 0
        for row, line in enumerate(table.lines):
            key = key_of(self.idx, term, line)
            coded += bool(codes.get(key))
            if key == self.coding.changed:
                table.set_codes(row, "+".join(sorted(codes.get(key, ()))))
        self.set_status(f"{message} · coded {coded} of {len(table.lines)} · u undoes", "bold")

    def cycle_code_filter(self) -> None:
        names = ["all", "uncoded", *self.coding.book.names]
        cur = self.query_state.codes
        nxt = names[(names.index(cur) + 1) % len(names)] if cur in names else "all"
        self.requery(codes=nxt)
        self.notify(f"KWIC lines: {nxt}", timeout=1.5, markup=False)

    def action_toggle_sample(self) -> None:
        on = not self.query_state.sample
        self.requery(sample=on)
        n, seed, per = self.sample_params or (200, 0, None)
        cap = f", at most {per} a document" if per else ""
        self.notify(f"sample of {n} lines, seed {seed}{cap}" if on else "every line", timeout=2, markup=False)

    def coding_args(self, q) -> tuple:
        """What searchmodel.search takes besides the query: the coder's codes of the term, the sample."""
        coding = self.coding
        return coding.codes_for(q.term) if coding else None, self.sample_params or (200, 0, None)
