"""Where the shipped data files live: the ontology (ontology/) and the query library
(queries/), kept at the repository's top level and installed inside the package as
`newskg.ontology` and `newskg.queries`, so a wheel outside any checkout finds them.

NEWSKG_HOME, when set, points at a folder holding ontology/ and queries/ to use instead
(for trying an edited ontology without reinstalling).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from newskg.errors import NewskgError


def _shipped(package: str, probe: str) -> Path:
    home = os.environ.get("NEWSKG_HOME")
    folder = Path(home) / package.rsplit(".", 1)[-1] if home else None
    if folder is None:
        try:
            folder = Path(str(resources.files(package)))
        except ModuleNotFoundError:
            folder = None
    if folder is None or not (folder / probe).is_file():
        where = f"NEWSKG_HOME={home}" if home else f"the installed package {package}"
        raise NewskgError(
            f"cannot find {probe} in {where}; reinstall newskg (pip install newskg) or set "
            "NEWSKG_HOME to a folder holding ontology/ and queries/"
        )
    return folder


def ontology_dir() -> Path:
    return _shipped("newskg.ontology", "newskg.ttl")


def queries_dir() -> Path:
    return _shipped("newskg.queries", "people-roles.rq")


def internal_query(name: str) -> str:
    """One of the SPARQL queries newskg runs itself (src/newskg/internal_queries/NAME.rq):
    all SPARQL lives in .rq files, the library's in queries/, these beside the code.
    Fixed text: values reach them only as bound RDF terms."""
    return (resources.files("newskg.internal_queries") / f"{name}.rq").read_text(encoding="utf-8")
