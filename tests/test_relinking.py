"""Cross-article linking after each ingest or removal compares only what changed, and gives
exactly the reported-events graph a full recomputation gives."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import sqlite3

import pytest

import newskg.reports as reports
from newskg import ingest_paths, open_store
from newskg.pipeline import remove_articles
from newskg.rdf.namespaces import NKG
from newskg.report_index import FILE, ReportIndex
from newskg.reports import Report
from tests.helpers.corpus import BRIEF, write_corpus
from tests.helpers.derived import derived_triples, recomputed


def groups(store, settings) -> dict[str, frozenset[str]]:
    """Each reported event with the article events it joins."""
    found: dict[str, set[str]] = {}
    for s, p, o in derived_triples(store, settings):
        if p == NKG.report:
            found.setdefault(str(s), set()).add(str(o))
    return {k: frozenset(v) for k, v in found.items()}


@pytest.fixture
def whole_passes(monkeypatch):
    """The stores a full recomputation ran on."""
    seen = []
    full = reports._link_all

    def counted(store, *args):
        seen.append(store)
        return full(store, *args)

    monkeypatch.setattr(reports, "_link_all", counted)
    return seen


def ids_in(path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_links_after_ingests_removals_and_changes_equal_a_full_recomputation(
    tmp_path, settings, whole_passes
):
    files = write_corpus(tmp_path / "in", 160, seed=11, per_file=20, paragraphs=BRIEF)
    store = open_store(f"oxigraph:{tmp_path / 'store'}", settings)
    history = []

    def check(step):
        assert derived_triples(store, settings) == recomputed(store, settings), step
        history.append(groups(store, settings))

    for n, path in enumerate(files):
        assert ingest_paths([path], store, settings).ok
        check(f"after batch {n + 1}")
    ids = [i for path in files for i in ids_in(path)]
    gone = random.Random(4).sample(ids, 25)
    remove_articles(store, gone, settings)
    check("after removing 25 articles")
    # some come back, and one article tells its events a day later than before
    assert ingest_paths(files, store, settings).ok
    check("after re-ingesting the removed ones")
    record = json.loads(files[3].read_text(encoding="utf-8").splitlines()[0])
    later = re.sub(
        r"(on [A-Z][a-z]+ )(\d+)(, 20\d\d)",
        lambda m: f"{m[1]}{int(m[2]) + 1}{m[3]}",
        record["text"],
        count=1,
    )
    assert later != record["text"]
    record["text"] = later
    moved = tmp_path / "moved.json"
    moved.write_text(json.dumps(record), encoding="utf-8")
    assert ingest_paths([moved], store, settings).ok
    check("after an article changed")
    # one whole pass: the first ingest, into an empty store; every other was incremental
    assert sum(s is store for s in whole_passes) == 1
    # and the corpus made links form, merge (a group grew into a larger one) and split
    grew = any(
        new > old
        for before, after in zip(history, history[1:], strict=False)
        for old in before.values()
        for new in after.values()
    )
    removal = history[len(files)]
    split = any(
        old not in removal.values() and any(new < old for new in removal.values())
        for old in history[len(files) - 1].values()
    )
    assert grew and split


def test_a_store_without_its_index_is_linked_whole_and_indexed_again(
    tmp_path, settings, whole_passes
):
    files = write_corpus(tmp_path / "in", 60, seed=12, per_file=20, paragraphs=BRIEF)
    folder = tmp_path / "store"
    store = open_store(f"oxigraph:{folder}", settings)
    assert ingest_paths(files[:2], store, settings).ok
    store.close()
    (folder / FILE).unlink()  # a store copied without it, say
    store = open_store(f"oxigraph:{folder}", settings)
    assert ingest_paths(files[2:], store, settings).ok
    assert derived_triples(store, settings) == recomputed(store, settings)
    assert sum(s is store for s in whole_passes) == 1  # the index was made again
    assert (folder / FILE).exists()
    remove_articles(store, ids_in(files[0])[:5], settings)
    assert derived_triples(store, settings) == recomputed(store, settings)
    assert sum(s is store for s in whole_passes) == 1  # and used


def test_a_large_change_written_in_parts_is_the_same(tmp_path, settings, monkeypatch):
    files = write_corpus(tmp_path / "in", 80, seed=14, per_file=20, paragraphs=BRIEF)
    store = open_store("memory:", settings)
    assert ingest_paths(files[:2], store, settings).ok
    writes = []
    monkeypatch.setattr(reports, "WRITE_PART", 40)
    change = store.change_graph
    monkeypatch.setattr(store, "change_graph", lambda *a: writes.append(a) or change(*a))
    assert ingest_paths(files[2:], store, settings).ok
    assert len(writes) > 3  # in parts
    assert derived_triples(store, settings) == recomputed(store, settings)


def test_an_index_of_other_articles_than_the_graph_is_not_used(tmp_path, settings, whole_passes):
    files = write_corpus(tmp_path / "in", 40, seed=13, per_file=20, paragraphs=BRIEF)
    store = open_store("memory:", settings)
    assert ingest_paths(files[:1], store, settings).ok
    name = reports.graph_iri(settings)
    store.set_value(name, name, str(NKG.sourcesHash), "written by another run")
    assert ingest_paths(files[1:], store, settings).ok
    assert derived_triples(store, settings) == recomputed(store, settings)
    assert sum(s is store for s in whole_passes) == 2


# --- the replay itself, on dense made-up reports -------------------------------------------


def made_up(rng: random.Random, article: str, count: int) -> list[Report]:
    """Reports crowded into few participants, places and weeks, so that every list holds
    more than NEIGHBOURS reports inside one date window and links compete."""
    found = []
    for n in range(count):
        start = dt.date(2024, 5, 1) + dt.timedelta(days=rng.randrange(21))
        kind = rng.random()
        if kind < 0.75:
            date, text = (start, start), start.isoformat()
        elif kind < 0.85:
            date, text = (dt.date(2024, 5, 1), dt.date(2024, 5, 31)), "2024-05"
        else:
            date, text = None, None
        found.append(
            Report(
                event=f"{article}/event/{n}",
                article=article,
                type=rng.choice(["meeting", "meeting", "protest"]),
                date=date,
                date_text=text,
                place=rng.choice([None, "place/a", "place/b", "place/c"]),
                published=start + dt.timedelta(days=rng.randrange(3)),
                agents={f"agent/{rng.randrange(7)}" for _ in range(rng.randint(1, 3))},
            )
        )
    return found


def indexed_groups(index) -> set[tuple[frozenset[str], tuple[tuple[str, str], ...]]]:
    found = set()
    for (name,) in index.db.execute("SELECT grp FROM groups"):
        members, links = index.group(name)
        found.add((frozenset(members), tuple(sorted(links))))
    return found


def joined_whole(articles: dict[str, list[Report]]):
    everything = [r for found in articles.values() for r in found]
    pairs = (p for group in reports._by_type_group(everything) for p in reports._pairs(group))
    return {
        (frozenset(r.event for r in group), tuple(sorted((e[1].event, e[2].event) for e in links)))
        for group, links in reports._join_reports(everything, pairs)
    }


@pytest.mark.parametrize("seed", range(160))
def test_replayed_joins_equal_the_whole_join_on_crowded_reports(seed):
    rng = random.Random(seed)
    articles = {f"article/{n}": made_up(rng, f"article/{n}", rng.randint(1, 4)) for n in range(40)}
    index = ReportIndex(sqlite3.connect(":memory:"))
    for article, found in articles.items():
        index.add_article(article, "1", [reports._record(r) for r in found])
    pairs = (
        p for g in reports._by_type_group(sum(articles.values(), [])) for p in reports._pairs(g)
    )
    for group, links in reports._join_reports(sum(articles.values(), []), pairs):
        index.add_group(
            group[0].event, [r.event for r in group], [(e[1].event, e[2].event) for e in links], ""
        )
    for round_ in range(4):
        changed = set(rng.sample(sorted(articles), 4))
        for article in changed:
            if rng.random() < 0.3:
                del articles[article]  # removed
            else:
                articles[article] = made_up(rng, article, rng.randint(1, 4))  # changed
        added = f"article/new-{round_}"
        articles[added] = made_up(rng, added, 3)
        changed.add(added)
        fresh = {a: [reports._record(r) for r in articles[a]] for a in changed if a in articles}
        groups, stale = reports._relink(index, changed, fresh, dict.fromkeys(fresh, "2"))
        for name in stale:
            index.remove_group(name)
        for group, links in groups:
            index.add_group(
                group[0].event,
                [r.event for r in group],
                [(e[1].event, e[2].event) for e in links],
                "",
            )
        assert indexed_groups(index) == joined_whole(articles), f"round {round_}"


# --- which articles' hashes a pass reads --------------------------------------------------


def sources_reads(monkeypatch, store) -> list[bool]:
    """For each read of the articles' content hashes: was it of every article?"""
    reads: list[bool] = []
    select = store.select

    def counted(sparql, bindings=None, *args, **kwargs):
        if sparql == reports._SOURCES:
            reads.append(not bindings)
        return select(sparql, bindings, *args, **kwargs)

    monkeypatch.setattr(store, "select", counted)
    return reads


