"""Announcements: composing, who they reach, subscriptions and delivery at the platform's rate."""
