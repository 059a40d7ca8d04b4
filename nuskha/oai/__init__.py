"""OAI-PMH 2.0 at /oai: this instance's own records for partners' harvesters, with
deleted records kept as tombstones; and the harvest sources of the union catalogue."""
