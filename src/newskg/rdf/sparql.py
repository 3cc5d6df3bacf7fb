"""What a SPARQL request would do, decided from its parse tree, and exactly that text run.

A keyword scan can be fooled (a prefixed name such as `ex:a\\'` looks like the start of a
string to a regular expression, hiding a SERVICE after it) and refuses harmless queries
(`schema:Service`, a variable named `?from`). rdflib's SPARQL 1.1 parser finds a SERVICE
clause, a LOAD, a FROM / FROM NAMED / USING dataset clause or an update operation wherever
it stands, and nothing else.

But the request is checked by one parser (rdflib's) and run by another (Oxigraph's), and
two parsers of one grammar can read one text differently. The differences found are all in
how the text is *read*, before any grammar applies:

- line endings: rdflib ends a `#` comment at `\\n` only, Oxigraph at `\\r` too, so a lone
  carriage return hid the rest of the line from one of them;
- codepoint escapes: rdflib expands `\\uXXXX` (and reads `\\u` + eight digits as one escape)
  over the whole text before parsing, as SPARQL 1.1 §19.2 says; Oxigraph expands them only
  inside strings and IRIs. `\\u000a` in a comment, or `\\u0022` in a string, then ends the
  comment or the string for one parser and not for the other.

So `canonical()` removes both before either parser sees the text: every `\\uXXXX` and
`\\UXXXXXXXX` escape is expanded once, over the whole text, as the specification says; a text
in which an escape remains after that (an escape that spells another escape) is refused;
`\\r\\n` and a lone `\\r` become `\\n`; other control characters are refused. The canonical
text contains no escape and no carriage return, so there is nothing left for the two parsers
to read differently on these points, and `check()` returns it: the caller runs the text that
was checked, never the text it was given. A property test (tests/test_sparql_differential.py)
generates queries with comments in every line-ending form and escapes in comments, strings,
IRIs and names, and runs every query the check allows on Oxigraph against a loopback
listener: none connects. Behind this, the engine runs user queries on threads that cannot
open a network socket at all (newskg.sandbox), so a difference not yet found still reaches
nothing.

The check is bounded: a request over MAX_QUERY_CHARS is refused before parsing, and the
parse is stopped at its time limit (rdflib's parser is pure Python and slow on very wide
expressions: 16,000 CONCAT arguments took a minute).
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from typing import Any

from rdflib.term import Node

from newskg.errors import QueryError

MAX_QUERY_CHARS = 1_000_000  # a request longer than this is refused before it is parsed
PARSE_SECONDS = 10.0  # the default time limit of one parse

# Parse-tree nodes (rdflib CompValue names) that reach outside the store.
_REACHES = {
    "ServiceGraphPattern": "SERVICE",
    "Load": "LOAD",
}
_QUERY_FORMS = {
    "SelectQuery": "select",
    "ConstructQuery": "construct",
    "AskQuery": "ask",
    "DescribeQuery": "describe",
}
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# what rdflib would still expand: `\u` (either case) and four hex digits
_LEFT_ESCAPE = re.compile(r"\\u[0-9a-f]{4}", re.I)
# control characters other than tab and line feed: neither grammar needs them outside strings
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Inspection:
    form: str  # select | construct | ask | describe | update
    reaches: tuple[str, ...]  # SERVICE, LOAD, FROM, USING: what would leave the store


@dataclass(frozen=True)
class Checked:
    """A request that passed the check: its form, and the canonical text to run."""

    form: str
    text: str


def canonical(text: str) -> str:
    """The one reading of a request both parsers agree on (see the module docstring)."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the request is over {MAX_QUERY_CHARS:,} characters; shorten it")

    def expand(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"invalid codepoint escape {match.group(0)} in the request")
        return chr(code)

    text = _ESCAPE.sub(expand, text)
    if _LEFT_ESCAPE.search(text):
        raise QueryError(
            "a codepoint escape in the request spells another escape once expanded; "
            "write the character itself"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text)
    if control:
        raise QueryError(
            f"the request holds the control character U+{ord(control.group(0)):04X}; "
            "remove it (inside a string, write it as an escape such as \\t)"
        )
    return text


