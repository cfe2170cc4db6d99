"""Mass-campaign detection engine (near-duplicate grouping), pure Python/numpy: no Django models."""
