"""Token patterns: the subset of CQP's query language corpus_tui reads, parsed to a tree.

    "新赛道"                 a token: the string is a regular expression over the whole token
    [word="新.*"]            the same, written out; [word!="的"] any other token
    [pos="v"]                the token's tag begins with v (v, vd, vn), as --pos does
    [pos="v" & word!="是"]   & | ! and parentheses inside brackets; [] is any token
    A?  A*  A+  A{n}  A{m,n}  A{m,}  A{,n}   repetition of a token or of a (group)
    ( A B | C )              alternatives
    ... within s|p           the whole match inside one sentence (s) or paragraph (p)

A string may carry flags after it: %c ignores case, %l takes it literally (no regex).
Repetition is bounded: * + and {m,} stop after OPEN_REPEAT tokens, an explicit bound may
be at most MAX_REPEAT, so the automaton compiled from a pattern is small and finite
(query/pattern_match.py). Columns in errors are 1-based code points of the pattern.

Only the standard library, `regex` (to check a value where it is written) and
corpus_tui.errors are imported.
"""

from __future__ import annotations

from collections import namedtuple

from corpus_tui.errors import CorpusError

OPEN_REPEAT = 50   # what * + {m,} mean: at most this many more tokens than m
MAX_REPEAT = 100   # the largest bound a user may write
MAX_STATES = 5000  # token tests of a pattern once every repetition is written out
REGIONS = {"s": "s", "sentence": "s", "p": "p", "paragraph": "p"}
ATTRS = ("word", "pos")
META = frozenset(".^$*+?{}[]\\|()")


class PatternError(CorpusError):
    """A pattern that does not parse: the message names the 1-based column."""

    def __init__(self, message: str, column: int, text: str):
        self.column, self.text, self.reason = column, text, message
        super().__init__(f"pattern {text!r}: column {column}: {message}")


# The tree. A test is a Cond or a Bool over Conds; a Token is one token position.
Cond = namedtuple("Cond", "attr op value flags col")      # attr word|pos, op = or !=, flags "" or of "cl"
Bool = namedtuple("Bool", "op parts")                     # op & | !; ! has one part
Token = namedtuple("Token", "test col")                   # test None: [] (any token)
Group = namedtuple("Group", "alternatives col")           # alternatives: tuple of item tuples
Item = namedtuple("Item", "atom min max col")             # atom Token | Group, repeated min..max times
Pattern = namedtuple("Pattern", "items within text")      # within None | "s" | "p"


def is_literal(cond: Cond) -> bool:
    """A word test that is plain equality with a known string (no regex, no case folding)."""
    return cond.attr == "word" and "c" not in cond.flags and ("l" in cond.flags or not (META & set(cond.value)))


def min_len(items) -> int:
    return sum(it.min * _atom_len(it.atom, min, min_len) for it in items)


def max_len(items) -> int:
    return sum(it.max * _atom_len(it.atom, max, max_len) for it in items)


def _atom_len(atom, pick, measure) -> int:
    if isinstance(atom, Token):
        return 1
    return pick(measure(alt) for alt in atom.alternatives)


def parse(text: str) -> Pattern:
    """The tree of ``text``; PatternError naming the column where it stops making sense."""
    if text is None or not text.strip():
        raise PatternError("empty pattern: give at least one token, e.g. \"新赛道\" or [pos=\"v\"]", 1, text or "")
    p = _Parser(text)
    alts = p.alternatives(top=True)
    items = alts[0] if len(alts) == 1 else (Item(Group(alts, 1), 1, 1, 1),)
    within = None
    p.skip()
    if p.word_ahead() == "within":
        p.i += len("within")
        p.skip()
        name = p.word_ahead()
        if name not in REGIONS:
            p.fail("after within: s (sentence) or p (paragraph)")
        within = REGIONS[name]
        p.i += len(name)
        p.skip()
        if p.i < len(text):
            p.fail("nothing may follow the within clause")
    elif p.i < len(text):
        ch = text[p.i]
        p.fail(f"unexpected {ch!r}" + (" (no group is open)" if ch == ")" else ""))
    if min_len(items) == 0:
        raise PatternError("the pattern can match no token at all: at least one token must be required", 1, text)
    if _states(items) > MAX_STATES:
        raise PatternError(f"the pattern is too large once its repetitions are written out "
                           f"(over {MAX_STATES} token tests): lower the bounds", 1, text)
    return Pattern(items, within, text)


