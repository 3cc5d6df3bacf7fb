"""The generated corpus the scale tests and benchmarks use (tests/helpers/corpus.py)."""

from __future__ import annotations

import datetime as dt

from tests.helpers.corpus import BRIEF, FIRST_DAY, MONTHS, generate


def test_articles_in_date_order_report_the_days_of_their_delivery():
    articles = list(generate(300, seed=4, paragraphs=BRIEF, per_day=20))
    for i, article in enumerate(articles):
        published = dt.date.fromisoformat(article["published"])
        day = FIRST_DAY + dt.timedelta(days=i // 20)
        event = published - dt.timedelta(days=2)
        assert day - dt.timedelta(days=2) <= event <= day, (i, article["published"])
        assert f"on {MONTHS[event.month - 1]} {event.day}, {event.year}." in article["text"]
    last = dt.date.fromisoformat(articles[-1]["published"])
    assert FIRST_DAY + dt.timedelta(days=13) <= last <= FIRST_DAY + dt.timedelta(days=16)


def test_only_the_dates_differ_from_the_articles_with_drawn_dates():
    drawn = list(generate(50, seed=4, paragraphs=BRIEF))
    ordered = list(generate(50, seed=4, paragraphs=BRIEF, per_day=20))
    assert [a["title"] for a in drawn] == [a["title"] for a in ordered]
    assert [a["outlet"] for a in drawn] == [a["outlet"] for a in ordered]
    years = {a["published"][:4] for a in drawn}
    assert len(years) == 3 and {a["published"][:7] for a in ordered} == {"2022-01"}