def _walk(node, found: set[str], prefixes: dict[str, set[str]] | None = None) -> None:
    """Collect what reaches outside the store; with `prefixes`, also the prefixes declared
    ("declared") and used ("used")."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name in _REACHES:
            found.add(_REACHES[node.name])
        if prefixes is not None and node.name in ("PrefixDecl", "pname"):
            prefixes["declared" if node.name == "PrefixDecl" else "used"].add(
                node.get("prefix") or ""
            )
        for key, value in node.items():
            if key in ("datasetClause", "using") and value:
                found.add("FROM" if key == "datasetClause" else "USING")
            _walk(value, found, prefixes)
    elif isinstance(node, ParseResults | list | tuple):
        for item in node:
            _walk(item, found, prefixes)


def _check_prefixes(tree) -> None:
    """An undeclared prefix is named in one line, with the prefixes newskg declares."""
    from newskg.rdf.namespaces import PREFIXES

    prefixes: dict[str, set[str]] = {"declared": set(), "used": set()}
    _walk(tree, set(), prefixes)
    unknown = sorted(prefixes["used"] - prefixes["declared"])
    if unknown:
        known = ", ".join(f"{p}:" for p in PREFIXES)
        raise QueryError(
            f"unknown prefix {unknown[0]}:; declare it (PREFIX {unknown[0]}: <…>) or use one "
            f"newskg declares for you: {known}"
        )


class _ParseTimeout(BaseException):
    """Raised inside the parser thread at its time limit (a BaseException, so no `except
    Exception` in the parser swallows it)."""


@functools.lru_cache(maxsize=512)  # the same library and internal queries run again and again
def inspect(text: str, timeout: float = PARSE_SECONDS) -> Inspection:
    """Parse a canonical query or update; QueryError (one line) when it is not valid
    SPARQL 1.1, or when the parse takes longer than `timeout` seconds."""
    # The parser runs on a thread of its own: pyparsing keeps frames of the exceptions it
    # meets, and frames keep their callers' locals alive (an open store, whose lock would then
    # outlive the command). On the parser's own thread those frames reach nothing of ours.
    # One parse at a time: the lock is held only while this caller's parse runs, and a parse
    # that overruns is given up, so no request waits on another for longer than its limit.
    with _PARSER_LOCK:
        parser = _ParserThread.current()
        future = parser.submit(text)
        try:
            return future.result(timeout=timeout)
        except TimeoutError:
            parser.retire()
            raise QueryError(
                f"the request could not be checked within {timeout:g} s (it is very long or "
                "very wide); simplify it"
            ) from None


_PARSER_LOCK = threading.Lock()


class _ParserThread:
    """One daemon thread that parses requests in turn. A parse that overruns retires its
    thread: the next request gets a fresh one, and the old one is interrupted until it stops.
    An interrupt is an exception raised asynchronously inside the thread, and a callback that
    happens to run at that moment (a garbage-collector hook) can swallow it, so it is sent
    again until the thread has left the parse; a stale interrupt can only reach the retired
    thread, never the next request's parse."""

    _live: _ParserThread | None = None

    def __init__(self) -> None:
        import queue

        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._retired = False
        self._busy = threading.Event()
        self._thread = threading.Thread(
            target=self._serve, name="newskg-sparql-parser", daemon=True
        )
        self._thread.start()

    @classmethod
    def current(cls) -> _ParserThread:
        if cls._live is None or not cls._live._thread.is_alive():
            cls._live = cls()
        return cls._live

    def submit(self, text: str):
        from concurrent.futures import Future

        future: Future = Future()
        self._jobs.put((text, future))
        return future

    def _serve(self) -> None:
        try:
            while not self._retired:
                text, future = self._jobs.get()
                self._busy.set()
                try:
                    future.set_result(_inspect(text))
                except BaseException as exc:  # a QueryError, or the interrupt
                    future.set_exception(exc)
                finally:
                    self._busy.clear()
        except _ParseTimeout:  # a late interrupt, after the parse it was meant for: stop
            return

    def retire(self, patience: float = 2.0) -> None:
        """Stop handing this thread requests and interrupt its parse, again and again, until
        it has left the parse (or `patience` seconds have passed: it is a daemon thread, so a
        parse that still runs then never keeps the process alive)."""
        import ctypes
        import time

        if _ParserThread._live is self:
            _ParserThread._live = None
        self._retired = True
        deadline = time.monotonic() + patience
        while self._busy.is_set() and self._thread.ident and time.monotonic() < deadline:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(
                ctypes.c_ulong(self._thread.ident), ctypes.py_object(_ParseTimeout)
            )
            time.sleep(0.02)


