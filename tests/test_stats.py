"""`newskg stats` counts what a plain SPARQL count over the store finds."""

from newskg.stats import store_stats

COUNT = (
    "PREFIX schema: <http://schema.org/> "
    "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a schema:{0} }}"
)


def count(store, cls: str) -> int:
    return int(next(iter(store.select(COUNT.format(cls))))["n"])


def test_stats_agree_with_a_plain_count(sample_store):
    stats = store_stats(sample_store)
    for name, cls in [
        ("people", "Person"),
        ("organizations", "Organization"),
        ("places", "Place"),
        ("events", "Event"),
        ("articles", "NewsArticle"),
    ]:
        assert stats.by_type[name] == count(sample_store, cls), name


def test_bylines_are_counted_and_told_apart(sample_store):
    """The sample articles have an author or outlet the text never names; stats shows how
    many of the people and organizations that is."""
    stats = store_stats(sample_store)
    outlets = count(sample_store, "NewsMediaOrganization")
    assert 0 < stats.by_type["bylines only"] <= outlets + stats.by_type["people"]
