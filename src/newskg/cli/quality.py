"""What the articles say and how well it was extracted: digests, evaluation, identity review."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newskg.cli.app import (
    StoreOption,
    _open,
    _settings,
    app,
    err,
    out,
)
from newskg.terminal import styled


@app.command()
def digest(
    ids: Annotated[list[str] | None, typer.Argument(help="Article ids (default: all).")] = None,
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for <article_id>.yaml files.")
    ] = Path("out/digests"),
    store: StoreOption = None,
) -> None:
    """Write one digest per article: YAML of what the graph holds about it (persons, roles,
    events, quotes, numbers), read by SPARQL. The format is described in the README
    ("Measure extraction on your own articles").

    Example: newskg digest brussels-prisoners-conference --out out/digests
    """
    from newskg.digest import write_digests

    paths = write_digests(_open(_settings(store)), out_dir, ids or None)
    err.print(f"wrote {len(paths)} digest(s) to {out_dir}")


@app.command(name="eval")
def eval_(
    gold_dir: Annotated[
        Path, typer.Argument(help="Folder of gold digests named <article_id>.yaml.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
    errors: Annotated[
        bool,
        typer.Option(
            "--errors",
            help="Also list, per category, each missed and each extra item with its sentence.",
        ),
    ] = False,
    by_rule: Annotated[
        bool,
        typer.Option(
            "--by-rule",
            help="Also list, per extraction rule, how many of its facts matched the gold and "
            "how many were extra, and the gold items no rule found.",
        ),
    ] = False,
    store: StoreOption = None,
) -> None:
    """Compare the store's digests with gold digests: precision, recall and F1 per category,
    and the macro-F1 over the ten headline categories. A category with nothing to score on
    either side is n/a. Gold digests follow the digest format: docs/FORMAT.md in newskg's
    source, or the YAML that `newskg digest` writes.

    Example: newskg eval my-gold/ --errors

    Example: newskg eval my-gold/ --by-rule   (which rule to fix, keep or drop)
    """
    import json

    from newskg.digest import article_digest, article_text
    from newskg.evaluate import evaluate, load_gold, sentence_with

    db = _open(_settings(store))
    gold = load_gold(gold_dir)
    stored = set(_ids(db))
    predicted = {
        i: article_digest(db, i, evidence=errors, rules=by_rule) for i in gold if i in stored
    }
    result = evaluate(predicted, gold)
    texts = {i: article_text(db, i) for i in result.articles} if errors else {}

    def sentence(error) -> str | None:
        if error.sentence:
            return error.sentence
        return sentence_with(texts.get(error.article) or "", error.needle)

    if as_json:
        data = result.as_dict(by_rule=by_rule)
        if errors:
            data["errors"] = [{**vars(e), "sentence": sentence(e)} for e in result.errors]
        out.print_json(json.dumps(data))
        return

    def fmt(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.3f}"

    table = Table(
        "category",
        "precision",
        "recall",
        "F1",
        "tp",
        "fp",
        "fn",
        title=f"newskg eval on {len(result.articles)} article(s)",
    )
    for name, s in result.scores.items():
        table.add_row(
            name, fmt(s.precision), fmt(s.recall), fmt(s.f1), str(s.tp), str(s.fp), str(s.fn)
        )
    out.print(table)
    out.print(f"macro-F1 (persons … quantities): {fmt(result.macro_f1)}")
    if by_rule:
        _print_rules(result)
    if errors:
        for category in dict.fromkeys(e.category for e in result.errors):
            out.print()
            out.print(styled(category, "bold"))
            for e in (x for x in result.errors if x.category == category):
                # article text is data, never console markup
                out.print(f"  {e.kind:6} {e.article}: {e.item}")
                found = sentence(e)
                if found:
                    out.print(styled("        ", "dim", found[:300]))


def _print_rules(result) -> None:
    """Per rule: its facts that matched and were extra, worst precision first; then the gold
    items no rule found, per category."""
    from collections import Counter

    table = Table(
        "rule", "matched", "extra", "precision", "extra by category", title="facts by rule"
    )
    for name, tally in sorted(
        result.rules.items(), key=lambda kv: (kv[1].precision, -kv[1].total_extra, kv[0])
    ):
        extras = ", ".join(f"{c} {n}" for c, n in sorted(tally.extra.items()))
        table.add_row(
            name,
            str(tally.total_matched),
            str(tally.total_extra),
            f"{tally.precision:.3f}",
            extras or "-",
        )
    out.print(table)
    missed = Counter(e.category for e in result.missed)
    out.print(
        "found by no rule: "
        + (", ".join(f"{c} {n}" for c, n in missed.items()) or "nothing")
        + ("  (--errors lists them)" if missed else "")
    )


def _ids(db) -> list[str]:
    from newskg.digest import article_ids

    return article_ids(db)


@app.command()
def duplicates(
    curation: Annotated[
        Path | None, typer.Option(help="Curation file whose decisions are not proposed again.")
    ] = None,
    homonyms: Annotated[
        bool,
        typer.Option(
            "--homonyms",
            help="Instead, list one name used in articles that share no context (namesakes?).",
        ),
    ] = False,
    store: StoreOption = None,
) -> None:
    """List entities that may be the same (a short form of another's name, another spelling).
    Nothing is merged: confirm or reject pairs in a curation file, then run `newskg curate`.
    Pairs decided in the curation already applied to the store are not proposed again.

    With --homonyms, list the opposite: one IRI whose articles share no person,
    organization or place, so that it may stand for two namesakes; split it in the
    curation file if so.

    Examples: newskg duplicates --curation data/curation.yaml;
    newskg duplicates --homonyms
    """
    from newskg.curation import find_candidates, load_curation

    settings = _settings(store)
    if homonyms:
        _print_homonyms(_open(settings), settings)
        return
    decided = load_curation(curation) if curation else None
    found = find_candidates(_open(settings), decided)
    # one pair per line with the ids as a curation file writes them, never cut short at the
    # terminal's width: they are meant to be copied into same_as or not_same_as
    out.print(f"{len(found)} candidate pair(s)")
    for c in found:
        a, b = (x.removeprefix(settings.base_iri) for x in (c.a, c.b))
        out.print(f"[{a}, {b}]  # {c.a_name} / {c.b_name}: {c.reason}", soft_wrap=True)
    if found:
        out.print("Copy a line under same_as: or not_same_as: in the curation file.")


def _print_homonyms(db, settings) -> None:
    from newskg.curation import find_homonyms

    found = find_homonyms(db, settings)
    out.print(f"{len(found)} name(s) used in articles that share no context")
    for h in found:
        out.print(f"{h.entity.removeprefix(settings.base_iri)}  # {h.name}", soft_wrap=True)
        for articles, context in h.groups:
            out.print(
                f"  in {', '.join(articles)}: beside {', '.join(context) or 'nobody else'}",
                soft_wrap=True,
            )
    if found:
        out.print(
            "If they are different people, split one in the curation file: "
            "split: [{entity: ID, articles: [ARTICLE, ...]}], then newskg curate."
        )


@app.command()
def curate(
    curation: Annotated[Path, typer.Argument(help="Curation file (YAML).")] = Path(
        "data/curation.yaml"
    ),
    store: StoreOption = None,
) -> None:
    """Apply a curation file (same-as, not-same-as, aliases) as its own named graph,
    attributed to the curator; running it again replaces the previous decisions.

    Example: newskg curate data/curation.yaml
    """
    from newskg.curation import apply_curation

    count = apply_curation(_open(_settings(store), write=True), curation)
    out.print(f"applied {curation}: {count} triples in the curation graph")
