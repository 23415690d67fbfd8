"""Errors the store raises for bad input: each carries a message fit for a user."""


class StoreError(Exception):
    """A problem the user can fix (bad database file, bad query, bad argument)."""


class QueryError(StoreError):
    """A search query that cannot be understood; the message names the problem."""
