"""What cross-article linking needs of every event, kept beside the store so that an ingest
compares only what it changed (newskg.reports).

An SQLite file in an embedded store's folder (`newskg-links.sqlite`, like the table record
`newskg-tables.json`), or in memory for a memory store. It holds, for every event of every
article graph, the record linking reads (type, dates, place, participants, …); its keys
(each participant and place, under the event's type group) sorted by date, so that the
reports nearest in time to one report are found by an index instead of by reading every
event; and the reported events last written (members, links and their N-Triples lines), so
that a change rewrites only the groups it touches.

The index is derived: it records the sources hash of the articles it was computed from, and
it is used only when that hash is the one the reported-events graph records. Otherwise (a
write cut short, a store copied without it, an older store) the next link rebuilds it whole.
"""

from __future__ import annotations

import json
import sqlite3
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path

from newskg.store.base import Store

FILE = "newskg-links.sqlite"
# A new layout of the file is a new version: an index of another version is rebuilt.
VERSION = "4"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
-- facts: the article's numbers and positions, which the claims of its groups compare
CREATE TABLE IF NOT EXISTS articles (article TEXT PRIMARY KEY, hash TEXT NOT NULL, facts TEXT NOT NULL);
-- record: what linking compares (small, read often); detail: what the groups' lines and
-- claims show (names, roles, sentences), read for the groups written
CREATE TABLE IF NOT EXISTS reports (
    event TEXT PRIMARY KEY, article TEXT NOT NULL, record TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS reports_by_article ON reports (article);
-- each report under each of its keys, in the order linking compares them: dated reports by
-- the start of their date, undated ones by publication (dated 1 or 0), then by event
CREATE TABLE IF NOT EXISTS keys (
    grp TEXT NOT NULL, key TEXT NOT NULL, dated INTEGER NOT NULL, sort TEXT NOT NULL,
    event TEXT NOT NULL, PRIMARY KEY (grp, key, dated, sort, event)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS keys_by_event ON keys (event);
CREATE TABLE IF NOT EXISTS groups (grp TEXT PRIMARY KEY, lines TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS members (event TEXT PRIMARY KEY, grp TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS members_by_group ON members (grp);
CREATE TABLE IF NOT EXISTS links (grp TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS links_by_group ON links (grp);
CREATE INDEX IF NOT EXISTS links_by_pair ON links (a, b);
-- each article graph's rows of the network projection under its stamp (newskg.graph_rows)
CREATE TABLE IF NOT EXISTS graph_rows (
    graph TEXT PRIMARY KEY, stamp TEXT NOT NULL, rows TEXT NOT NULL);
"""


_TABLES = ("meta", "articles", "reports", "keys", "groups", "members", "links", "graph_rows")


class ReportIndex:
    """One connection, one transaction: changes are seen by this handle at once and by the
    file only at `commit`."""

    def __init__(self, connection: sqlite3.Connection, file: bool = False) -> None:
        self.db = connection
        self.file = file
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
        )
        if self.meta("version") not in (None, VERSION):  # another layout: made again
            for table in _TABLES:
                self.db.execute(f"DROP TABLE IF EXISTS {table}")  # noqa: S608 (names below)
        self.db.executescript(_SCHEMA)
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (VERSION,))

    # --- state ---------------------------------------------------------------------------

    def meta(self, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_meta(self, name: str, value: str | None) -> None:
        if value is None:
            self.db.execute("DELETE FROM meta WHERE name = ?", (name,))
        else:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    def clear(self) -> None:
        """Everything but the layout's version (a reader checks it)."""
        for table in _TABLES[1:]:
            self.db.execute(f"DELETE FROM {table}")  # noqa: S608 (names from the list below)
        self.db.execute("DELETE FROM meta WHERE name != 'version'")

    def close(self) -> None:
        """Let go of a file's connection (a memory store's index lives with the store)."""
        if self.file:
            self.db.close()

    def commit(self) -> None:
        self.db.commit()

    def rollback(self) -> None:
        self.db.rollback()

    def facts(self, article: str) -> tuple[list, list]:
        row = self.db.execute("SELECT facts FROM articles WHERE article = ?", (article,)).fetchone()
        if not row:
            return [], []
        quantities, memberships = json.loads(row[0])
        return [tuple(q) for q in quantities], [tuple(m) for m in memberships]

    def article_hashes(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT article, hash FROM articles"))

    # --- reports -------------------------------------------------------------------------

    def records_of(self, articles: Iterable[str]) -> Iterator[dict]:
        for article in articles:
            for (record,) in self.db.execute(
                "SELECT record FROM reports WHERE article = ? ORDER BY event", (article,)
            ):
                yield json.loads(record)

    def record(self, event: str) -> dict | None:
        row = self.db.execute("SELECT record FROM reports WHERE event = ?", (event,)).fetchone()
        return json.loads(row[0]) if row else None

    def detail(self, event: str) -> dict:
        row = self.db.execute("SELECT detail FROM reports WHERE event = ?", (event,)).fetchone()
        return json.loads(row[0]) if row else {}

    def remove_article(self, article: str) -> None:
        events = [
            e for (e,) in self.db.execute("SELECT event FROM reports WHERE article = ?", (article,))
        ]
        self.db.executemany("DELETE FROM keys WHERE event = ?", ((e,) for e in events))
        self.db.execute("DELETE FROM reports WHERE article = ?", (article,))
        self.db.execute("DELETE FROM articles WHERE article = ?", (article,))

    def remove_keys(self, event: str) -> None:
        self.db.execute("DELETE FROM keys WHERE event = ?", (event,))

    def add_keys(self, record: dict) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO keys VALUES (?, ?, ?, ?, ?)",
            (
                (record["group"], key, dated, sort, record["event"])
                for key, dated, sort in keys_of(record)
            ),
        )

    def add_article(
        self,
        article: str,
        content_hash: str,
        records: list[tuple[dict, dict]],
        facts: tuple[list, list] = ([], []),
        keys: bool = True,
    ) -> None:
        """An article's reports, (record, detail) each, and its facts (numbers, positions);
        `keys`: also put each report in its lists (False: the caller has, one at a time)."""
        self.db.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?)",
            (article, content_hash, _json(facts)),
        )
        for record, detail in records:
            self.db.execute(
                "INSERT OR REPLACE INTO reports VALUES (?, ?, ?, ?)",
                (record["event"], article, _json(record), _json(detail)),
            )
            if keys:
                self.add_keys(record)

    def nearest(
        self, group: str, key: str, dated: int, sort: str, event: str, count: int, after: bool
    ) -> list[str]:
        """The `count` events nearest after (or before, nearest first) one place in a key's
        order, the event at that place left out."""
        if after:
            sql = (
                "SELECT event FROM keys WHERE grp = ? AND key = ? AND dated = ? "
                "AND (sort, event) > (?, ?) ORDER BY sort, event LIMIT ?"
            )
        else:
            sql = (
                "SELECT event FROM keys WHERE grp = ? AND key = ? AND dated = ? "
                "AND (sort, event) < (?, ?) ORDER BY sort DESC, event DESC LIMIT ?"
            )
        return [e for (e,) in self.db.execute(sql, (group, key, dated, sort, event, count))]

    # --- the reported events last written ------------------------------------------------

    def groups_of(self, events: Iterable[str]) -> set[str]:
        found = set()
        for event in events:
            row = self.db.execute("SELECT grp FROM members WHERE event = ?", (event,)).fetchone()
            if row:
                found.add(row[0])
        return found

    def group(self, name: str) -> tuple[list[str], list[tuple[str, str]]]:
        """A reported event's members and its links (pairs of events)."""
        members = [
            e for (e,) in self.db.execute("SELECT event FROM members WHERE grp = ?", (name,))
        ]
        links = [
            (a, b) for a, b in self.db.execute("SELECT a, b FROM links WHERE grp = ?", (name,))
        ]
        return members, links

    def linked(self, a: str, b: str) -> bool:
        """Did the reported events last written join `a` and `b` by a link of their own?"""
        return (
            self.db.execute("SELECT 1 FROM links WHERE a = ? AND b = ?", (a, b)).fetchone()
            is not None
        )

    def group_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM groups").fetchone()[0]

    def group_lines(self, name: str) -> str:
        row = self.db.execute("SELECT lines FROM groups WHERE grp = ?", (name,)).fetchone()
        return row[0] if row else ""

    def remove_group(self, name: str) -> None:
        for table in ("groups", "members", "links"):
            self.db.execute(f"DELETE FROM {table} WHERE grp = ?", (name,))  # noqa: S608

    def add_group(
        self, name: str, members: list[str], links: list[tuple[str, str]], lines: str
    ) -> None:
        self.db.execute("INSERT OR REPLACE INTO groups VALUES (?, ?)", (name, lines))
        self.db.executemany(
            "INSERT OR REPLACE INTO members VALUES (?, ?)", ((e, name) for e in members)
        )
        self.db.executemany("INSERT INTO links VALUES (?, ?, ?)", ((name, a, b) for a, b in links))

    # --- the network projection's rows of each article graph (newskg.graph_rows) ----------

    def graph_row_stamps(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT graph, stamp FROM graph_rows"))

    def graph_rows(self) -> dict[str, tuple[str, str]]:
        rows = self.db.execute("SELECT graph, stamp, rows FROM graph_rows")
        return {g: (stamp, found) for g, stamp, found in rows}

    def set_graph_rows(self, graph: str, stamp: str, rows: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO graph_rows VALUES (?, ?, ?)", (graph, stamp, rows))

    def remove_graph_rows(self, graph: str) -> None:
        self.db.execute("DELETE FROM graph_rows WHERE graph = ?", (graph,))


def _json(value: dict | tuple) -> str:
    return json.dumps(value, separators=(",", ":"))


def keys_of(record: dict) -> list[tuple[str, int, str]]:
    """(key, dated, sort) of each list a report is compared in: its participants and place,
    by its date's start, or by publication when undated (an undated and unpublished report
    is compared with none)."""
    if record["date"]:
        dated, sort = 1, record["date"][0]
    elif record["published"]:
        dated, sort = 0, record["published"]
    else:
        return []
    keys = set(record["agents"]) | ({record["place"]} if record["place"] else set())
    return [(key, dated, sort) for key in sorted(keys)]


# a memory store's index lives as long as the store object
_MEMORY_INDEXES: weakref.WeakKeyDictionary[Store, ReportIndex] = weakref.WeakKeyDictionary()


def open_index(store: Store) -> ReportIndex | None:
    """The store's index: a file in an embedded store's folder, in memory for a memory
    store (for as long as the store object lives); None for a SPARQL endpoint, whose
    linking is computed whole."""
    from newskg.store.oxigraph_store import OxigraphStore

    if not isinstance(store, OxigraphStore) or store.read_only:
        return None
    if store.path is None:
        if store not in _MEMORY_INDEXES:
            _MEMORY_INDEXES[store] = ReportIndex(sqlite3.connect(":memory:"))
        return _MEMORY_INDEXES[store]
    connection = sqlite3.connect(Path(store.path) / FILE)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    return ReportIndex(connection, file=True)


def stored_graph_rows(store: Store) -> dict[str, tuple[str, str]]:
    """The projection's rows the index keeps, (stamp, rows) by article graph, for a reader:
    the file is opened read-only and as it stands (a write under way is not waited for; the
    stamps tell rows of another writing apart), and nothing is created or written. Empty
    when there is no index, or one of another layout or that cannot be read."""
    from newskg.store.oxigraph_store import OxigraphStore

    if not isinstance(store, OxigraphStore):
        return {}
    if store.path is None:
        index = _MEMORY_INDEXES.get(store)
        return index.graph_rows() if index is not None else {}
    path = (Path(store.path) / FILE).resolve()  # a file URI names an absolute path
    if not path.is_file():
        return {}
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            version = connection.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()
            if not version or version[0] != VERSION:
                return {}
            return {
                g: (stamp, rows)
                for g, stamp, rows in connection.execute(
                    "SELECT graph, stamp, rows FROM graph_rows"
                )
            }
        finally:
            connection.close()
    except sqlite3.Error:
        return {}
