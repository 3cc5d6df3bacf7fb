"""The ontology, installed as the package data `newskg.ontology` (see resources.py)."""
