"""Synthetic news articles for scale tests: varied people, organizations, places, dates, roles,
events, quotes and hedged numbers from word lists and sentence templates, deterministic by
seed. People and organizations recur across articles (a Zipf-like draw), as in real news.

    python -m tests.helpers.corpus --count 500 --out /tmp/corpus --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
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


QUOTES = [
    "We will not accept another year of broken promises from the government",
    "The figures speak for themselves and nobody in this room can ignore them",
    "Our members have waited long enough for a fair answer",
    "This is the beginning of a longer conversation, not the end of one",
    "We asked for a meeting three times and were refused three times",
    "The region cannot afford to lose another generation of skilled workers",
    "Nobody here is asking for special treatment, only for the law to be applied",
    "We are ready to talk tomorrow if the other side is ready too",
]
BACKGROUND = [
    "The talks covered housing, wages and the rising cost of energy.",
    "Several speakers pointed to the delays in the new planning rules.",
    "The debate was broadcast on local radio and streamed online.",
    "Most of the questions from the audience concerned pensions and rents.",
    "Observers described the mood in the hall as calm but determined.",
    "A second session in the afternoon was given over to workshops.",
    "The organizers published a short summary of the proposals afterwards.",
    "Talks between the two sides broke down last spring after months of delay.",
    "Local officials have not yet responded to the latest proposals.",
    "The dispute has drawn attention from groups in neighbouring regions.",
]
ACTIONS = ["signed the petition", "joined the strike", "attended the rally", "lost their jobs"]
OUTLETS = ["Harbour Times", "Evening Post", "Daily Ledger", "City Herald"]


def _sentence(rng: random.Random, people: list[str], orgs: list[str], year: int) -> str:
    """One body sentence from a template: a quote, a role, a claimed number, a past event,
    a relation, or background with no entities at all (as most news sentences are)."""
    person, other, org = _zipf(rng, people), _zipf(rng, people), _zipf(rng, orgs)
    city, month = rng.choice(CITIES), rng.choice(MONTHS)
    hedge = rng.choice(HEDGES)
    number = rng.choice([12, 40, 250, 1200, 3500, 18000, 65000])
    kind = rng.randrange(9)
    if kind == 0:
        return f'"{rng.choice(QUOTES)}," {person.split()[-1]} said.'
    if kind == 1:
        return f'{person} told the {rng.choice(OUTLETS)}: "{rng.choice(QUOTES)}."'
    if kind == 2:
        return f"{person}, the {rng.choice(TITLES)} of the {org}, called for new talks."
    if kind == 3:
        hedged = f"{hedge} {number:,}" if hedge else f"{number:,}"
        return (
            f"According to the {org}, {hedged} {rng.choice(NOUNS)} {rng.choice(ACTIONS)} in {year}."
        )
    if kind == 4:
        past = year - rng.randint(1, 6)
        return f"{person} was arrested in {city} in {past} and released a year later."
    if kind == 5:
        return f"{person} met {other} in {city} on {month} {rng.randint(1, 27)}, {year}."
    if kind == 6:
        return f"{person} studied at the University of {city} before joining the {org}."
    return rng.choice(BACKGROUND)


# The first day of a corpus whose articles run forward in time (per_day, below).
FIRST_DAY = dt.date(2022, 1, 1)


def article(
    rng: random.Random,
    i: int,
    people: list[str],
    orgs: list[str],
    paragraphs: tuple[int, int],
    per_day: int | None = None,
) -> dict:
    """A lead paragraph about one event, then `paragraphs` (a min-max range) of body.

    The event's date is drawn from three years (per_day None), or is the day of article
    `i` when `per_day` articles are published a day from FIRST_DAY (minus up to two days,
    as news reports what happened lately)."""
    org = _zipf(rng, orgs)
    host, speaker, guest, witness = (_zipf(rng, people) for _ in range(4))
    city, country = rng.choice(CITIES), rng.choice(COUNTRIES)
    event = rng.choice(EVENTS)
    year = rng.choice([2022, 2023, 2024])
    month = rng.randrange(12)
    day = rng.randint(1, 27)
    if per_day is not None:  # drawn above all the same: the rest of the article is as without
        when = FIRST_DAY + dt.timedelta(days=i // per_day - day % 3)
        year, month, day = when.year, when.month - 1, when.day
    hedge = rng.choice(HEDGES)
    number = rng.choice([12, 40, 250, 1200, 3500, 18000])
    noun = rng.choice(NOUNS)
    title = rng.choice(TITLES)
    lead = [
        f"The {org} held a {event} in {city} on {MONTHS[month]} {day}, {year}.",
        f"{host}, the {title} of the {org}, opened the {event}.",
        f'"We will not accept another year of broken promises from the government," {host.split()[-1]} said.',
    ]
    details = [
        f"{speaker}, a researcher at the University of {rng.choice(CITIES)}, delivered a speech.",
        f"Among those present were {guest} and {witness}.",
        f"The organizers said {hedge + ' ' if hedge else ''}{number:,} {noun} from {country} took part.",
        f"{guest} was arrested in {city} in {year - rng.randint(1, 5)} and released a year later.",
        f"The {org} was founded in {rng.randint(1950, 2015)}.",
    ]
    rng.shuffle(details)
    body = [
        " ".join(_sentence(rng, people, orgs, year) for _ in range(rng.randint(2, 4)))
        for _ in range(rng.randint(*paragraphs))
    ]
    return {
        "id": f"synthetic-{i:06d}",
        "title": f"{org} holds {event} in {city}",
        "outlet": rng.choice(OUTLETS),
        "published": _published(year, month, day, per_day),
        "text": "\n\n".join([" ".join(lead + details), *body]),
    }


def _published(year: int, month: int, day: int, per_day: int | None) -> str:
    """Two days after the event (within its month when its date is drawn)."""
    if per_day is None:
        return f"{year}-{month + 1:02d}-{min(day + 2, 28):02d}"
    return (dt.date(year, month + 1, day) + dt.timedelta(days=2)).isoformat()


# News articles run to a few hundred words: 5-12 body paragraphs give about 250-600.
# Tests that only need many small articles ask for BRIEF ones (the lead paragraph alone).
FULL = (5, 12)
BRIEF = (0, 0)


def generate(
    count: int, seed: int = 1, paragraphs: tuple[int, int] = FULL, per_day: int | None = None
):
    rng = random.Random(seed)
    people, orgs = make_people(rng), make_orgs(rng)
    for i in range(count):
        yield article(rng, i, people, orgs, paragraphs, per_day)


def write_corpus(
    out: Path,
    count: int,
    seed: int = 1,
    per_file: int = 1,
    paragraphs: tuple[int, int] = FULL,
    per_day: int | None = None,
) -> list[Path]:
    """One JSON file per article (per_file=1) or JSONL files of `per_file` articles;
    `per_day`: the articles run forward in time, that many a day (see article)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    batch: list[dict] = []
    for art in generate(count, seed, paragraphs, per_day):
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
    parser.add_argument("--brief", action="store_true", help="lead paragraph only (~90 words)")
    parser.add_argument(
        "--per-day", type=int, help="articles a day, in date order (default: dates drawn)"
    )
    args = parser.parse_args()
    size = BRIEF if args.brief else FULL
    paths = write_corpus(args.out, args.count, args.seed, args.per_file, size, args.per_day)
    print(f"wrote {len(paths)} files to {args.out}")
