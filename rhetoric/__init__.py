"""Rhetorical, framing and stylometric analysis of political and news texts."""