def test_a_pass_reads_only_the_hashes_of_the_articles_its_writer_wrote(
    tmp_path, settings, monkeypatch, whole_passes
):
    files = write_corpus(tmp_path / "in", 60, seed=15, per_file=20, paragraphs=BRIEF)
    store = open_store(f"oxigraph:{tmp_path / 'store'}", settings)
    assert ingest_paths(files[:2], store, settings).ok
    reads = sources_reads(monkeypatch, store)
    assert ingest_paths(files[2:], store, settings).ok
    assert reads and not any(reads)  # one article at a time, never the whole store's
    assert len(reads) == len(ids_in(files[2]))
    remove_articles(store, ids_in(files[0])[:3], settings)
    assert not any(reads)
    assert derived_triples(store, settings) == recomputed(store, settings)
    assert sum(s is store for s in whole_passes) == 1


def test_a_pass_takes_what_its_writer_wrote_from_the_copies_not_the_store(
    tmp_path, settings, monkeypatch, whole_passes
):
    """The events, numbers and positions of the articles an ingest wrote come from copies of
    what it wrote (reports.note_reports), not from the store: at 20,000 articles those reads
    cost 6.5 ms an article and filled the engine's caches. The links are still exactly a full
    recomputation's, and an article told again in other words is read as it is now."""
    files = write_corpus(tmp_path / "in", 60, seed=17, per_file=20, paragraphs=BRIEF)
    store = open_store(f"oxigraph:{tmp_path / 'store'}", settings)
    assert ingest_paths(files[:1], store, settings).ok
    per_article = (
        reports._EVENTS,
        reports._PARTICIPANTS,
        reports._EVENT_STARTS,
        reports._QUANTITIES,
        reports._MEMBERSHIPS,
    )
    asked = []
    select = store.select

    def counted(sparql, bindings=None, *args, **kwargs):
        if sparql in per_article:
            asked.append(bindings)
        return select(sparql, bindings, *args, **kwargs)

    monkeypatch.setattr(store, "select", counted)
    assert ingest_paths(files[1:], store, settings).ok
    assert asked == []
    monkeypatch.undo()
    assert derived_triples(store, settings) == recomputed(store, settings)

    lines = files[1].read_text(encoding="utf-8").splitlines()
    retold = json.loads(lines[0])
    retold["text"] = retold["text"].replace(".", ". Talks went on late.", 1)
    files[1].write_text("\n".join([json.dumps(retold), *lines[1:]]) + "\n", encoding="utf-8")
    assert ingest_paths(files[1:2], store, settings).ok
    assert derived_triples(store, settings) == recomputed(store, settings)
    assert sum(s is store for s in whole_passes) == 1


def test_what_a_writer_killed_before_its_pass_wrote_is_linked_by_the_next(
    tmp_path, settings, monkeypatch, whole_passes
):
    import newskg.pipeline as pipeline

    files = write_corpus(tmp_path / "in", 60, seed=16, per_file=20, paragraphs=BRIEF)
    folder = tmp_path / "store"
    store = open_store(f"oxigraph:{folder}", settings)
    assert ingest_paths(files[:1], store, settings).ok
    with monkeypatch.context() as killed:  # the process dies after writing, before its pass
        killed.setattr(pipeline, "link_reports", lambda *args, **kwargs: 0)
        assert ingest_paths(files[1:2], store, settings).ok
    store.close()
    store = open_store(f"oxigraph:{folder}", settings)  # the next process
    reads = sources_reads(monkeypatch, store)
    assert ingest_paths(files[2:], store, settings).ok
    assert True in reads  # every article's hash compared with the index's
    assert derived_triples(store, settings) == recomputed(store, settings)
    assert sum(s is store for s in whole_passes) == 0  # still incremental
    reads.clear()
    remove_articles(store, ids_in(files[1])[:2], settings)  # and the next trusts its writer
    assert reads and not any(reads)
    assert derived_triples(store, settings) == recomputed(store, settings)
