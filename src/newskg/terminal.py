"""Printing to the terminal without letting data become markup or control sequences.

Headlines, names, file names and query results come from articles and imports: a headline
with `[/oops]` must not crash the table it is in, `[link=…]` must not become a hyperlink, and
an escape sequence or a bidi override (U+202E) must not move the cursor or reorder what the
reader sees. Every string these consoles render is therefore plain text with its control
characters made visible; the CLI's own styling is passed as `rich.text.Text`.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text

# C0 and C1 controls (tab and newline kept), DEL, and the bidirectional controls.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """The text with control and bidi characters written as escapes (`\\x1b`, `\\u202e`)."""
    return _INVISIBLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


class SafeConsole(Console):
    """A console on which no string is ever markup, and control characters show as escapes."""

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, highlight=False, emoji=False, **kwargs)

    def render_str(self, text: str, **kwargs) -> Text:
        kwargs.update(markup=False, emoji=False)
        return super().render_str(visible(text), **kwargs)


def styled(label: str, style: str, message: str = "") -> Text:
    """ "error: <message>": the label styled, the message plain (and made visible)."""
    return Text.assemble((label, style), " " if message else "", visible(message))
