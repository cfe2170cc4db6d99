"""Opinion map engine (the Polis method), pure numpy/scikit-learn: no Django models."""
