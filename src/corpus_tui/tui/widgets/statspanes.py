"""Frequency, Collocates and Diff tabs: core statistics tables with their main options.

The panes only gather options and show tables; the numbers come from the statistics core
(corpus_tui.stats.frequency / colloc / compare), run by the screen in a thread worker.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Label, Select

from corpus_tui.output import format_value
from corpus_tui.tui.text import safe


class StatsTable(DataTable):
    """A core Table shown as is; Enter on a row runs KWIC for its term column."""

    BINDINGS = [Binding("enter", "select_cursor", "KWIC for term", show=False)]

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self.table = None

    def show(self, table) -> None:
        self.table = table
        self.clear(columns=True)
        cols = list(table.display or table.columns)
        where = [table.columns.index(c) for c in cols]
        right = set(table.right_align)
        rows = []
        for row in table.rows:
            cells = []
            for c, i in zip(cols, where):
                v = row[i]
                if isinstance(v, (int, float)):
                    cells.append(Text(format_value(v), justify="right"))
                else:
                    cells.append(safe(v, justify="right" if c in right else None))
            rows.append(cells)
        for k, (c, i) in enumerate(zip(cols, where)):
            numeric = bool(table.rows) and all(isinstance(r[i], (int, float)) for r in table.rows[:50])
            # Explicit widths: auto-width columns are measured later, on idle, so a screen
            # drawn in between showed cut numbers (and snapshots differed run to run).
            width = max([cell_len(c)] + [r[k].cell_len for r in rows])
            self.add_column(Text(c, justify="right" if numeric or c in right else "left"), key=c, width=width)
        for cells in rows:
            self.add_row(*cells)

    def term_at_cursor(self) -> str | None:
        """The row's term: the collocate column if there is one, else the term column; a
        dictionary category's row gives @category (its entries in KWIC)."""
        if self.table is None or not self.table.rows:
            return None
        col = next((c for c in ("collocate", "term", "category") if c in self.table.columns), None)
        if col is None:
            return None
        value = str(self.table.rows[self.cursor_row][self.table.columns.index(col)])
        return f"@{value}" if col == "category" else value


