"""Events: the ontology (data) and the detection of typed event mentions."""