def _inspect(text: str) -> Inspection:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    found: set[str] = set()
    tree: Any  # a query's ParseResults or an update's CompValue
    try:
        tree = parseQuery(text)
    except ParseException as query_error:
        try:
            tree = parseUpdate(text)
        except ParseException:
            line = getattr(query_error, "lineno", "?")
            column = getattr(query_error, "col", "?")
            raise QueryError(
                f"invalid SPARQL at line {line}, column {column}: "
                f"{str(query_error).splitlines()[0][:160]}"
            ) from None
        except RecursionError:
            raise QueryError(_TOO_DEEP) from None
        _check_prefixes(tree)
        _walk(tree, found)
        return Inspection("update", tuple(sorted(found)))
    except RecursionError:
        raise QueryError(_TOO_DEEP) from None
    except Exception as exc:  # rdflib raises a few other errors for bad prefixes
        raise QueryError(f"invalid SPARQL: {str(exc).splitlines()[0][:200]}") from None
    _check_prefixes(tree)
    _walk(tree, found)
    query = tree[1] if len(tree) > 1 else tree[0]
    form = _QUERY_FORMS.get(getattr(query, "name", ""), "select")
    return Inspection(form, tuple(sorted(found)))


_TOO_DEEP = "the request is nested too deeply to check (parentheses or braces); flatten it"


# How a refused request can be run where it is refused: the command line's options, or the
# endpoint's (which has no option for reaching outside the store).
COMMAND_REMEDIES = {
    "update": "add --allow-update to run it",
    "remote": "add --allow-remote to permit it",
}
ENDPOINT_REMEDIES = {
    "update": "send it to /update of an endpoint started with --writable",
    "remote": "the endpoint never runs such requests; run it with `newskg query --allow-remote`",
}


def check(
    text: str,
    allow_update: bool = False,
    allow_remote: bool = False,
    timeout: float = PARSE_SECONDS,
    remedies: dict[str, str] = COMMAND_REMEDIES,
) -> Checked:
    """Refuse what a request may not do by default; returns its form and the canonical text,
    which is what the caller must run (see the module docstring). `remedies`: what the
    refusal tells the user to do, in the words of where the request came from."""
    text = canonical(text)
    found = inspect(text, timeout)
    if found.form == "update" and not allow_update:
        raise QueryError(f"this is an update, which would change the store; {remedies['update']}")
    if found.reaches and not allow_remote:
        raise QueryError(
            f"{', '.join(found.reaches)} reaches outside the store (the network or local "
            f"files); {remedies['remote']}"
        )
    return Checked(found.form, text)


# --- query text: binding parameters, limits and prefixes -----------------------------------

_COMMENT_OR_STRING = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*'
)


def _code(text: str) -> str:
    """The query with comments, strings and IRIs blanked out (same length, so positions
    found in it are positions in the query): what is left are keywords and names."""
    return _COMMENT_OR_STRING.sub(lambda m: " " * len(m.group(0)), text)


def bind_values(text: str, bindings: dict[str, Node]) -> str:
    """Put the bindings into the query as a VALUES block at the start of its WHERE group,
    and of every sub-SELECT's WHERE group that uses one of them.

    A sub-SELECT does not see the outer query's bindings (SPARQL evaluates it first), so a
    library query can look a name up in a `SELECT DISTINCT ?p WHERE { ... }` of its own and
    still be filtered by the parameter: that keeps a lookup to the few matching entities
    instead of every copy of every name in the store.

    Terms are written by rdflib's serializer (`n3()`), which escapes quotes, backslashes and
    newlines, so no value can close the literal and add query text of its own.
    """
    if not bindings:
        return text
    return _insert_values(text, list(bindings), [list(bindings.values())])