class StatsPane(Vertical):
    """Base: a row of controls, a note line, a table. ``options()`` returns the controls' values."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._seen: dict = {}

    class Changed(Message):
        def __init__(self, pane: "StatsPane") -> None:
            super().__init__()
            self.pane = pane

    def compose_controls(self) -> ComposeResult:
        yield from ()

    def compose(self) -> ComposeResult:
        with Horizontal(classes="controls"):
            yield from self.compose_controls()
        yield Label(Text("", style="dim"), classes="note")
        yield StatsTable(classes="stats-table")

    def show(self, table, error: str | None = None) -> None:
        note = self.query_one(".note", Label)
        if error:
            note.update(Text(error, style="bold red"))
            return
        self.query_one(StatsTable).show(table)
        note.update(safe(" · ".join(table.notes) if table.notes else table.title, style="dim"))

    def set_note(self, text: str) -> None:
        self.query_one(".note", Label).update(Text(text, style="dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        key = event.select.id
        if key not in self._seen and isinstance(event.value, str):
            self._seen[key] = event.value  # the first value a Select reports is its initial one
            return
        if self._seen.get(key) == event.value:
            return  # a Select reports its initial value on mount: not a change
        self._seen[key] = event.value
        self.post_message(self.Changed(self))

    def on_mount(self) -> None:
        self._seen.update({w.id: w.value for w in self.query(Select) if isinstance(w.value, str)})

    def options(self) -> dict:
        out = {}
        for w in self.query(".opt"):
            value = w.value
            if not isinstance(value, str):  # a Select with no value yet (NoSelection / BLANK)
                value = None
            out[w.id.split("-", 1)[1]] = value
        return out


def _int(value, default: int) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return default



def _select(ident: str, options, value, width_class: str = "") -> Select:
    return Select([(label, v) for label, v in options], value=value, allow_blank=False, id=ident,
                  classes=f"opt {width_class}".strip())


def _input(ident: str, value: str, placeholder: str, width_class: str = "") -> Input:
    return Input(value=value, placeholder=placeholder, id=ident, classes=f"opt {width_class}".strip())


ON_OFF = [("stops on", "on"), ("stops off", "off")]
POS = [("POS all", ""), ("POS n", "n"), ("POS v", "v"), ("POS a", "a"), ("POS n,v", "n,v"), ("POS nr,ns,nt", "nr,ns,nt")]
BY = [("no parts", ""), ("by file", "file"), ("by article", "article"), ("by outlet", "outlet"), ("by group", "group")]


class FreqPane(StatsPane):
    """`corpus freq`: top N, stop words, POS, part breakdown, n-gram size; with a dictionary
    (--dict), a switch between words and its categories (`corpus dict`)."""

    def __init__(self, categories: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.categories = categories

    def compose_controls(self) -> ComposeResult:
        if self.categories:
            yield _select("freq-unit", [("words", "words"), ("categories", "categories")], "words")
        yield Label("top")
        yield _input("freq-top", "50", "N", "narrow")
        yield _select("freq-stop", ON_OFF, "on")
        yield _select("freq-pos", POS, "")
        yield _select("freq-by", BY, "")
        yield _select("freq-ngram", [("words", "1"), ("2-grams", "2"), ("3-grams", "3"), ("4-grams", "4")], "1")


WINDOWS = [("win 1,1", "1,1"), ("win 2,2", "2,2"), ("win 3,3", "3,3"), ("win 5,5", "5,5"),
           ("win 10,10", "10,10"), ("sentence", "sentence"), ("paragraph", "paragraph")]


class CollocPane(StatsPane):
    """`corpus cooc`: node, window, measure, stop words, minimum co-occurrence."""

    def compose_controls(self) -> ComposeResult:
        yield Label("node")
        yield _input("colloc-node", "", "node word", "term")
        yield _select("colloc-window", WINDOWS, "5,5")
        from corpus_tui.stats.colloc import MEASURES

        yield _select("colloc-measure", [(m, m) for m in MEASURES], "log_dice")
        yield _select("colloc-stop", ON_OFF, "on")
        yield Label("min")
        yield _input("colloc-min", "2", "N", "narrow")


class DiffPane(StatsPane):
    """`corpus diff`: two terms (Sketch-Diff of collocates, and frequency per source) or two parts (keyness)."""

    def compose_controls(self) -> ComposeResult:
        yield _select("diff-what", [("two terms", "terms"), ("two parts", "parts")], "terms")
        yield _input("diff-t1", "", "term 1", "term")
        yield _input("diff-t2", "", "term 2", "term diff-t2")
        yield _select("diff-by", BY[1:], "group")
        yield _select("diff-a", [("A: choose", "")], "", "part")  # filled from INDEX.md
        yield _select("diff-b", [("B: rest of corpus", "")], "", "part")

    def compose(self) -> ComposeResult:
        from corpus_tui.tui.widgets.termdiff import TermDiffChart

        with Horizontal(classes="controls"):
            yield from self.compose_controls()
        yield Label(Text("", style="dim"), classes="note")
        # two terms: the comparison drawn as one list (its table stays, hidden, for its data)
        yield TermDiffChart(classes="diff-chart")
        yield StatsTable(classes="stats-table")
        yield Label(Text("", style="dim"), classes="note2")
        yield StatsTable(classes="stats-table second")

    def set_parts(self, catalog) -> None:
        parts = [(f"group {g}", f"group={g}") for g in catalog.groups]
        parts += [(f"outlet {o}", f"outlet={o}") for o in catalog.outlets]
        parts += [(f"doc {d.id}", f"doc={d.id}") for d in catalog.documents]
        self.query_one("#diff-a", Select).set_options([("A: choose", "")] + [(f"A: {k}", v) for k, v in parts])
        self.query_one("#diff-b", Select).set_options([("B: rest of corpus", "")] + [(f"B: {k}", v) for k, v in parts])
        self.sync_controls()

    def sync_controls(self) -> None:
        terms = self.query_one("#diff-what", Select).value == "terms"
        for ident in ("#diff-t1", "#diff-t2", "#diff-by"):
            self.query_one(ident).display = terms
        for ident in ("#diff-a", "#diff-b"):
            self.query_one(ident).display = not terms
        self.query_one(".second").display = terms
        self.query_one(".note2").display = terms
        self.query_one(".diff-chart").display = terms
        self.query_one(".stats-table").display = not terms

    def on_select_changed(self, event: Select.Changed) -> None:
        self.sync_controls()
        super().on_select_changed(event)

    def show(self, tables, error: str | None = None) -> None:
        if error:
            super().show(None, error)
            return
        first, second, full = (tables + [None, None])[:3] if isinstance(tables, list) else (tables, None, None)
        super().show(first)
        if full is not None:
            self.query_one(".diff-chart").show(full)
        if second is not None:
            self.query_one(".second", StatsTable).show(second)
            self.query_one(".note2", Label).update(safe(" · ".join(second.notes), style="dim"))


# -- computing (in a worker thread): the statistics core, tables as `corpus freq/cooc/diff` build them --

def _filter(stop: str | None, pos: str | None = None):
    from corpus_tui.stats.frequency import TermFilter
    from corpus_tui.tokens.stoplist import load_stopwords

    tags = tuple(t for t in (pos or "").split(",") if t)
    return TermFilter(load_stopwords() if stop != "off" else frozenset(), pos=tags)


def compute(pane_id: str, idx, options: dict, q, dictionary=None):
    """One pane's table(s) from the core; raises CorpusError (shown inline) on bad options."""
    from corpus_tui.errors import CorpusError

    sel = q.sel
    groups, docs = tuple(sel.groups), tuple(sel.ids)
    if pane_id == "freq" and options.get("unit") == "categories" and dictionary is not None:
        from corpus_tui.stats.categories import dict_table

        return dict_table(idx, dictionary, sel, options.get("by") or None, sel_text=q.sel_label)
    if pane_id == "freq":
        from corpus_tui.stats.frequency import forms_seen, frequencies
        from corpus_tui.stats.tables import freq_table

        by = options.get("by") or None
        top, ngram = _int(options.get("top"), 50), int(options.get("ngram") or 1)
        res = frequencies(idx, sel, _filter(options.get("stop"), options.get("pos")), by, ngram, 1, top)
        return freq_table(res, top, 1, ngram, by, "", q.sel_label, forms_seen(idx))
    from corpus_tui.stats import tables as st  # the very tables `corpus cooc/diff` print

    if pane_id == "colloc":
        from corpus_tui.stats.colloc import Window, parse_window

        node = (options.get("node") or q.term or "").strip()
        if not node:
            raise CorpusError("type a node word (or search for one): its collocates show here")
        variants = node.split("|")
        if dictionary is not None and node.startswith("@"):
            from corpus_tui.stats.categories import CategoryTerm

            variants = CategoryTerm(node, dictionary).variants()  # the node is any of its entries
        w = options.get("window") or "5,5"
        structure = w in ("sentence", "paragraph")
        win = Window(sentence=w == "sentence", paragraph=w == "paragraph") if structure else parse_window(w)
        filt = _filter(options.get("stop"))
        table = st.cooc_table(idx, variants, sel, win, filt, "", options.get("measure") or "log_dice",
                              _int(options.get("min"), 2), 50, False, docs, groups, ())
        measure = options.get("measure") or "log_dice"
        display = ("rank", "collocate", "cooc", "left", "right", "collocate_freq", measure) + tuple(
            c for c in ("log_dice", "mi", "t_score", "ll") if c != measure)
        return table.replace(display=tuple(c for c in display if c in table.columns))
    if pane_id == "diff":
        filt = _filter("on")
        if (options.get("what") or "terms") == "terms":
            t1 = (options.get("t1") or q.term or "").strip()
            t2 = (options.get("t2") or "").strip()
            if not t1 or not t2:
                raise CorpusError("type two terms to compare (term 1 defaults to the search), then Enter")
            from corpus_tui.stats.colloc import Window

            full = st.termdiff_table(idx, (t1, t2), sel, Window(), filt, "", 2, 0, False, docs, groups, ())
            first = full.replace(rows=top_rows(full, 20))  # what term_diff(top=20) keeps
            n1, n2 = first.columns[2].split(":", 1)[1], first.columns[3].split(":", 1)[1]
            first = first.replace(display=("group", "collocate", f"log_dice:{n1}", f"log_dice:{n2}", "diff",
                                            f"cooc:{n1}", f"cooc:{n2}", "collocate_freq"))
            second = st.sources_table(idx, (t1, t2), options.get("by") or "group", sel, filt, docs, groups, ())
            return [first, second, full]
        a, b = options.get("a"), options.get("b")
        if not a:
            raise CorpusError("choose part A (and B, or the rest of the corpus) to compare")
        sel_a = _side(a)
        sel_b = _side(b) if b else None
        return st.keyness_table(idx, sel_a, sel_b, (a,), (b,) if b else (), filt, "", "4term", 3, 20, None,
                                 st.SECTIONS, False)
    raise CorpusError(f"unknown pane {pane_id}")


def top_rows(table, top: int) -> list:
    """The rows term_diff(top=N) keeps of a table of all of them: the strongest of each side."""
    first = f"only {table.columns[2].split(':', 1)[1]}"
    only_a = [r for r in table.rows if r[0] == first]
    shared = [r for r in table.rows if r[0] == "shared"]
    only_b = [r for r in table.rows if r[0] not in (first, "shared")]
    return only_a[:top] + shared[:top] + only_b[-top:]


def _side(spec: str):
    from corpus_tui.query.search import Selection

    key, _, value = spec.partition("=")
    field = {"doc": "ids", "group": "groups", "outlet": "outlets"}[key]
    return Selection(**{field: (value,)})
