"""Reusable widgets for Facilitator's screens."""
