"""The warehouse a load builds is exactly the contract in pipelines/schema.sql, every column documented."""

from __future__ import annotations

import re

import duckdb

from pipelines.warehouse import SCHEMA_FILE, create_schema


def contract_columns() -> dict[str, list[str]]:
    tables: dict[str, list[str]] = {}
    for name, body in re.findall(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", SCHEMA_FILE.read_text(), re.S):
        tables[name] = [line.split()[0] for line in body.strip().splitlines() if line.strip()]
    return tables


def built_columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for table, column in con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal "
        "ORDER BY table_name, column_index"
    ).fetchall():
        result.setdefault(table, []).append(column)
    return result


def test_every_column_of_the_contract_has_a_comment():
    with duckdb.connect() as con:
        create_schema(con)
        undocumented = con.execute(
            "SELECT table_name || '.' || column_name FROM duckdb_columns() "
            "WHERE schema_name = 'main' AND NOT internal AND (comment IS NULL OR length(comment) < 5)"
        ).fetchall()
        tables_without = con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT internal AND comment IS NULL"
        ).fetchall()
    assert undocumented == [] and tables_without == []


def test_sample_warehouse_matches_the_contract(sample_warehouse):
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        assert built_columns(con) == contract_columns()
        types = dict(con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'needs'").fetchall())
    assert types["chapter"] == "INTEGER"
    assert types["articles"] == "INTEGER[]"
    assert types["types"] == "VARCHAR[]"


def test_a_warehouse_built_before_a_new_column_gains_it_with_its_comment(tmp_path):
    path = tmp_path / "old.duckdb"
    contract = SCHEMA_FILE.read_text()
    old_contract = "\n".join(
        # The needs table as it was before flags and the columns after it (corrected) joined the contract.
        line for line in re.sub(r",\n    flags +VARCHAR\[\](,\n    corrected +VARCHAR\[\])?\n\);", "\n);", contract,
                                count=1).splitlines()
        if not line.startswith(("COMMENT ON COLUMN needs.flags", "COMMENT ON COLUMN needs.corrected"))
    )
    assert old_contract != contract
    with duckdb.connect(str(path)) as con:
        con.execute(old_contract)
        assert "flags" not in built_columns(con)["needs"]
        create_schema(con)
        assert built_columns(con) == contract_columns()
        comment = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'needs' AND column_name = 'flags'").fetchone()[0]
    assert comment and "Doubt signals" in comment
