"""Read side of the dashboard: warehouse access, filters, queries, charts, exports (never imports pipelines)."""
