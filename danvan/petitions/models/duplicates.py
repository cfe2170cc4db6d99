"""duplicates models (see the module docstring of each class)."""
