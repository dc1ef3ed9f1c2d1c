"""One-widget bars of clickable labels (KeyBar, TabBar): which label is under the mouse."""

from __future__ import annotations

from textual import events


class LabelSpans:
    """Mixed into a Widget that draws labels on known cells: ``label_spans()`` gives
    (first cell, end cell, ident) of each; ``_hover`` is the ident under the mouse, and the
    widget is refreshed when it changes."""

    _hover: str | None = None

    def label_spans(self) -> list[tuple[int, int, str]]:
        raise NotImplementedError

    def label_at(self, x: int) -> str | None:
        return next((ident for a, b, ident in self.label_spans() if a <= x < b), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        ident = self.label_at(event.x)
        if ident != self._hover:
            self._hover = ident
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
