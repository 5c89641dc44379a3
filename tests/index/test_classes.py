"""Tests of :mod:`sozialraum.index.classes`.

Class schemes by hand, and fixed cuts on the published score.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from support.index import X

from sozialraum.errors import ConfigError
from sozialraum.index import (
    ClassScheme,
    IndexSpec,
    composite_index,
)


def test_class_schemes():
    d = np.array([-2.0, -1.0, 0.0, 1.0, 1.5, 2.5, 0.2, -0.4])  # mean 0.225
    z = (d - d.mean()) / d.std()
    sd = ClassScheme("sd", (-1.0, 1.0))
    expected = [0 if v < -1 else (2 if v > 1 else 1) for v in z]
    assert sd.classify(d).tolist() == expected
    q = ClassScheme("quantiles", k=4)
    # ranks 1..8 (-2, -1, -.4, 0, .2, 1, 1.5, 2.5) -> 2 per class; level 3 = highest values
    assert q.classify(d).tolist() == [0, 0, 1, 2, 3, 3, 2, 1]
    assert q.class_labels()[3] == "Quartil 1 (am stärksten benachteiligt)"
    flag = ClassScheme("svi_flag")
    # percentiles (r-1)/7: only the maximum (2.5 -> 1.0) reaches 0.9
    assert flag.classify(d).tolist() == [0, 0, 0, 0, 0, 1, 0, 0]
    nb = ClassScheme("natural_breaks", k=3)
    clusters = np.array([1.0, 1.1, 1.2, 5.0, 5.1, 9.0, 9.2, 9.1])
    assert nb.classify(clusters).tolist() == [0, 0, 0, 1, 1, 2, 2, 2]
    fixed = ClassScheme("fixed", (0.0, 1.0))
    assert fixed.classify(np.array([-1.0, 0.0, 0.5, 1.0, 2.0])).tolist() == [0, 0, 1, 1, 2]
    with pytest.raises(ConfigError, match="ascending"):
        ClassScheme("sd", (1.0, -1.0))
    with pytest.raises(ConfigError, match="Did you mean 'quantiles'"):
        ClassScheme("quantile")


def test_fixed_cuts_refer_to_the_published_score():
    # one indicator, zscore: deprivation z = (-1, -1/3, -1/3, 5/3); score_scale 4 publishes
    # (-4, -1.33, -1.33, 6.67). A cut at 2.0 on the published score puts only the last area above.
    d = pd.DataFrame({"A": X}, index=list("abcd"))
    spec = IndexSpec(["A"], score_scale=4.0, classes=ClassScheme("fixed", (-2.0, 2.0)))
    res = composite_index(d, spec)
    frame = res.to_frame()
    assert frame["score"].round(2).tolist() == [-4.0, -1.33, -1.33, 6.67]
    assert res.class_level.tolist() == [0, 1, 1, 2]
    # higher_is_better publishes the negated score; the cuts still refer to what is published
    good = composite_index(d, IndexSpec(["A"], score_scale=4.0, higher_is_better=True,
                                        classes=ClassScheme("fixed", (-2.0, 2.0))))
    assert good.to_frame()["score"].round(2).tolist() == [4.0, 1.33, 1.33, -6.67]
    # published 4.0 is above 2.0 -> the least deprived class; -6.67 below -2.0 -> the most
    assert good.class_level.tolist() == [0, 1, 1, 2]

