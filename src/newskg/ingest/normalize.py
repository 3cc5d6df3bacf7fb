"""Bytes → clean text. Offsets in the graph point into the normalized text, so normalization
happens once, here, before anything else sees the article."""

from __future__ import annotations

import re
import unicodedata

from newskg.errors import InputError

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")
# Zero-width and control characters carry no meaning in prose but break tokenization; the
# bidirectional controls (U+202E …) would make a name display as another ("Doe\u202egnp.exe").
_CONTROL = re.compile(
    r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e"
    r"\u2066-\u2069\ufeff]"
)


def decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 strictly: a wrong guess would silently corrupt names and offsets."""
    if not raw.strip():
        raise InputError(name, "file is empty")
    if b"\x00" in raw:  # anywhere, not only at the start: text has none
        raise InputError(name, "binary file (contains NUL bytes); expected UTF-8 text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            name,
            f"not UTF-8 text (byte 0x{raw[exc.start]:02X} at offset {exc.start}); "
            "convert the file to UTF-8",
        ) from None


def normalize_text(text: str) -> str:
    """NFC, Unix newlines, single spaces, no trailing blanks, at most one empty line."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


def normalize_field(value: object) -> str | None:
    """A metadata value → one clean line, or None when empty."""
    if value is None:
        return None
    text = normalize_text(str(value)).replace("\n", " ")
    return text or None
