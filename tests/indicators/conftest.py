"""Fixtures shared by the test modules of this folder."""

from __future__ import annotations

import pytest

import sozialraum as sr


@pytest.fixture(scope="session")
def demo_counts():
    return sr.datasets.musterstadt(stichtag="31.12.2024")

