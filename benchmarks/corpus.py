"""Synthetic news articles for scale tests: varied people, organizations, places, dates, roles,
events, quotes and hedged numbers from word lists and sentence templates, deterministic by
seed. People and organizations recur across articles (a Zipf-like draw), as in real news.

    python benchmarks/corpus.py --count 500 --out /tmp/corpus --seed 1
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

FIRST = [
    "Amira",
    "Jonas",
    "Lucia",
    "Tomasz",
    "Nadia",
    "Kofi",
    "Elena",
    "Ravi",
    "Ines",
    "Pavel",
    "Sofia",
    "Omar",
    "Hana",
    "Mateo",
    "Leila",
    "Daniel",
    "Yara",
    "Viktor",
    "Chloe",
    "Samir",
    "Anika",
    "Bruno",
    "Mei",
    "Tariq",
    "Greta",
    "Felix",
    "Noor",
    "Carmen",
    "Idris",
    "Maya",
]
LAST = [
    "Haddad",
    "Kowalski",
    "Moreau",
    "Okafor",
    "Lindqvist",
    "Rossi",
    "Petrov",
    "Nakamura",
    "Mensah",
    "Alvarez",
    "Brennan",
    "Sato",
    "Duarte",
    "Karimi",
    "Novak",
    "Fischer",
    "Osei",
    "Varga",
    "Lopes",
    "Hartmann",
    "Costa",
    "Nilsen",
    "Farouk",
    "Ibrahim",
    "Keller",
    "Rahman",
]
ORG_HEADS = [
    "Union",
    "Council",
    "Foundation",
    "Institute",
    "Association",
    "Network",
    "Committee",
    "Alliance",
]
ORG_TOPICS = [
    "Dock Workers",
    "Coastal Fishers",
    "Rural Teachers",
    "Water Rights",
    "Press Freedom",
    "Tenants",
    "Nurses",
    "Railway Workers",
    "Wildlife Protection",
    "Farmers",
]
CITIES = [
    "Porto",
    "Lyon",
    "Leeds",
    "Gdansk",
    "Naples",
    "Nairobi",
    "Accra",
    "Osaka",
    "Bergen",
    "Valencia",
    "Munich",
    "Seville",
    "Cork",
    "Turin",
    "Krakow",
    "Marseille",
]
COUNTRIES = [
    "Portugal",
    "France",
    "Poland",
    "Italy",
    "Kenya",
    "Ghana",
    "Japan",
    "Norway",
    "Spain",
    "Germany",
]
TITLES = ["director", "president", "spokesperson", "chairman", "treasurer", "General Secretary"]
EVENTS = ["conference", "meeting", "discussion", "rally"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
HEDGES = ["more than", "nearly", "around", "at least", "up to", ""]
NOUNS = ["members", "delegates", "workers", "families", "students", "residents"]


def _zipf(rng: random.Random, items: list, s: float = 1.1):
    weights = [1 / (i + 1) ** s for i in range(len(items))]
    return rng.choices(items, weights=weights, k=1)[0]


def make_people(rng: random.Random, n: int = 400) -> list[str]:
    seen, people = set(), []
    while len(people) < n:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in seen:
            seen.add(name)
            people.append(name)
    return people


def make_orgs(rng: random.Random, n: int = 60) -> list[str]:
    orgs = {f"{rng.choice(ORG_TOPICS)} {rng.choice(ORG_HEADS)}" for _ in range(n * 3)}
    return sorted(orgs)[:n]


def article(rng: random.Random, i: int, people: list[str], orgs: list[str]) -> dict:
    org = _zipf(rng, orgs)
    host, speaker, guest, witness = (_zipf(rng, people) for _ in range(4))
    city, country = rng.choice(CITIES), rng.choice(COUNTRIES)
    event = rng.choice(EVENTS)
    year = rng.choice([2022, 2023, 2024])
    month = rng.randrange(12)
    day = rng.randint(1, 27)
    hedge = rng.choice(HEDGES)
    number = rng.choice([12, 40, 250, 1200, 3500, 18000])
    noun = rng.choice(NOUNS)
    title = rng.choice(TITLES)
    sentences = [
        f"The {org} held a {event} in {city} on {MONTHS[month]} {day}, {year}.",
        f"{host}, the {title} of the {org}, opened the {event}.",
        f'"We will not accept another year of broken promises from the government," {host.split()[-1]} said.',
        f"{speaker}, a researcher at the University of {rng.choice(CITIES)}, delivered a speech.",
        f"Among those present were {guest} and {witness}.",
        f"The organizers said {hedge + ' ' if hedge else ''}{number:,} {noun} from {country} took part.",
        f"{guest} was arrested in {city} in {year - rng.randint(1, 5)} and released a year later.",
        f"The {org} was founded in {rng.randint(1950, 2015)}.",
    ]
    rng.shuffle(sentences[3:])
    return {
        "id": f"synthetic-{i:06d}",
        "title": f"{org} holds {event} in {city}",
        "outlet": rng.choice(["Harbour Times", "Evening Post", "Daily Ledger", "City Herald"]),
        "published": f"{year}-{month + 1:02d}-{min(day + 2, 28):02d}",
        "text": " ".join(sentences),
    }


def generate(count: int, seed: int = 1):
    rng = random.Random(seed)
    people, orgs = make_people(rng), make_orgs(rng)
    for i in range(count):
        yield article(rng, i, people, orgs)


def write_corpus(out: Path, count: int, seed: int = 1, per_file: int = 1) -> list[Path]:
    """One JSON file per article (per_file=1) or JSONL files of `per_file` articles."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    batch: list[dict] = []
    for art in generate(count, seed):
        if per_file == 1:
            path = out / f"{art['id']}.json"
            path.write_text(json.dumps(art), encoding="utf-8")
            paths.append(path)
        else:
            batch.append(art)
            if len(batch) == per_file:
                paths.append(_flush(out, batch))
                batch = []
    if batch:
        paths.append(_flush(out, batch))
    return paths


def _flush(out: Path, batch: list[dict]) -> Path:
    path = out / f"{batch[0]['id']}.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in batch), encoding="utf-8")
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-file", type=int, default=1)
    args = parser.parse_args()
    print(
        f"wrote {len(write_corpus(args.out, args.count, args.seed, args.per_file))} files to {args.out}"
    )
