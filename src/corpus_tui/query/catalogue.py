"""The catalogue as a table: files and their articles with sizes from the index."""

from __future__ import annotations

from corpus_tui.index.saved import CorpusIndex
from corpus_tui.results import Table

CATALOGUE_COLUMNS = ("id", "kind", "parent", "title", "outlet", "date", "authors", "group", "lines", "encoding",
                     "script", "chars", "tokens", "file")


def catalogue_table(idx: CorpusIndex) -> Table:
    cat = idx.catalog
    spans = {d.id: d for d in idx.docs}
    arts = {a.id: a for a in idx.articles}
    rows = []
    for doc in cat.documents:
        s = spans.get(doc.id)
        if s is None:
            continue  # unreadable: reported as a warning when the index was built
        n_lines = s.lines
        rows.append((doc.id, "file", "", doc.title, doc.outlet, doc.date, list(doc.authors), doc.group,
                     f"1-{n_lines}", s.encoding, s.script, s.char_end - s.char_start, s.tok_end - s.tok_start,
                     doc.file))
        for art in cat.articles_of(doc.id):
            a = arts.get(art.id)
            lines = ",".join(f"{x}-{y}" for x, y in art.ranges)
            rows.append((art.id, "article", doc.id, art.title, art.outlet, art.date, list(art.authors), art.group,
                         lines, s.encoding, s.script, a.chars if a else 0, a.tokens if a else 0, doc.file))
    n_files = sum(1 for r in rows if r[1] == "file")
    notes = (f"{n_files} files, {len(rows) - n_files} articles, {idx.n_chars} characters, {idx.n_tokens} tokens",)
    return Table(CATALOGUE_COLUMNS, rows, notes=notes,
                 display=("id", "kind", "group", "outlet", "date", "script", "chars", "tokens", "title"))
