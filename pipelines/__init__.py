"""Write path: executive summaries (PDF, Word, text) into the DuckDB warehouse of technical-assistance needs."""
