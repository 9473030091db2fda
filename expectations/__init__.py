"""Great Expectations suites that gate every load into the warehouse (see README.md)."""
