"""F1 / ? : every key of the app, read from the BINDINGS of the classes that define them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = ("Type in the search box to see every hit (KWIC). Enter on a hit opens it in Read. "
         "Tabs: 1 Read · 2 KWIC · 3 Freq(uency) · 4 Colloc(ates) · 5 Diff · 6 Trend. "
         "Alt+1 … Alt+6 (or Esc then the digit) switch tabs from inside a text box too. "
         "Enter on a term in any table runs KWIC for it. Ctrl+P opens the command palette. "
         "The mouse works too: click tabs, rows and controls.")


def key_label(key: str) -> str:
    names = {"question_mark": "?", "slash": "/", "escape": "Esc", "enter": "Enter", "ctrl+p": "Ctrl+P",
             "ctrl+q": "Ctrl+Q", "f1": "F1"}
    def one(k: str) -> str:
        if k.startswith("alt+"):
            return "Alt+" + one(k[4:])
        return names.get(k, k.upper() if k.startswith("f") and k[1:].isdigit() else k)

    return ", ".join(one(k) for k in key.split(","))


def collect(sections) -> list[tuple[str, list[tuple[str, str]]]]:
    out = []
    for title, classes in sections:
        rows, seen = [], set()
        for cls in classes:
            for b in getattr(cls, "BINDINGS", []):
                b = b if isinstance(b, Binding) else Binding(*b)
                if not b.description or (b.key, b.description) in seen:
                    continue
                seen.add((b.key, b.description))
                rows.append((key_label(b.key), b.description))
        out.append((title, rows))
    return out


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Close help")]

    def __init__(self, sections, folder: str = "") -> None:
        super().__init__()
        self.sections = sections
        self.folder = folder  # where w and the palette's Screenshot write (tui/export.py)

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("corpus — keys\n\n", "bold")
        text.append(INTRO + "\n", "italic")
        for title, rows in collect(self.sections):
            text.append(f"\n{title}\n", "bold underline")
            for key, desc in rows:
                text.append(f"  {key:<14}", "bold #60c0ff")
                text.append(desc + "\n")
        if self.folder:
            text.append("\nFiles: w writes the table of the tab on screen as TSV, the palette's Screenshot an SVG, "
                        "both as new files (never over an existing one) in\n")
            text.append(f"  {self.folder}\n")
        text.append("\nEsc, q, F1 or ? closes this help.", "dim")
        with VerticalScroll(id="help-box"):
            yield Static(text, id="help-text")

    def action_dismiss(self) -> None:
        self.dismiss()
