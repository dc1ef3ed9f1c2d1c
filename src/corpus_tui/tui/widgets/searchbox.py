"""The search box: an Input that lets `?` through to the help key while it is empty; its
placeholder names an example term of the corpus once the index is open (tui/examples.py)."""

from __future__ import annotations

from textual import work
from textual.widgets import Input

from corpus_tui.tui.examples import example_terms, search_placeholder


class SearchBox(Input):
    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder=search_placeholder([]), **kwargs)

    @work(thread=True, exclusive=True, group="examples")
    def show_example(self, idx) -> None:
        """Called when the index is open: the placeholder's example comes from it."""
        text = search_placeholder(example_terms(idx, 1))
        self.app.call_from_thread(setattr, self, "placeholder", text)

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
