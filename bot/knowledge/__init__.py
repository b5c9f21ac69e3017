"""The knowledge base: its model, loading and checks, localities, plans, curated cards and
the national procedure records."""
