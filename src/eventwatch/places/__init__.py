"""Places: an offline gazetteer, toponyms resolved, events located."""
