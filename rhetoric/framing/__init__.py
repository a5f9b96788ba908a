"""Framing: Policy Frames Codebook lexicons, frame profiles, stance."""
