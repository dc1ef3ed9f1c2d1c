"""`corpus tui`: the Textual app. The screens and widgets live in their own modules."""

from __future__ import annotations

import gc
from functools import partial
from pathlib import Path
from typing import Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from corpus_tui.corpus.options import CorpusOptions
from corpus_tui.tui import keys
from corpus_tui.tui.screens.main import MainScreen


class CorpusApp(App):
    CSS_PATH = "corpus.tcss"
    TITLE = "corpus"
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help_or_type", "Help (in an empty search box too)", show=False, priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("q", "quit", "Quit (outside text boxes)", show=False),
        Binding("ctrl+p", "command_palette", "Commands", show=False),
    ]

    def __init__(self, opts: CorpusOptions | None = None, export_dir: str | Path | None = None,
                 dictionary=None, coding_opts: dict | None = None) -> None:
        super().__init__()
        # codes, codebook, coder, sample (n, seed, max_per_doc): read by screens/coding.py
        self.coding_opts = coding_opts or {}
        self.opts = opts or CorpusOptions()
        self.dictionary = dictionary  # a stats.dictionary.Dictionary (--dict), or None
        self.export_dir = Path(export_dir) if export_dir else None
        # Start-up creates ~100 000 objects that live as long as the app (widgets, styles,
        # the index). The cyclic GC scanned them all in a full collection before the first
        # frame (~45 ms) and again on one of the first keystrokes (65-125 ms). It is off
        # until the first frame, then they are frozen (never scanned again): see gc_settle.
        gc.disable()
        keys.meta_sequences_as_alt()  # Esc then a digit, typed fast, is Alt+digit (tui/keys.py)

    def gc_settle(self) -> None:
        """Called after the main screen's first frame."""
        gc.freeze()
        gc.enable()

    def on_unmount(self) -> None:
        gc.unfreeze()  # an app run in a longer process (tests) leaves its objects collectable
        gc.enable()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            keys.drop_meta_text(event)
        await super().on_event(event)

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.opts, self.export_dir, self.dictionary))

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """The palette's Screenshot (and the screenshot action): Textual saves into ~/Downloads
        and fails when that folder does not exist. Here: the folder `w` writes to
        (tui/export.py), created private; a name already taken gets -2, -3, …"""
        from textual._files import generate_datetime_filename  # Textual's own name scheme

        from corpus_tui.tui.export import free_name, output_dir

        try:
            folder = Path(path) if path else output_dir(self.export_dir)
        except OSError as exc:
            self.notify(f"screenshot not saved: {exc.strerror or exc}", severity="error", markup=False)
            return None
        name = filename or generate_datetime_filename(self.title, ".svg", time_format)
        return super().deliver_screenshot(free_name(folder, name), str(folder), time_format)

    @property
    def main(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def help_sections(self):
        from corpus_tui.tui.widgets import statspanes
        from corpus_tui.tui.widgets.reader import ReadPane

        return [
            ("Everywhere", [CorpusApp, MainScreen]),
            ("Read tab", [ReadPane]),
            ("Tables (KWIC, document list, Frequency, Collocates, Diff)", [statspanes.StatsTable]),
        ]

    def action_help(self) -> None:
        from corpus_tui.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            from corpus_tui.tui.export import output_dir

            try:
                folder = str(output_dir(self.export_dir))
            except OSError as exc:
                folder = f"(cannot be created: {exc.strerror or exc})"
            self.push_screen(HelpScreen(self.help_sections(), folder))

    def action_help_or_type(self) -> None:
        """`?` opens help; text boxes keep `?` as text once they hold text (see SearchBox)."""
        from corpus_tui.tui.screens.help import HelpScreen

        focused = self.focused
        if isinstance(focused, Input) and focused.value and not isinstance(self.screen, HelpScreen):
            focused.insert_text_at_cursor("?")
        else:
            self.action_help()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self.main
        run = main.run_action
        yield SystemCommand("Search", "Focus the search box (/)", partial(run, "focus_search"))
        yield SystemCommand("Cycle KWIC sort", "doc → 1L → 2L → 1R → 2R (s)", partial(run, "cycle_sort"))
        yield SystemCommand("Cycle search mode", "surface → word → regex → pattern (m)", partial(run, "cycle_mode"))
        yield SystemCommand("Cycle group filter", "all → each group of INDEX.md (g)", partial(run, "cycle_group"))
        yield SystemCommand("Only the highlighted document", "Limit the search to the doc-list row (l)",
                            partial(run, "limit_doc"))
        yield SystemCommand("Write the table as TSV", "Save the table of the tab on screen as a new TSV file (w)",
                            partial(run, "write_table"))
        for key, name in (("read", "Read"), ("kwic", "KWIC"), ("freq", "Frequency"), ("colloc", "Collocates"),
                          ("diff", "Diff"), ("trend", "Trend")):
            yield SystemCommand(f"Show {name}", f"Switch to the {name} tab", partial(run, f"tab('{key}')"))
        yield SystemCommand("Toggle document list", "Hide or show the document list (b)", partial(run, "toggle_doclist"))
        yield SystemCommand("Keys", "Every key of the app (F1 or ?)", self.action_help)


def run(opts: CorpusOptions, dictionary=None, coding_opts: dict | None = None) -> None:
    CorpusApp(opts, dictionary=dictionary, coding_opts=coding_opts).run()
