"""Facilitator: plan, run and write up co-production sessions from the keyboard."""

__version__ = "0.1.0"
