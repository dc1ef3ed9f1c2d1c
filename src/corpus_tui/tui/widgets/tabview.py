"""Tabs: a line of labels and their underline over a ContentSwitcher.

Textual's TabbedContent draws the same two lines with a widget per label, a scroll container
and an animated underline, all styled again when the active tab changes: a same-moment A/B
of 7 fresh processes put it at ~140 ms of a ~670 ms first screen. TabBar draws both lines as
one widget; the pages are plain containers in a ContentSwitcher.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from corpus_tui.cells import cell_len
from corpus_tui.tui.widgets.spans import LabelSpans


class TabPage(Vertical):
    """One tab's content; ``title`` is its label in the tab bar."""

    def __init__(self, title: str, *children: Widget, id: str) -> None:
        super().__init__(*children, id=id)
        self.title = title


class TabBar(LabelSpans, Widget, can_focus=False):
    """The labels, padded as Textual's tabs are, and the underline with the active one lit."""

    COMPONENT_CLASSES = {"tabbar--tab", "tabbar--active", "tabbar--hover", "tabbar--bar", "tabbar--bar-active"}
    DEFAULT_CSS = """
    TabBar {
        height: 2;
        & > .tabbar--tab { color: $foreground 50%; }
        & > .tabbar--active { color: $foreground; }
        & > .tabbar--hover { color: $foreground; }
        & > .tabbar--bar { color: $foreground 10%; }
        & > .tabbar--bar-active { color: $block-cursor-background; }
    }
    """

    active: reactive[str] = reactive("", layout=False)

    class Clicked(Message):
        def __init__(self, page_id: str) -> None:
            super().__init__()
            self.page_id = page_id

    def __init__(self, tabs: list[tuple[str, str]], active: str) -> None:
        super().__init__()
        self.tabs = tabs  # (page id, title)
        self.set_reactive(TabBar.active, active)

    def label_spans(self) -> list[tuple[int, int, str]]:
        """(first cell, end cell, page id) of each label with its padding."""
        out, x = [], 1  # one cell in from the left edge, as Textual's tabs sit
        for page_id, title in self.tabs:
            w = cell_len(title) + 2
            out.append((x, x + w, page_id))
            x += w
        return out

    def render(self) -> Text:
        # Full styles, not partial ones: the colours have alpha (50 %, 10 %), which only
        # a style blended over the background can show.
        style = self.get_component_rich_style
        labels, bar = Text(" ", no_wrap=True, end=""), Text(no_wrap=True, end="")
        end = 0
        for (a, b, page_id), (_, title) in zip(self.label_spans(), self.tabs):
            name = "tabbar--active" if page_id == self.active else "tabbar--tab"
            if page_id == self._hover and page_id != self.active:
                name = "tabbar--hover"
            labels.append(f" {title} ", style(name))
            bar.append("━" * (a - end), style("tabbar--bar"))
            bar.append("━" * (b - a), style("tabbar--bar-active" if page_id == self.active else "tabbar--bar"))
            end = b
        bar.append("━" * max(0, self.size.width - end), style("tabbar--bar"))
        return Text("\n", end="").join([labels, bar])

    def on_click(self, event: events.Click) -> None:
        page_id = self.label_at(event.x)
        if page_id is not None:
            self.post_message(self.Clicked(page_id))

    def watch_active(self, _active: str) -> None:
        self.refresh()


class TabView(Vertical):
    """``with TabView(initial=…):`` then TabPage children, as with TabbedContent;
    ``active`` is the shown page's id and TabActivated is posted when it changes."""

    DEFAULT_CSS = """
    TabView { height: 1fr; }
    TabView > ContentSwitcher { height: 1fr; }
    TabView TabPage { height: 1fr; }
    """

    class TabActivated(Message):
        def __init__(self, tab_view: TabView, page: TabPage) -> None:
            super().__init__()
            self.tab_view = tab_view
            self.page = page

        @property
        def control(self) -> TabView:
            return self.tab_view

    def __init__(self, initial: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self._initial = initial
        self._pages: list[TabPage] = []

    def compose_add_child(self, widget: Widget) -> None:
        self._pages.append(widget)

    def compose(self):
        yield TabBar([(p.id, p.title) for p in self._pages], self._initial)
        yield ContentSwitcher(*self._pages, initial=self._initial)

    @property
    def active(self) -> str:
        return self.query_one(ContentSwitcher).current or self._initial

    @active.setter
    def active(self, page_id: str) -> None:
        switcher = self.query_one(ContentSwitcher)
        if switcher.current == page_id:
            return
        switcher.current = page_id
        self.query_one(TabBar).active = page_id
        self.post_message(self.TabActivated(self, switcher.get_child_by_id(page_id, TabPage)))

    def on_tab_bar_clicked(self, event: TabBar.Clicked) -> None:
        event.stop()
        self.active = event.page_id
