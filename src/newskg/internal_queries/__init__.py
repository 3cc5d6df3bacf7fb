"""The SPARQL queries newskg runs for its own commands (digest, stats, projections, export,
linking, curation, imports), one per .rq file, read with `resources.internal_query`."""
