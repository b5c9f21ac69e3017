"""The periodic outreach report: figures, tables, narrative, .docx/.xlsx/.md/charts."""
