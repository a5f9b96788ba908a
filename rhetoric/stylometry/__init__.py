"""Stylometry as scikit-learn estimators."""
