"""Consultations: campaigns models."""

__all__: list[str] = []
