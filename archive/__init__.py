"""Storage and publishing of newsarchive: the SQLite schema and writes, Datasette, the CLI."""
