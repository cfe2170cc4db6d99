"""Reads of the petitions app, one module per area."""
