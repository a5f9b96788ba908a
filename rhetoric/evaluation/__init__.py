"""Evaluation built into the package: gold device items, PTC spans, chiasmus rankings."""
