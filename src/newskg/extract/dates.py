"""Dates as ISO strings with the precision the text gives (YYYY, YYYY-MM, YYYY-MM-DD).

Partial dates ("7 October", "on Tuesday", "last month", "in August") are resolved against
the article's publication date, in the direction the clause's tense gives: news reports what
has happened, so by default a day-and-month without a year is put in the latest year that does
not fall after publication; a planned event ("will meet on November 18", `future=True`) takes
the first such day on or after publication. A weekday named beside a date picks the year in
which that day is that weekday.
"""

from __future__ import annotations

import datetime as dt
import re

from newskg.extract.lexicon import CALENDAR, NUMBER_WORDS

MONTHS: dict[str, int] = dict(CALENDAR["months"])
WEEKDAYS = {d: i for i, d in enumerate(CALENDAR["weekdays"])}
_PREVIOUS, _CURRENT, _NEXT = CALENDAR["previous"], CALENDAR["current"], CALENDAR["following"]


def _any(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_M = r"(?P<month>" + _any(MONTHS) + r")\.?"
_DASH = r"\s*[-–—]\s*"
_ORDINAL = r"(?:" + _any(CALENDAR["ordinal_suffixes"]) + r")?"  # "3rd"
_DAYS = r"(?P<day>\d{1,2})(?!\d)" + _ORDINAL + r"(?:" + _DASH + r"(?P<day2>\d{1,2}))?"
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
_OF = r"(?:" + re.escape(CALENDAR["day_of_month"]) + r"\s+)?"
_PATTERNS = [
    # May 3-4, 2025 / May 3, 2025 / May 3
    re.compile(_M + r"\s+" + _DAYS + _YEAR, re.I),
    # 3-4 May 2025 / 22 February 2025 / 7 October
    re.compile(r"(?<!\d)" + _DAYS + r"\s+" + _OF + _M + _YEAR, re.I),
    # October 2023
    re.compile(_M + r",?\s+(?P<year>\d{4})", re.I),
    # 2025-05-03, 2025-05
    re.compile(r"(?P<iso>\d{4}-\d{2}(?:-\d{2})?)"),
    # 2014
    re.compile(r"(?<!\d)(?P<year>1[5-9]\d\d|20\d\d)(?!\d)"),
]
_WEEKDAY = re.compile(r"\b(" + _any(WEEKDAYS) + r")\b", re.I)
_ON = CALENDAR["before_day"]
_PART_OF_DAY = re.compile(
    r"\s+(?:" + _any(CALENDAR["parts_of_day"]) + r")$"
    r"|^(?:" + _any(CALENDAR["shifts_within_day"]) + r")\s+(?:" + re.escape(_ON) + r"\s+)?"
    r"|^(?:" + _any([_ON, _CURRENT, _PREVIOUS, _NEXT]) + r")\s+",
    re.I,
)
_MONTH_ALONE = re.compile(
    r"^(?:(?P<which>"
    + _any([CALENDAR["before_month"], _PREVIOUS, _CURRENT, _NEXT])
    + r")\s+)?"
    + _M
    + "$",
    re.I,
)
_SAME_DAY = frozenset(CALENDAR["same_day"])  # times of the day said of publication day itself
_DAY_SHIFTS = {**{w: -1 for w in CALENDAR["day_before"]}, **{w: 1 for w in CALENDAR["day_after"]}}
_PERIODS: dict[str, tuple[str, int]] = {k: tuple(v) for k, v in CALENDAR["periods"].items()}
_WEEKS = frozenset(CALENDAR["weeks"])
# "arrived today", "released overnight": a day said in one word, an adverb of the clause.
ONE_WORD_DAYS = frozenset(w for w in _SAME_DAY | set(_DAY_SHIFTS) if " " not in w)


def _reference(published: str | None) -> tuple[int, int | None, int | None] | None:
    if not published:
        return None
    parts = [int(p) for p in published.split("-")]
    return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


def _year_for(
    month: int, day: int, ref, weekday: int | None, future: bool | None = False
) -> int | None:
    if ref is None:
        return None
    year, ref_month, ref_day = ref
    candidates = [year, year - 1, year + 1]
    if weekday is not None:
        for y in candidates:
            try:
                if dt.date(y, month, day).weekday() == weekday:
                    return y
            except ValueError:
                continue
    # Without a weekday, only a publication day makes the year safe to infer: a month-precise
    # publication date leaves "7 October" ambiguous (this year's or an anniversary).
    if ref_day is None:
        return None
    if future is None:  # present tense ("meets on 24 February"): the nearest such day
        base = dt.date(year, ref_month or 1, ref_day)
        options = []
        for y in (year - 1, year, year + 1):
            try:
                options.append((abs((dt.date(y, month, day) - base).days), y))
            except ValueError:
                continue
        return min(options)[1] if options else None
    if future:  # planned: not before publication, so an earlier month is next year's
        return year + 1 if ref_month is not None and (month, day) < (ref_month, ref_day) else year
    # not after publication: a later month of the same year is last year's
    if ref_month is not None and (month, day) > (ref_month, ref_day or 31):
        return year - 1
    return year


def resolve_date(
    text: str, published: str | None = None, context: str = "", future: bool | None = False
) -> tuple[str, str | None] | None:
    """Parse a date expression → (start, end or None); None if it is not a calendar date.

    `context` is the text just before the expression, where a weekday may stand
    ("On Tuesday, 7 October").
    """
    ref = _reference(published)
    weekday_match = _WEEKDAY.search(context[-20:] + " " + text)
    weekday = WEEKDAYS[weekday_match.group(1).lower()] if weekday_match else None
    for pattern in _PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        groups = m.groupdict()
        if groups.get("iso"):
            return groups["iso"], None
        month = MONTHS[groups["month"].lower()] if groups.get("month") else None
        year = int(groups["year"]) if groups.get("year") else None
        day = int(groups["day"]) if groups.get("day") else None
        if month and day:
            if year is None:
                year = _year_for(month, day, ref, weekday, future)
                if year is None:
                    return None
            try:
                start = dt.date(year, month, day).isoformat()
                end = (
                    dt.date(year, month, int(groups["day2"])).isoformat()
                    if groups.get("day2")
                    else None
                )
            except ValueError:
                return None
            return start, end
        if month and year:
            return f"{year:04d}-{month:02d}", None
        if year and not month:
            return f"{year:04d}", None
    return _relative(text, ref, weekday, future)


def _relative(
    text: str, ref, weekday: int | None, future: bool | None = False
) -> tuple[str, str | None] | None:
    """'yesterday', 'last month', 'on Tuesday', 'in August': only with a publication date
    precise enough."""
    if ref is None:
        return None
    year, month, day = ref
    lowered = " ".join(text.lower().split())
    first = lowered.split(" ", 1)[0]
    if day is not None:
        found = _relative_day(lowered, first, dt.date(year, month, day), weekday, future)
        if found is not None or lowered in _WEEKS:
            return found  # a week is no calendar date of its own
    alone = _MONTH_ALONE.match(lowered)
    if alone and month is not None:
        named = MONTHS[alone.group("month").lower()]
        if future or first == _NEXT:
            y = year if named >= month else year + 1
        else:
            y = year if named <= month else year - 1
        return f"{y:04d}-{named:02d}", None
    unit, back = _PERIODS.get(lowered, ("", 0))
    if unit == "month" and month is not None:
        y, m = (year, month + back) if month + back >= 1 else (year - 1, 12)
        return f"{y:04d}-{m:02d}", None
    if unit == "year":
        return f"{year + back:04d}", None
    return None


def _days_ago(lowered: str) -> int | None:
    """ "two days ago", "3 days ago", "a day ago" → how many days before publication."""
    words = lowered.split()
    ago = CALENDAR["days_ago"]
    if len(words) != 3 or words[1] not in ago["unit"] or words[2] != ago["after"]:
        return None
    count = words[0]
    if count in ago["one"]:
        return 1
    if count.isdigit():
        return int(count)
    value = NUMBER_WORDS.get(count)
    return int(value) if value is not None and value == int(value) else None


def _relative_day(
    lowered: str, first: str, base: dt.date, weekday: int | None, future: bool | None
) -> tuple[str, None] | None:
    """A day told relative to publication: "today", "yesterday", "on Tuesday", "last Friday",
    "two days ago"."""
    if lowered in _SAME_DAY:
        return base.isoformat(), None
    if lowered in _DAY_SHIFTS:
        return (base + dt.timedelta(days=_DAY_SHIFTS[lowered])).isoformat(), None
    back_days = _days_ago(lowered)
    if back_days is not None and back_days < 32:
        return (base - dt.timedelta(days=back_days)).isoformat(), None
    bare = _PART_OF_DAY.sub("", _PART_OF_DAY.sub("", lowered))
    if weekday is None or bare not in WEEKDAYS:
        return None
    ahead = (weekday - base.weekday()) % 7
    back = (base.weekday() - weekday) % 7
    if future is None and first not in (_PREVIOUS, _NEXT):
        shift = ahead if ahead < back else -back  # present tense: the nearest such day
    elif future or first == _NEXT:
        shift = ahead or 7 if first == _NEXT else ahead
    else:
        shift = -(back or (7 if first == _PREVIOUS else 0))
    return (base + dt.timedelta(days=shift)).isoformat(), None
