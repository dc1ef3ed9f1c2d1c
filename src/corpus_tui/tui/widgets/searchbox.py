"""The search box: an Input that lets `?` through to the help key while it is empty."""

from __future__ import annotations

from textual.widgets import Input


class SearchBox(Input):
    def check_consume_key(self, key: str, character: str | None) -> bool:
        if character == "?" and not self.value:
            return False  # an empty box: `?` opens the help (with text in it, `?` is regex text)
        return super().check_consume_key(key, character)


def category_suggester(dictionary):
    """@category names of --dict, completed in the search box (→ or End takes one)."""
    if dictionary is None:
        return None
    from textual.suggester import SuggestFromList

    return SuggestFromList([f"@{name}" for name in dictionary.names()], case_sensitive=True)
