"""Figures and HTML views: highlighted text, seaborn-style plots, paper export."""
