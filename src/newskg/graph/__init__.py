"""Network views: SPARQL → networkx projections → analytics, pyvis pages and graph files."""

from newskg.graph.analytics import Hop, NetworkStats, connection, network_stats
from newskg.graph.files import FILE_FORMATS, write_graph_file
from newskg.graph.projections import VIEWS, Filters, find_node, full_projection, projection
from newskg.graph.render import DEFAULT_MAX_NODES, write_network_page, write_timeline_page

__all__ = [
    "DEFAULT_MAX_NODES",
    "FILE_FORMATS",
    "VIEWS",
    "Filters",
    "Hop",
    "NetworkStats",
    "connection",
    "find_node",
    "full_projection",
    "network_stats",
    "projection",
    "write_graph_file",
    "write_network_page",
    "write_timeline_page",
]
