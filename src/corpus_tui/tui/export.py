"""Files the TUI writes: `w` (the table of the tab on screen, as TSV) and the palette's Screenshot.

Both go to one folder, ``$XDG_DATA_HOME/corpus-tui/exports`` (platformdirs' user data folder,
~/.local/share/corpus-tui/exports on Linux), made private (0700) the first time; never the
working folder or the corpus folder. The help screen and every notification name it. An
existing file is never overwritten: a name in use gets -2, -3, … and a table file is created
exclusively (O_EXCL: never through a link, never two writers on one name).

What `w` writes is the table the tab shows, as the matching command prints it with --tsv:
KWIC (`corpus kwic`), Frequency (`freq`), Collocates (`cooc`), Diff (`diff`: the collocates of
the two terms and their sources, two files; or the keyness of two parts), Trend (`trend`).
"""

from __future__ import annotations

import os
from pathlib import Path

from textual import work

from corpus_tui.errors import CorpusError
from corpus_tui.tui.messages import Query

APP_DIR = "corpus-tui"
TAB_NAMES = {"read": "Read", "kwic": "KWIC", "freq": "Frequency", "colloc": "Collocates", "diff": "Diff",
             "trend": "Trend"}


def output_dir(export_dir: str | Path | None = None) -> Path:
    """The folder written files go to (created, private to the user, if missing)."""
    if export_dir:
        folder = Path(export_dir)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return folder
    from platformdirs import user_data_path

    base = user_data_path(APP_DIR)
    base.parent.mkdir(parents=True, exist_ok=True)
    for folder in (base, base / "exports"):
        folder.mkdir(exist_ok=True, mode=0o700)
    return base / "exports"


def _numbered(name: str, n: int) -> str:
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    return f"{stem}-{n}{dot}{suffix}" if n > 1 else name


def free_name(folder: Path, name: str) -> str:
    """``name``, or name-2, name-3, … : the first one no file in ``folder`` has."""
    n = 1
    while os.path.lexists(folder / _numbered(name, n)):
        n += 1
    return _numbered(name, n)


def create_new(folder: Path, name: str):
    """(path, text file) of a new file ``name`` (or name-2, …) in ``folder``, created exclusively."""
    n = 1
    while True:
        path = folder / _numbered(name, n)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            n += 1
            continue
        return path, open(fd, "w", encoding="utf-8", newline="")


def slug(text: str, default: str = "query") -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in text.strip())[:40] or default


class TableExport:
    """`w` on the main screen (a mixin of MainScreen, as StatisticsTabs is)."""

    def action_write_table(self) -> None:
        from corpus_tui.tui.widgets.tabview import TabView

        tab = self.query_one("#tabs", TabView).active.removeprefix("tab-")
        q = self.query_state
        if tab == "kwic":
            if self.idx is None or not q.term.strip() or not self.last_lines:
                self.set_status("nothing to write: search for something first", "bold red")
                return
            self.write_worker([(f"kwic-{slug(q.term)}-{q.sort}.tsv", None)], q, self.context_width())
            return
        named = self.tables_on_screen(tab)
        if not named:
            what = "the Read tab shows no table" if tab == "read" else f"the {TAB_NAMES[tab]} tab has no table yet"
            self.set_status(f"nothing to write: {what} (w writes the table of the tab on screen)", "bold red")
            return
        self.write_worker(named, q, 0)

    def tables_on_screen(self, tab: str) -> list[tuple[str, object]]:
        """(file name, core Table) of each table the tab shows."""
        from corpus_tui.tui.widgets.statspanes import StatsPane, StatsTable

        panes = list(self.query(f"#{tab}"))
        if tab == "read" or not panes or not isinstance(panes[0], StatsPane):
            return []
        pane = panes[0]
        # the Diff tab draws its two-term table as a list (.diff-chart): that table counts as shown
        chart = [c for c in pane.query(".diff-chart") if c.display]
        shown = [t.table for t in pane.query(StatsTable)
                 if (t.display or chart) and t.table is not None and t.table.rows]
        opts = pane.options()
        if tab == "freq":
            stems = ["freq"]
        elif tab == "colloc":
            stems = [f"colloc-{slug(opts.get('node') or self.query_state.term)}"]
        elif tab == "trend":
            stems = [f"trend-{slug(self.query_state.term)}"]
        elif (opts.get("what") or "terms") == "terms":
            pair = f"{slug(opts.get('t1') or self.query_state.term)}-{slug(opts.get('t2') or '')}"
            stems = [f"diff-{pair}", f"diff-sources-{pair}"]
        else:
            stems = [f"keyness-{slug(opts.get('a') or '', 'part')}-{slug(opts.get('b') or '', 'rest')}"]
        return [(f"{stem}.tsv", table) for stem, table in zip(stems, shown)]

    @work(thread=True, exclusive=True, group="export")
    def write_worker(self, named: list, q: Query, width: int) -> None:
        from corpus_tui.output import write

        done = []
        try:
            folder = output_dir(self.export_dir)
            for name, table in named:
                if table is None:  # KWIC: every line of the query, not only the rows shown
                    from corpus_tui.query.tables import kwic_table
                    from corpus_tui.tui.searchmodel import resolve_term

                    term = resolve_term(self.dictionary, q.term)
                    table = kwic_table(self.idx, [term], q.mode, q.sel, width, None, q.sort, None)
                path, fh = create_new(folder, name)
                with fh:
                    write(table, "tsv", stream=fh)
                done.append((path, len(table.rows)))
        except (OSError, CorpusError) as exc:
            self.app.call_from_thread(self.set_status, f"cannot write: {exc}", "bold red")
            return
        # The status line (one line, cut at its end) names the files first, then the folder;
        # the notification has room for the whole paths.
        names = " and ".join(f"{p.name} ({n} rows)" for p, n in done)
        self.app.call_from_thread(self.set_status, f"wrote {names} in {folder}", "bold green")
        text = f"wrote {' + '.join(str(n) for _, n in done)} rows to {' and '.join(str(p) for p, _ in done)}"
        self.app.call_from_thread(self.notify, text, timeout=6, markup=False)
