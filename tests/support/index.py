"""A small indicator frame shared by the tests in tests/index/."""

from __future__ import annotations

import numpy as np
import pandas as pd

X = np.array([2.0, 4.0, 4.0, 10.0])


def frame(**cols):
    n = len(next(iter(cols.values())))
    return pd.DataFrame(cols, index=pd.Index([f"{i + 1:04d}" for i in range(n)], name="SR_NR"))