def _states(items) -> int:
    total = 0
    for it in items:
        atom = it.atom
        size = 1 if isinstance(atom, Token) else sum(_states(alt) for alt in atom.alternatives)
        total += size * it.max
    return total


class _Parser:
    def __init__(self, text: str):
        self.text, self.i = text, 0

    def fail(self, message: str, col: int | None = None):
        raise PatternError(message, (self.i if col is None else col - 1) + 1, self.text)

    def skip(self) -> None:
        t = self.text
        while self.i < len(t) and t[self.i].isspace():
            self.i += 1

    def peek(self) -> str:
        self.skip()
        return self.text[self.i] if self.i < len(self.text) else ""

    def word_ahead(self) -> str:
        t, j = self.text, self.i
        while j < len(t) and (t[j].isascii() and (t[j].isalnum() or t[j] == "_")):
            j += 1
        return t[self.i:j]

    def expect(self, ch: str, what: str) -> None:
        if self.peek() != ch:
            got = repr(self.text[self.i]) if self.i < len(self.text) else "the end"
            self.fail(f"expected {ch!r} {what}, found {got}")
        self.i += 1

    # -- sequences --------------------------------------------------------------
    def alternatives(self, top: bool = False) -> tuple:
        """The sequences between | at this level, each a tuple of items."""
        alts = [self.sequence(top)]
        while self.peek() == "|":
            self.i += 1
            alts.append(self.sequence(top))
        return tuple(alts)

    def sequence(self, top: bool) -> tuple:
        items = []
        while True:
            ch = self.peek()
            if ch in ('"', "'", "[", "("):
                items.append(self.item())
                continue
            if not items:
                if ch == "":
                    self.fail("expected a token here: \"word\", [...] or (...)")
                if top and self.word_ahead() == "within":
                    self.fail("within needs a pattern before it")
                self.fail(f"expected a token: \"word\", [...] or (...), found {ch!r}")
            if ch in ("", "|", ")") or (top and self.word_ahead() == "within"):
                return tuple(items)
            if ch in "?*+{":
                self.fail(f"{ch!r} repeats nothing here: it follows another repetition")
            self.fail(f"unexpected {ch!r}: a token is \"word\", [...] or (...)")

    def item(self) -> Item:
        col = self.i + 1
        ch = self.peek()
        if ch in ('"', "'"):
            value, flags, vcol = self.string()
            atom = Token(_cond("word", "=", value, flags, vcol, self.text), col)
        elif ch == "[":
            self.i += 1
            if self.peek() == "]":
                self.i += 1
                atom = Token(None, col)
            else:
                test = self.bool_or()
                if self.peek() != "]":
                    self.expect("]", f"to close the [ at column {col}")
                self.i += 1
                atom = Token(test, col)
        else:
            self.i += 1
            alts = self.alternatives()
            if self.peek() != ")":
                self.expect(")", f"to close the ( at column {col}")
            self.i += 1
            atom = Group(alts, col)
        lo, hi = self.repeat()
        return Item(atom, lo, hi, col)

    def repeat(self) -> tuple[int, int]:
        ch = self.peek()
        if ch == "" or ch not in "?*+{":
            return 1, 1
        self.i += 1
        if ch == "?":
            return 0, 1
        if ch == "*":
            return 0, OPEN_REPEAT
        if ch == "+":
            return 1, 1 + OPEN_REPEAT
        col = self.i
        lo = self.number()
        hi = lo
        if self.peek() == ",":
            self.i += 1
            hi = self.number()
            if hi is None:
                hi = (lo or 0) + OPEN_REPEAT
        self.expect("}", f"to close the {{ at column {col}")
        if lo is None and hi is None:
            self.fail("a repetition needs a number: {n}, {m,n}, {m,} or {,n}", col)
        lo = lo or 0
        if hi < lo:
            self.fail(f"repetition {{{lo},{hi}}}: the upper bound is below the lower one", col)
        if hi == 0:
            self.fail("{0} repeats nothing: drop the token or give a bound above 0", col)
        return lo, hi

    def number(self) -> int | None:
        self.skip()
        t, j = self.text, self.i
        while j < len(t) and t[j] in "0123456789":
            j += 1
        if j == self.i:
            return None
        n = int(t[self.i:j])
        if n > MAX_REPEAT:
            self.fail(f"repetition bound {n} is over the limit of {MAX_REPEAT}")
        self.i = j
        return n

    # -- tests inside [...] --------------------------------------------------------
    def bool_or(self):
        parts = [self.bool_and()]
        while self.peek() == "|":
            self.i += 1
            parts.append(self.bool_and())
        return parts[0] if len(parts) == 1 else Bool("|", tuple(parts))

    def bool_and(self):
        parts = [self.unary()]
        while self.peek() == "&":
            self.i += 1
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else Bool("&", tuple(parts))

    def unary(self):
        ch = self.peek()
        if ch == "!":
            self.i += 1
            return Bool("!", (self.unary(),))
        if ch == "(":
            col = self.i + 1
            self.i += 1
            inner = self.bool_or()
            if self.peek() != ")":
                self.expect(")", f"to close the ( at column {col}")
            self.i += 1
            return inner
        name = self.word_ahead()
        if not name:
            found = repr(ch) if ch else "the end"
            self.fail(f"expected an attribute test such as word=\"...\" or pos=\"v\", found {found}")
        if name not in ATTRS:
            self.fail(f"unknown attribute {name!r}: use word or pos")
        self.i += len(name)
        self.skip()
        t = self.text
        if t.startswith("!=", self.i):
            op = "!="
        elif t.startswith("=", self.i):
            op = "="
        else:
            self.fail(f"expected = or != after {name}")
        self.i += len(op)
        if self.peek() not in ('"', "'"):
            self.fail(f"expected a quoted value after {name}{op}")
        value, flags, vcol = self.string()
        return _cond(name, op, value, flags, vcol, self.text)

    def string(self) -> tuple[str, str, int]:
        """(value, flags, column of the value's first character)."""
        t = self.text
        quote, col = t[self.i], self.i + 1
        j = self.i + 1
        out = []
        while j < len(t) and t[j] != quote:
            if t[j] == "\\" and j + 1 < len(t):
                out.append(quote if t[j + 1] == quote else t[j:j + 2])
                j += 2
            else:
                out.append(t[j])
                j += 1
        if j >= len(t):
            self.fail(f"the string opened at column {col} is not closed", col)
        self.i = j + 1
        flags = ""
        while self.i < len(t) and t[self.i] == "%":
            k = self.i + 1
            while k < len(t) and t[k].isascii() and t[k].isalpha():
                k += 1
            letters = t[self.i + 1:k]
            if not letters or set(letters) - set("cl"):
                self.fail("unknown flag after the string: %c (ignore case) or %l (literal)")
            flags += letters
            self.i = k
        value = "".join(out)
        if value == "":
            self.fail("an empty string matches no token", col)
        return value, flags, col + 1


def _cond(attr: str, op: str, value: str, flags: str, col: int, text: str) -> Cond:
    cond = Cond(attr, op, value, flags, col)
    if attr == "pos" and "l" in flags:
        raise PatternError("%l is for word values; a pos value is a tag prefix", col, text)
    if not is_literal(cond) and "l" not in flags:
        check_regex(value, col, text)
    return cond


def check_regex(value: str, col: int, text: str) -> None:
    from corpus_tui.query.regex_match import MAX_EXPANSION, expansion

    size = expansion(value)  # before compiling: a{1000000000} would take all memory to compile
    if size > MAX_EXPANSION:
        raise PatternError(f"regular expression {value!r} expands to about {size:,} items (counted repeats "
                           f"multiply); at most {MAX_EXPANSION:,}: simplify it", col, text)
    import regex  # only a pattern with a regular expression in it pays the import

    try:
        regex.compile(value, regex.VERSION0)
    except regex.error as exc:  # the regex module's errors carry msg and pos (0 or more)
        raise PatternError(f"invalid regular expression {value!r}: {exc.msg}", col + exc.pos, text) from None
