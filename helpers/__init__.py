"""Helpers for the November 1962 teaching kit.

One module per job (see README.md):

- ``helpers.vocab``  the fixed vocabularies (sides, channels, document types, ...), defined once
- ``helpers.data``   find data/, load and validate the CSV files into typed DataFrames
- ``helpers.filters`` select documents (pure functions)
- ``helpers.lists``  the "offensive weapons" list as data: matrix, diff, status on a day, chart
- ``helpers.plots``  the colour-blind-safe palette and the drawing functions
- ``helpers.tracker`` the list tracker widget (a date slider over ``helpers.lists.status_on``)
- ``helpers.frus``   fetch the official FRUS TEI volumes and read them into the same document table

Notebooks call these functions; they never read a CSV by path.
"""

__all__ = ["vocab", "data"]
