"""The query library, installed as the package data `newskg.queries` (see resources.py)."""
