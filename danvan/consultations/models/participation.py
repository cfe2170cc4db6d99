"""Consultations: participation models."""

__all__: list[str] = []
