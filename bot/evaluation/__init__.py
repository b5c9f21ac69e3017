"""Measuring answers on labelled question and conversation sets."""
