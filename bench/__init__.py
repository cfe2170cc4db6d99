"""Benchmarks: each script prints its figures beside a peer measured in the same run."""
