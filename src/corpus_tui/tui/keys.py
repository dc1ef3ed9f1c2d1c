"""Keys as a terminal sends them: Esc then a key, typed fast, is one Alt (meta) key, never text.

A terminal sends Alt+5 (and Esc then 5 within Textual's ESCDELAY, 100 ms) as the two bytes
ESC 5. Textual's parser table turns ESC 1 … ESC 0 into the characters macOS types with
Option+digit (¡ ™ £ ¢ ∞ § ¶ • ª º), so "Esc then 2" in the search box inserted "™". Here
those ten entries are taken out of the table, so the parser reports them as it reports ESC
and a letter: ``alt+5`` with the character ``5``; and an Alt key's character is dropped
before any widget sees it, so no text box inserts it. The keys still reach the bindings:
Alt+1 … Alt+6 switch tabs like 1 … 6 (screens/main.py), from inside a text box too; Alt+0,
Alt+7 … Alt+9 do nothing.

The cost: in WezTerm on macOS, Option+digit no longer types ™ and the like in this app (other terminals send
the character itself, which is unaffected).
"""

from __future__ import annotations

META_PREFIXES = ("alt+", "meta+")


def meta_sequences_as_alt() -> None:
    """Remove the ESC+digit -> character entries from Textual's key table (idempotent)."""
    from textual._ansi_sequences import ANSI_SEQUENCES_KEYS

    for digit in "0123456789":
        ANSI_SEQUENCES_KEYS.pop(f"\x1b{digit}", None)


def drop_meta_text(event) -> None:
    """An Alt (meta) key is a key, not text: no Input inserts its character."""
    if event.character is not None and event.key.startswith(META_PREFIXES):
        event.character = None
