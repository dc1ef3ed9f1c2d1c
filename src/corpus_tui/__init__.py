"""corpus_tui: read and measure Chinese policy texts in the terminal.

Kept import-free on purpose: `corpus --help` and TAB completion import this package, so
anything heavy here (jieba ~0.6 s with its dictionary, textual ~0.2 s) would be paid on
every keystroke of completion.
"""

__version__ = "0.1.0"
