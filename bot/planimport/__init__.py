"""Importing a commune's outreach plan (.docx, .pdf, .txt) into a plan entry."""
