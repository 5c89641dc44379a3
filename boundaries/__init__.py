"""The fictional demo city Musterstadt, shipped as package data (``sozialraum.boundaries``).

Nothing to import here: read it with :func:`sozialraum.datasets.musterstadt`.
See README.md in this folder for every file and column.
"""
