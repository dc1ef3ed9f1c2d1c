"""Coding in the TUI: one coder's codes on KWIC lines, written to the store at once, with undo.

Lives on the UI thread (an sqlite3 connection belongs to its thread). The coder's codes are
mirrored in memory by term, so a search worker can put the code column on thousands of
lines without touching the store; every change goes to the store first, in its own
transaction, then to the mirror, so closing the terminal loses nothing.
"""

from __future__ import annotations

from corpus_tui.coding.lines import RawTexts, key_of, reanchor, template
from corpus_tui.coding.store import Store

SAMPLE_N = 200  # `r` without `corpus tui --sample N`: a sample a coder can get through


class CodingSession:
    def __init__(self, idx, store: Store, book, coder: str, sample: tuple[int, int, int | None] | None = None):
        self.idx, self.store, self.book, self.coder = idx, store, book, coder
        self.sample = sample or (SAMPLE_N, 0, None)  # (n, seed, max_per_doc) for the `r` key
        self.raws = RawTexts(idx)
        self.undo_stack: list[tuple] = []
        self.changed: tuple | None = None  # the line key the last change or undo touched
        self.by_term: dict[str, dict[tuple, set[str]]] = {}
        for c in store.codings(coder=coder, orphaned=False):
            self.by_term.setdefault(c.term, {}).setdefault(c.line_key, set()).add(c.code)

    @classmethod
    def open(cls, idx, codes=None, codebook=None, coder=None, sample=None) -> tuple["CodingSession | None", str]:
        """(session, message): no session when no codebook is found (then 1-9 keep switching tabs)."""
        from corpus_tui.coding.codebook import CodebookError, load, locate
        from corpus_tui.coding.store import default_coder
        from corpus_tui.errors import CorpusError

        try:
            path = locate(codebook)
        except CodebookError:
            if codebook is not None:
                raise
            return None, ""
        book = load(path)
        store = Store(codes, corpus_root=idx.catalog.root)
        try:
            moved, orphaned = reanchor(idx, store)
            store.save_codebook(book)
        except CorpusError:
            store.close()
            raise
        keys = " ".join(f"{c.key} {c.name}" for c in sorted(book.codes, key=lambda c: c.key))
        changed = f"; files changed: {moved} re-anchored, {orphaned} orphaned" if moved or orphaned else ""
        session = cls(idx, store, book, coder or default_coder(), sample)
        return session, f"coding as {session.coder} into {store.path}: {keys}{changed}"

    def close(self) -> None:
        self.store.close()

    # -- reading ----------------------------------------------------------------------
    def codes_for(self, term: str) -> dict[tuple, set[str]]:
        """line key -> codes, for a search worker (read there, changed only on this thread)."""
        return self.by_term.get(term, {})

    def codes_of(self, term: str, line) -> tuple[str, ...]:
        return tuple(sorted(self.codes_for(term).get(key_of(self.idx, term, line), ())))

    def _mine(self, term: str, line):
        key = key_of(self.idx, term, line)
        return [c for c in self.store.codings(term=term, coder=self.coder, doc=line.hit.doc) if c.line_key == key]

    def note_of(self, term: str, line) -> str:
        return next((c.note for c in self._mine(term, line) if c.note), "")

    # -- changing ---------------------------------------------------------------------
    def toggle(self, term: str, line, digit: int) -> str:
        code = self.book.by_key(digit)
        if code is None:
            return f"no code on key {digit} in {self.book.source}"
        base = template(self.idx, term, line, self.coder, self.raws)._replace(note=self.note_of(term, line))
        state, coding = self.store.toggle(base, code.name)
        self._mirror(coding, state == "added")
        self.undo_stack.append((state, coding))
        return f"{code.name} {state} ({line.hit.file}:{line.hit.line})"

    def set_note(self, term: str, line, note: str) -> str:
        mine = self._mine(term, line)
        if not mine:
            return "code the line first (1-9), then give it a note"
        self.store.set_note([c.id for c in mine], note)
        self.undo_stack.append(("note", [(c.id, c.note) for c in mine], note))
        return "note kept" if note else "note removed"

    def undo(self) -> str:
        if not self.undo_stack:
            return "nothing to undo"
        entry = self.undo_stack.pop()
        if entry[0] == "note":
            for ident, old in entry[1]:
                self.store.set_note([ident], old)
            return "note change undone"
        state, coding = entry
        if state == "added":
            self.store.remove([coding.id])
        else:
            self.store.add(coding)
        self._mirror(coding, state != "added")
        return f"{coding.code} {'removal' if state == 'removed' else 'addition'} undone ({coding.file}:{coding.line})"

    def _mirror(self, coding, present: bool) -> None:
        self.changed = coding.line_key
        codes = self.by_term.setdefault(coding.term, {}).setdefault(coding.line_key, set())
        if present:
            codes.add(coding.code)
        else:
            codes.discard(coding.code)
