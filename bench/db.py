"""Create (or re-create) a PostgreSQL database for the benchmark.

python -m bench.db NAME [TEMPLATE]
"""

import os
import sys

import psycopg
from psycopg import sql

SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")


def recreate(name: str, template: str | None = None) -> None:
    with psycopg.connect(SERVER, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)
            )
        )
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        connection.execute(statement)


if __name__ == "__main__":
    recreate(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
