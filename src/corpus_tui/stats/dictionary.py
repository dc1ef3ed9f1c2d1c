"""Dictionaries of concepts: quanteda YAML and LIWC .dic files, and the automaton that counts them.

A dictionary names categories (nested ones as ``parent/child``), each a set of entries.
Entries are matched on the clean text as surface strings by one automaton over every entry
of the dictionary, leftmost match first and, at one position, the longest entry first, never
overlapping: in 未来产业 the entry 未来产业 is counted and the entry 产业 is not, and a
multi-word entry counts whole. A category's count is the sum of its entries' counts (a
parent's entries are its own and all its descendants').

quanteda (``dictionary(file=)``/``dfm_lookup``) and LIWC mark a prefix with a trailing
``*``. The mark is accepted and kept in the entry's name, but on the clean text every
entry already matches wherever its string occurs, also at the start of a longer word
(产业* and 产业 both count the 产业 of 产业链), so the two count the same. Latin letters
match without regard to case (``AI`` = ``ai``), as in both tools.

The automaton is the Rust ``aho-corasick`` crate's leftmost-longest search (ahocorasick-rs).
Measured on 10.5 M characters of the bundled texts repeated (this 2-core machine): 146
entries 0.41 s (a trie-shaped ``re`` alternation 1.3 s, pyahocorasick ``iter_long`` 0.28 s),
5 000 entries 0.6 s (``re`` 16.5 s, pyahocorasick 1.6 s). pyahocorasick's ``iter_long`` has
open reports of missed leftmost-longest matches, so the crate's is used.

PyYAML is imported only when a YAML dictionary is read (~16 ms); its composer (the C one
when PyYAML was built with libyaml) gives the node tree with line numbers, and every scalar
is kept as written (``no``, ``2026`` and ``on`` stay strings, as entries must).
"""

from __future__ import annotations

from collections import namedtuple

from corpus_tui.errors import CorpusError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable, Iterable, Sequence

FORMATS = ("yaml", "liwc")
MAX_BYTES = 16 << 20  # the largest LIWC dictionaries in use are a few MB
SHIPPED = ("policy_concepts.yml",)  # in corpus_tui/data: FILE may name it (policy_concepts)
_NULLS = ("", "~", "null", "Null", "NULL")
_ASCII_LOWER = {c: c + 32 for c in range(65, 91)}  # str.translate table: A-Z -> a-z, length kept


class DictionaryError(CorpusError):
    """A dictionary file that cannot be read: one line naming the file and line."""


class Category(namedtuple("Category", "name entries own depth line")):
    """One category: ``name`` as ``parent/child``, ``entries`` as written in the file (its
    own, then its descendants', each once, in file order), ``own`` those listed directly
    under it, ``depth`` 0 at the top level, ``line`` where the file names it."""

    __slots__ = ()


class Dictionary:
    __slots__ = ("source", "format", "categories", "_by_name")

    def __init__(self, source: str, format: str, categories: Sequence[Category]):
        self.source, self.format = source, format
        self.categories = tuple(categories)
        self._by_name = {c.name: c for c in self.categories}

    @property
    def name(self) -> str:
        import os

        base = os.path.basename(self.source)
        return base.rsplit(".", 1)[0] if "." in base else base

    @property
    def entries(self) -> tuple[str, ...]:
        """Every entry once, in file order."""
        seen: dict[str, None] = {}
        for cat in self.categories:
            for e in cat.entries:
                seen.setdefault(e, None)
        return tuple(seen)

    def names(self) -> list[str]:
        return [c.name for c in self.categories]

    def category(self, name: str) -> Category:
        cat = self._by_name.get(name)
        if cat is None:
            import difflib

            close = difflib.get_close_matches(name, self.names(), n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else f"; it has {', '.join(self.names()[:8])}"
            raise DictionaryError(f"dictionary {self.source} has no category {name!r}{hint}")
        return cat


# -- reading ----------------------------------------------------------------------

def read_dictionary(path: str) -> Dictionary:
    """A dictionary file: ``.dic`` is LIWC, ``.yml``/``.yaml`` quanteda YAML; any other
    name is LIWC when its first line is ``%``, YAML otherwise. A name that is no file but
    a dictionary shipped in the package (``policy_concepts``) reads that one."""
    import os

    path = os.path.expanduser(path)
    shown = path
    if not os.path.exists(path) and os.sep not in path:  # a dictionary shipped in the package, by name
        data = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "data")
        for name in (path, path + ".yml"):
            if name in SHIPPED and os.path.isfile(os.path.join(data, name)):
                path, shown = os.path.join(data, name), f"{name} (shipped)"
                break
    from corpus_tui.corpus.userfile import read_user_text

    text = read_user_text(path, "--dict", MAX_BYTES, error=DictionaryError)
    lower = path.lower()
    if lower.endswith(".dic"):
        return parse_liwc(text, shown)
    if lower.endswith((".yml", ".yaml")):
        return parse_yaml(text, shown)
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return parse_liwc(text, shown) if first == "%" else parse_yaml(text, shown)


