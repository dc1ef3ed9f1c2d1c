"""The test of one token position in a pattern ([word=...], [pos=...], & | !), compiled to a
predicate over (vocabulary id, tag), and the vocabulary ids a test can admit (the anchor's).

Word values are folded as the index folded its text; regexes run under one time limit per
query (REGEX_TIMEOUT, as --regex), so a catastrophic one stops with an error.
"""

from __future__ import annotations

import time

from corpus_tui.query.pattern import Bool, Cond, PatternError, is_literal

REGEX_TIMEOUT = 2.0  # seconds for all the regex tests of one query


class TokenTests:
    def __init__(self, vocab, word_id, fold, text: str):
        self.vocab, self._word_ids, self.fold, self.text = vocab, word_id, fold, text
        self._deadline = None

    def compile(self, test):
        """f(vocabulary id, tag) -> bool for a Cond or Bool tree."""
        if isinstance(test, Bool):
            parts = [self.compile(p) for p in test.parts]
            if test.op == "!":
                f = parts[0]
                return lambda v, tag: not f(v, tag)
            if test.op == "&":
                return lambda v, tag: all(f(v, tag) for f in parts)
            return lambda v, tag: any(f(v, tag) for f in parts)
        neg = test.op == "!="
        if test.attr == "word" and is_literal(test):
            wids = self.literal_ids(test.value)
            return (lambda v, tag: v not in wids) if neg else (lambda v, tag: v in wids)
        import regex

        value = test.value
        if test.attr == "word":
            value = regex.escape(self._fold(value)) if "l" in test.flags else self._fold_regex(value)
        flags = regex.VERSION0 | (regex.IGNORECASE if "c" in test.flags else 0)
        try:
            rx = regex.compile(value, flags)
        except regex.error as exc:  # a fold gave an invalid pattern: name the value's column
            raise PatternError(f"invalid regular expression {test.value!r}: {exc}", test.col, self.text) from None
        vocab, bounded = self.vocab, self._bounded
        if test.attr == "word":
            def f(v, tag, m=rx.fullmatch):
                return bounded(m, vocab[v])
        else:
            tag_memo: dict = {}

            def f(v, tag, m=rx.match):
                hit = tag_memo.get(tag)
                if hit is None:
                    hit = tag_memo[tag] = bounded(m, tag)
                return hit
        return (lambda v, tag: not f(v, tag)) if neg else f

    def _bounded(self, match, s: str) -> bool:
        """``match(s)`` within what is left of the query's REGEX_TIMEOUT."""
        if self._deadline is None:
            self._deadline = time.monotonic() + REGEX_TIMEOUT
        left = self._deadline - time.monotonic()
        try:
            if left <= 0:
                raise TimeoutError
            return match(s, timeout=left) is not None
        except TimeoutError:
            raise PatternError(f"the regular expressions took longer than {REGEX_TIMEOUT:g} s; simplify them",
                               1, self.text) from None

    def _fold(self, s: str) -> str:
        return self.fold(s) if self.fold else s

    def _fold_regex(self, rx: str) -> str:
        """Fold the characters of a regex that folding changes, escaped where they become
        syntax (a full-width （ folds to the group opener "(")."""
        if not self.fold:
            return rx
        out = []
        for ch in rx:
            if ch.isascii():
                out.append(ch)
                continue
            f = self.fold(ch)
            out.append("".join("\\" + c if c in "\\.^$*+?{}[]|()" else c for c in f))
        return "".join(out)

    def literal_ids(self, value: str) -> frozenset:
        """The ids of a literal word as the index may hold it. Folding punctuation depends on
        its neighbours (a "," beside Chinese text is the text's "，"), and a token of a
        pattern stands beside other tokens: the value folded alone and between two Chinese
        characters are both looked up."""
        forms = {self._fold(value)}
        if self.fold:
            framed = self.fold("中" + value + "中")
            if framed.startswith("中") and framed.endswith("中") and len(framed) > 2:
                forms.add(framed[1:-1])
        return frozenset(i for i in map(self.word_id, forms) if i is not None)

    def word_id(self, word: str) -> int | None:
        if self._word_ids is None:
            ids = {w: i for i, w in enumerate(self.vocab)}
            self._word_ids = ids.get
        return self._word_ids(word)

    def ids(self, test) -> set | None:
        """Vocabulary ids a token passing ``test`` may have (a superset), None if any."""
        if isinstance(test, Cond):
            if test.op == "=" and is_literal(test):
                return set(self.literal_ids(test.value))
            return None
        if test is None or test.op == "!":
            return None
        sets = [self.ids(p) for p in test.parts]
        if test.op == "|":
            return None if any(s is None for s in sets) else set().union(*sets)
        known = [s for s in sets if s is not None]
        return min(known, key=len) if known else None
