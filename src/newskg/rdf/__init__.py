"""RDF: mapping the model to triples, the ontology files, SHACL validation."""
