"""The key bar: the keys that work now, on the last line, as Textual's Footer shows them.

Textual's Footer mounts one widget per key and mounts them all again at every focus or
binding change: six times before the first screen settles, each time with a style pass per
key (benchmarks: a fifth of the first screen's cost). This draws the same line as one
widget, from the same source (the screen's active bindings).
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget

from corpus_tui.tui.widgets.spans import LabelSpans


class KeyBar(LabelSpans, Widget, can_focus=False):
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--hover"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keybar--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int, str]] = []  # (first cell, end cell, key) per key shown

    def on_mount(self) -> None:
        # The signal holds its subscribers weakly: nothing to undo on unmount.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, _screen) -> None:
        self.refresh()

    def keys(self) -> tuple[list[tuple[str, str, str, bool]], tuple[str, str, str, bool] | None]:
        """(key, key as shown, description, enabled) for each action with a shown binding:
        the first binding of each action, in the screen's order, as Footer picks them; and
        the command palette's key, which Footer shows at the right end."""
        out, actions = [], set()
        active = self.screen.active_bindings
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                out.append((binding.key, self.app.get_key_display(binding), binding.description, enabled))
        palette = active.get(self.app.COMMAND_PALETTE_BINDING) if self.app.ENABLE_COMMAND_PALETTE else None
        if palette is not None:
            _node, binding, enabled, _tooltip = palette
            palette = (binding.key, self.app.get_key_display(binding), binding.description, enabled)
        return out, palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        desc_style = self.get_component_rich_style("keybar--description", partial=True)
        hover_style = self.get_component_rich_style("keybar--hover", partial=True)
        self._spans = []

        def add(line: Text, key: str, shown: str, description: str, enabled: bool, pad: str = " ") -> None:
            start = line.cell_len
            line.append(f"{pad}{shown} ", key_style)
            if description:
                line.append(f"{description} ", desc_style)
            if not enabled:
                line.stylize("dim", start)
            if key == self._hover:
                line.stylize(hover_style, start)
            self._spans.append((start, line.cell_len, key))

        keys, palette = self.keys()
        line = Text(no_wrap=True, overflow="crop", end="")
        for k in keys:
            add(line, *k)
        if palette is None:
            return line
        # The palette's key keeps the right end; the others are cut short before it.
        right = Text("▏", "dim", end="")
        add(right, *palette, pad="")
        room = self.size.width - right.cell_len
        line.truncate(max(room, 0), pad=True)
        self._spans = [s for s in self._spans[:-1] if s[0] < room] + [
            (room + a, room + b, key) for a, b, key in self._spans[-1:]]
        return line + right

    def label_spans(self) -> list[tuple[int, int, str]]:
        return self._spans

    def on_click(self, event: events.Click) -> None:
        key = self.label_at(event.x)
        if key is not None:
            self.app.simulate_key(key)
