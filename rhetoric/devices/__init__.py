"""Rhetorical device detectors, one module per family, and their registry."""
