"""Where the shipped data files live: ontology/ and queries/ at the repository's top level.

The package is installed editable from the repository (make demo / make test), so the files
are found beside src/; NEWSKG_HOME points elsewhere for other layouts.
"""

from __future__ import annotations

import os
from pathlib import Path

from newskg.errors import NewskgError


def project_home() -> Path:
    env = os.environ.get("NEWSKG_HOME")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[2])
    for home in candidates:
        if (home / "ontology" / "newskg.ttl").is_file():
            return home
    raise NewskgError(
        "cannot find ontology/newskg.ttl; install newskg from its repository "
        "(pip install -e .) or set NEWSKG_HOME to the repository folder"
    )


def ontology_dir() -> Path:
    return project_home() / "ontology"


def queries_dir() -> Path:
    return project_home() / "queries"
