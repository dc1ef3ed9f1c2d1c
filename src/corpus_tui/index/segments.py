"""The segments of an index: token ranges that each lie in one file and either in one
article or outside every article, covering every token exactly once (see stats.frequency
for how parts are built from them). Computed once per opened index; the build stores the
token counts of each segment (cs_* arrays) so frequencies read counts instead of tokens."""

from __future__ import annotations

from bisect import bisect_left
from collections import namedtuple

from corpus_tui.errors import CorpusError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from corpus_tui.index.saved import CorpusIndex

PARTS = ("file", "article", "outlet", "group", "year", "quarter", "month")
PERIODS = ("year", "quarter", "month")  # parts by date: corpus.dates periods of each segment's date
OUTSIDE = ":outside"
NONE_LABEL = "(none)"



class PartError(CorpusError):
    pass


class Segment(namedtuple("Segment", "doc article group outlet a b has_articles date", defaults=("",))):
    __slots__ = ()
    # doc: str
    # article: str  # "" when outside every article
    # group: str
    # outlet: str
    # a: int  # token range [a, b)
    # b: int
    # has_articles: bool  # the file has article rows
    # date: str = ""  # the catalogue's date of the article (or of the file outside its articles)

    def part(self, by: str) -> str:
        if by == "file":
            return self.doc
        if by == "article":
            if self.article:
                return self.article
            return self.doc + OUTSIDE if self.has_articles else self.doc
        if by == "group":
            return self.group or NONE_LABEL
        if by == "outlet":
            return self.outlet or NONE_LABEL
        if by in PERIODS:
            from corpus_tui.corpus.dates import parse_date, period_of  # only for parts by date

            return period_of(parse_date(self.date), by).label
        raise PartError(f"unknown part {by!r}; choose from {', '.join(PARTS)}")

    @property
    def is_article(self) -> bool:
        """Counts towards article frequency: a real article, or a whole file without article rows."""
        return bool(self.article) or not self.has_articles


def tok_range(idx: CorpusIndex, a: int, b: int) -> tuple[int, int]:
    """Tokens whose start lies in the clean-text span [a, b)."""
    ts = idx.tstarts
    return bisect_left(ts, a), bisect_left(ts, b)


def segments(idx: CorpusIndex) -> list[Segment]:
    """All segments of the corpus, in corpus order, covering every token once."""
    cached = idx.__dict__.get("_stats_segments")
    if cached is not None:
        return cached
    cat = idx.catalog
    out: list[Segment] = []
    arts_by_doc: dict[str, list] = {}
    for art in idx.articles:
        arts_by_doc.setdefault(art.doc_id, []).append(art)
    meta_art = {a.id: a for a in cat.articles}
    for d in idx.docs:
        doc = cat.document(d.id)
        group, outlet, date = (doc.group, doc.outlet, doc.date) if doc else ("", "", "")
        arts = arts_by_doc.get(d.id, [])
        pieces = []
        for art in arts:
            m = meta_art.get(art.id)
            for ca, cb in art.spans:
                ta, tb = tok_range(idx, ca, cb)
                ta, tb = max(ta, d.tok_start), min(tb, d.tok_end)
                if tb > ta:
                    pieces.append((ta, tb, art.id, m.group if m else group, m.outlet if m else outlet,
                                   m.date if m else date))
        pieces.sort()
        pos = d.tok_start
        has = bool(arts)
        for ta, tb, aid, g, o, dt in pieces:
            ta = max(ta, pos)
            if ta > pos:
                out.append(Segment(d.id, "", group, outlet, pos, ta, has, date))
            if tb > ta:
                out.append(Segment(d.id, aid, g, o, ta, tb, has, dt))
                pos = tb
        if d.tok_end > pos:
            out.append(Segment(d.id, "", group, outlet, pos, d.tok_end, has, date))
    idx.__dict__["_stats_segments"] = out
    return out
