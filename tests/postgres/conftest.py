"""Fixtures for the engine tests: the PostgreSQL test server when one is selected."""
import pytest


class Server:
    """Fresh, unbound databases on the test server, dropped after the test."""

    def __init__(self, pg):
        self.pg = pg
        self.made: list[str] = []

    def fresh_url(self) -> str:
        name = self.pg.create()
        self.made.append(name)
        return self.pg.url(name)


@pytest.fixture
def pg_server(request):
    """The PostgreSQL test server (tests/pgtest.py); skips the test on a SQLite-only run."""
    pg = request.getfixturevalue("_database_engine")
    if pg is None:
        pytest.skip("needs a PostgreSQL server: set TOWNDESK_TEST_DB_URL (see docs/postgresql.md)")
    server = Server(pg)
    yield server
    for name in server.made:
        pg.drop(name)
