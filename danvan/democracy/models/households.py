"""Households: the register of households per village (filled by the households area)."""

__all__: list[str] = []
