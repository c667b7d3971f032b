"""Helpers for the November 1962 teaching kit.

One module per job (see README.md):

- ``helpers.vocab``  the fixed vocabularies (sides, channels, document types, ...), defined once
- ``helpers.data``   find data/, load and validate the CSV files into typed DataFrames
- ``helpers.frus``   fetch the official FRUS TEI volumes and read them into the same document table

Notebooks call these functions; they never read a CSV by path.
"""

__all__ = ["vocab", "data"]
