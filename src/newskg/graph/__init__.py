"""Network views: SPARQL → networkx projections → pyvis pages and graph files."""

from newskg.graph.projections import full_projection
from newskg.graph.render import write_network_page

__all__ = ["full_projection", "write_network_page"]
