"""HTTP views of the petitions app, one module per area."""
