"""Consultations: drafts models."""

__all__: list[str] = []