def check_entry(entry: str, where: str) -> str:
    """An entry as written, stripped; a DictionaryError naming ``where`` if it cannot match."""
    e = entry.strip()
    if not e or e == "*":
        raise DictionaryError(f"{where}: empty entry")
    if "*" in e[:-1]:
        raise DictionaryError(f"{where}: entry {e!r}: '*' may only end an entry (a prefix)")
    if any(not c.isprintable() for c in e):
        raise DictionaryError(f"{where}: entry {e!r} holds a control character or line break")
    return e


def _check_name(name: str, where: str) -> str:
    n = name.strip()
    if not n:
        raise DictionaryError(f"{where}: empty category name")
    if "/" in n:
        raise DictionaryError(f"{where}: category name {n!r} contains '/', which separates nested categories")
    if any(not c.isprintable() for c in n):
        raise DictionaryError(f"{where}: category name {n!r} holds a control character")
    return n


class _Builder:
    """Categories in file order, a parent before its children; entries deduplicated."""

    def __init__(self, source: str):
        self.source = source
        self.order: list[str] = []
        self.own: dict[str, list[str]] = {}
        self.lines: dict[str, int] = {}

    def add(self, path: str, line: int) -> None:
        if path in self.own:
            raise DictionaryError(f"dictionary {self.source}:{line}: category {path!r} given twice "
                                  f"(first at line {self.lines[path]})")
        self.order.append(path)
        self.own[path] = []
        self.lines[path] = line

    def build(self, format: str) -> Dictionary:
        cats = []
        for path in self.order:
            entries: dict[str, None] = {}
            for other in self.order:  # own entries first, then the descendants', in file order
                if other == path or other.startswith(path + "/"):
                    for e in self.own[other]:
                        entries.setdefault(e, None)
            if not entries:
                raise DictionaryError(f"dictionary {self.source}:{self.lines[path]}: category {path!r} has no entries")
            cats.append(Category(path, tuple(entries), tuple(dict.fromkeys(self.own[path])), path.count("/"), self.lines[path]))
        if not cats:
            raise DictionaryError(f"dictionary {self.source}: no categories")
        return Dictionary(self.source, format, cats)


def parse_yaml(text: str, source: str = "<yaml>") -> Dictionary:
    """quanteda's YAML dictionary: a mapping of category names to an entry, a list of
    entries, or a mapping of subcategories (list items that are mappings nest too)."""
    import yaml  # deferred: ~16 ms, paid only by a command given a YAML dictionary

    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark is not None else source
        what = " ".join(str(exc.problem or exc.context or "syntax error").split())
        raise DictionaryError(f"dictionary {where}: not valid YAML: {what}") from None
    except yaml.YAMLError as exc:
        raise DictionaryError(f"dictionary {source}: not valid YAML: {' '.join(str(exc).split())}") from None
    b = _Builder(source)
    if root is None:
        raise DictionaryError(f"dictionary {source}: empty file")
    if not isinstance(root, yaml.MappingNode):
        raise DictionaryError(f"dictionary {source}:{root.start_mark.line + 1}: the top level must map "
                              "category names to entries (name: [entry, ...])")
    _yaml_mapping(yaml, root, "", b)
    return b.build("yaml")


def _yaml_mapping(yaml, node, parent: str, b: _Builder) -> None:
    for key, value in node.value:
        line = key.start_mark.line + 1
        where = f"dictionary {b.source}:{line}"
        if not isinstance(key, yaml.ScalarNode):
            raise DictionaryError(f"{where}: a category name must be a plain string")
        path = f"{parent}/{_check_name(key.value, where)}" if parent else _check_name(key.value, where)
        b.add(path, line)
        _yaml_value(yaml, value, path, b)


def _yaml_value(yaml, node, path: str, b: _Builder) -> None:
    where = f"dictionary {b.source}:{node.start_mark.line + 1}"
    if isinstance(node, yaml.ScalarNode):
        if _is_null(node):
            return  # an empty category: reported by build() unless it has subcategories
        b.own[path].append(check_entry(node.value, where))
    elif isinstance(node, yaml.MappingNode):
        _yaml_mapping(yaml, node, path, b)
    else:
        for item in node.value:
            iwhere = f"dictionary {b.source}:{item.start_mark.line + 1}"
            if isinstance(item, yaml.ScalarNode):
                if not _is_null(item):
                    b.own[path].append(check_entry(item.value, iwhere))
            elif isinstance(item, yaml.MappingNode):
                _yaml_mapping(yaml, item, path, b)
            else:
                raise DictionaryError(f"{iwhere}: a list inside a list; give entries or name: [entries]")


def _is_null(node) -> bool:
    """An empty or null plain scalar (libyaml reports a plain style as '', PyYAML as None)."""
    return node.style in (None, "") and node.value in _NULLS


