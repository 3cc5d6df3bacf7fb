"""One base exception; the CLI turns any of them into one line and a non-zero exit."""


class NewskgError(Exception):
    """Base for every error a user can cause and fix; the message says what to do."""


class InputError(NewskgError):
    """An article file cannot be read: names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class PartlyRead(InputError):
    """A file of many articles where some could not be read: the others are in `articles`,
    each problem (with its line) in `problems`."""

    def __init__(self, path: str, articles: list, problems: list[tuple[str, str]]) -> None:
        self.articles = articles
        self.problems = problems  # (where, problem)
        super().__init__(path, f"{len(problems)} article(s) could not be read")


class ValidationFailed(NewskgError):
    """An article's graph does not conform to ontology/shapes.ttl; nothing was written."""


class StoreError(NewskgError):
    """The store cannot be opened, read or written."""


class StoreDamaged(StoreError):
    """The store's files cannot be used: missing, damaged, or the disk is full. Exit status 2
    (not 1): nothing the user typed is wrong, the store itself needs attention."""


class StoreInUseError(StoreError):
    """Another process holds the embedded store's lock."""


class QueryError(NewskgError):
    """A SPARQL query is invalid, refused, or failed."""
