"""newskg: news articles → a provenance-tracked RDF knowledge graph.

The public Python API lives here so notebooks and scripts never import private modules::

    from newskg import Settings, open_store, ingest_paths
    store = open_store("memory:")
    report = ingest_paths(["data/articles"], store)
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newskg")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+local"

from newskg.errors import (  # noqa: E402
    InputError,
    NewskgError,
    QueryError,
    StoreError,
    StoreInUseError,
    ValidationFailed,
)
from newskg.pipeline import IngestReport, ingest_articles, ingest_paths  # noqa: E402
from newskg.settings import Settings  # noqa: E402
from newskg.store import open_store  # noqa: E402

__all__ = [
    "__version__",
    "InputError",
    "IngestReport",
    "NewskgError",
    "QueryError",
    "Settings",
    "StoreError",
    "StoreInUseError",
    "ValidationFailed",
    "ingest_articles",
    "ingest_paths",
    "open_store",
]