def bind_column(text: str, name: str, terms: list[Node]) -> str:
    """The query restricted to rows whose `name` is one of `terms`: a VALUES block of one
    column, placed as bind_values places one (no terms: no rows)."""
    return _insert_values(text, [name], [[t] for t in terms])


def _insert_values(text: str, names: list[str], rows: list[list[Node]]) -> str:
    """A VALUES block of `rows` for the variables `names`, at the start of the query's
    WHERE group and of every sub-SELECT's WHERE group that uses one of them (there, of the
    names it uses)."""
    code = _code(text)
    groups = [m.end() for m in re.finditer(r"\bWHERE\s*\{", code, re.I)]
    if not groups:
        first = re.search(r"\{", code)
        if first is None:
            raise QueryError("cannot bind parameters: the query has no WHERE group")
        groups = [first.end()]
    inserts = []
    for n, start in enumerate(groups):
        body = code[start : _closing_brace(code, start)]
        used = [
            i for i, k in enumerate(names) if n == 0 or re.search(rf"[?$]{re.escape(k)}\b", body)
        ]
        if used:
            columns = " ".join(f"?{names[i]}" for i in used)
            values = " ".join("(" + " ".join(row[i].n3() for i in used) + ")" for row in rows)
            inserts.append((start, f" VALUES ({columns}) {{ {values} }} "))
    for position, block in reversed(inserts):
        text = text[:position] + block + text[position:]
    return text


def _closing_brace(code: str, start: int) -> int:
    """Position of the brace that closes the group opened just before `start`."""
    depth = 1
    for i in range(start, len(code)):
        depth += {"{": 1, "}": -1}.get(code[i], 0)
        if depth == 0:
            return i
    return len(code)


_PAGE_CLAUSES = re.compile(r"(?:\b(LIMIT|OFFSET)\s+(\d+)\s*){1,2}$", re.I)


def _trailing_page(code: str) -> tuple[int, dict[str, int]]:
    """Where the query's own LIMIT and OFFSET clauses start (they close a SELECT), and their
    values."""
    stripped = code.rstrip()
    match = _PAGE_CLAUSES.search(stripped)
    if match is None:
        return len(stripped), {}
    found = {
        m.group(1).upper(): int(m.group(2))
        for m in re.finditer(r"\b(LIMIT|OFFSET)\s+(\d+)", match.group(0), re.I)
    }
    return match.start(), found


def with_page(text: str, limit: int | None, offset: int = 0) -> str:
    """The rows `offset` to `offset + limit` of a SELECT, in its own order: a page within
    the query's own LIMIT and OFFSET when it has them (page 2 of "LIMIT 100" is rows 50-99
    of those 100, never rows past them)."""
    if limit is None and not offset:
        return text
    if (limit is not None and limit < 0) or offset < 0:
        raise QueryError("a page needs a limit and an offset of 0 or more")
    start, own = _trailing_page(_code(text))
    first = own.get("OFFSET", 0) + offset
    if "LIMIT" in own:
        left = max(own["LIMIT"] - offset, 0)
        limit = left if limit is None else min(limit, left)
    clauses = ([f"LIMIT {int(limit)}"] if limit is not None else []) + (
        [f"OFFSET {int(first)}"] if first else []
    )
    return f"{text[:start].rstrip()}\n{' '.join(clauses)}\n"


def with_limit(text: str, limit: int | None) -> str:
    """At most `limit` rows of a SELECT (within its own LIMIT)."""
    return with_page(text, limit)


def with_prefixes(text: str) -> str:
    """Declare the standard prefixes a hand-written query uses but does not declare."""
    from newskg.rdf.namespaces import PREFIXES

    declared = {m.group(1) for m in re.finditer(r"PREFIX\s+([\w-]*):", text, re.I)}
    code = _code(text)
    missing = [
        f"PREFIX {p}: <{ns}>"
        for p, ns in PREFIXES.items()
        if p not in declared and re.search(rf"(?<![\w?$]){re.escape(p)}:", code)
    ]
    return "\n".join(missing + [text]) if missing else text