def parse_liwc(text: str, source: str = "<dic>") -> Dictionary:
    """LIWC's .dic: between two ``%`` lines one ``number name`` line per category, then one
    line per entry: the entry and the numbers of its categories, tab- or space-separated
    (with tabs an entry may hold spaces: ``kind of<TAB>12``)."""
    lines = text.splitlines()
    n = 0
    while n < len(lines) and not lines[n].strip():
        n += 1
    if n == len(lines) or lines[n].strip() != "%":
        raise DictionaryError(f"dictionary {source}:{n + 1}: a LIWC .dic starts with a line '%'")
    ids: dict[int, str] = {}
    b = _Builder(source)
    i = n + 1
    while True:
        if i >= len(lines):
            raise DictionaryError(f"dictionary {source}: the category list opened at line {n + 1} never closes with '%'")
        raw = lines[i].strip()
        i += 1
        if not raw:
            continue
        if raw == "%":
            break
        where = f"dictionary {source}:{i}"
        parts = raw.split(None, 1)
        if len(parts) < 2 or not parts[0].isdigit():
            raise DictionaryError(f"{where}: a category line is 'number name', not {raw!r}")
        num = int(parts[0])
        name = _check_name(parts[1].split("\t")[0], where)
        if num in ids:
            raise DictionaryError(f"{where}: category number {num} given twice")
        ids[num] = name
        b.add(name, i)
    for k in range(i, len(lines)):
        raw = lines[k].strip()
        if not raw:
            continue
        where = f"dictionary {source}:{k + 1}"
        fields = [f.strip() for f in raw.split("\t")] if "\t" in raw else raw.split()
        fields = [f for f in fields if f]
        j = len(fields)
        while j > 1 and fields[j - 1].isdigit():
            j -= 1
        if j == len(fields):
            if any("/" in f or "(" in f for f in fields[1:]):
                raise DictionaryError(f"{where}: LIWC's conditional categories ({' '.join(fields[1:])}) are not supported")
            raise DictionaryError(f"{where}: entry {raw!r} names no category number")
        entry = check_entry(" ".join(fields[:j]), where)
        for f in fields[j:]:
            name = ids.get(int(f))
            if name is None:
                raise DictionaryError(f"{where}: category number {f} is not in the category list")
            if entry not in b.own[name]:
                b.own[name].append(entry)
    return b.build("liwc")


# -- matching -----------------------------------------------------------------------

def surface(entry: str) -> str:
    """The string an entry matches: the entry without its prefix mark."""
    return entry[:-1].rstrip() if entry.endswith("*") else entry


class EntryMatcher:
    """One leftmost-longest automaton over the entries' surface strings.

    ``fold`` is the query folding of the clean text (corpus normalisation), applied to
    every entry; entries that fold to the same string share one pattern (``keys``), so a
    stretch of text is counted once for each of them and never twice for one category.
    """

    __slots__ = ("entries", "keys", "key_of", "_pos", "_automaton", "_lower")

    def __init__(self, entries: Iterable[str], fold: Callable[[str], str] | None = None):
        self.entries = tuple(dict.fromkeys(entries))
        self.keys: list[str] = []
        index: dict[str, int] = {}
        key_of = []
        for e in self.entries:
            s = surface(e)
            if fold is not None:
                s = fold(s)
            s = s.translate(_ASCII_LOWER)
            if not s:
                raise DictionaryError(f"entry {e!r} is empty once folded like the text")
            if "\n" in s:
                raise DictionaryError(f"entry {e!r} holds a line break")
            k = index.get(s)
            if k is None:
                k = index[s] = len(self.keys)
                self.keys.append(s)
            key_of.append(k)
        self.key_of = tuple(key_of)
        self._pos = {e: i for i, e in enumerate(self.entries)}
        self._lower = any("a" <= c <= "z" for s in self.keys for c in s)
        self._automaton = None
        if self.keys:
            import ahocorasick_rs  # deferred: a Rust extension, <1 ms

            self._automaton = ahocorasick_rs.AhoCorasick(
                self.keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
        """(key, start, end) of every match in ``text[start:end]``, in text order, offsets
        in code points of ``text``."""
        if self._automaton is None:
            return []
        piece = text if start == 0 and end is None else text[start:end]
        if self._lower:
            piece = piece.translate(_ASCII_LOWER)
        found = self._automaton.find_matches_as_indexes(piece)
        if start:
            return [(k, a + start, b + start) for k, a, b in found]
        return found

    def key_counts(self, text: str, spans: Iterable[tuple[int, int]] | None = None) -> list[int]:
        """How often each key matches, over ``spans`` of ``text`` (default: all of it)."""
        counts = [0] * len(self.keys)
        for a, b in spans if spans is not None else ((0, len(text)),):
            for k, _, _ in self.find(text, a, b):
                counts[k] += 1
        return counts

    def category_keys(self, category: Category) -> list[int]:
        """The distinct keys of a category's entries (a sum over them counts no stretch twice)."""
        return sorted({self.key_of[self._pos[e]] for e in category.entries})
