"""Consultations (lấy ý kiến): drafts put out for comment, per-article votes and anchored
comments, the Polis-style opinion map, mass-campaign detection, and the synthesis report."""
