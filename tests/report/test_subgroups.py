"""Subgroup XLSX (number formats, signs) and the population pyramid (German number format)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from sozialraum.errors import OutputExistsError  # noqa: E402
from sozialraum.indicators.subgroups import subgroup_table  # noqa: E402
from sozialraum.report.subgroups import population_pyramid, write_subgroup_xlsx  # noqa: E402

AGES = [("unter 18", "M_U18", "W_U18"), ("18 bis 64", "M_18_64", "W_18_64"),
        ("65 und älter", "M_65", "W_65")]
GROUPS = {
    "Alter und Geschlecht": {f"{lab} {sex}": col for lab, m, w in AGES
                             for sex, col in (("männlich", m), ("weiblich", w))},
}


def counts() -> pd.DataFrame:
    rows = {"0101": (1200, 1800, 500, 1100, 1900, 700),
            "0102": (300, 2, 250, 280, 900, 240),
            "0103": (150, 400, 100, 160, 420, 130)}
    cols = ["M_U18", "M_18_64", "M_65", "W_U18", "W_18_64", "W_65"]
    f = pd.DataFrame.from_dict(rows, orient="index", columns=cols)
    f.index.name = "SR_NR"
    f.insert(0, "EW", f.sum(axis=1))
    return f


@pytest.fixture
def table():
    return subgroup_table(counts(), GROUPS)


def test_xlsx_number_formats_and_signs(table, tmp_path):
    out = write_subgroup_xlsx(table, tmp_path / "untergruppen.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["SR_NR", "Stadt"]
    ws = wb["SR_NR"]
    assert [c.value for c in ws[1]] == ["Gebiet", "Gruppierung", "Gruppe", "Anzahl",
                                         "Anteil in %"]
    rows = {(r[0].value, r[2].value): r for r in ws.iter_rows(min_row=2) if r[2].value}
    total = rows[("0101", "insgesamt")]
    assert total[3].value == 7200 and total[3].number_format == "#,##0"
    male = rows[("0101", "18 bis 64 männlich")]
    assert male[4].value == pytest.approx(1800 / 7200 * 100)
    assert male[4].number_format == "0.0"
    assert total[0].number_format == "@" and isinstance(total[0].value, str)
    # 2 men aged 18-64 in 0102: suppressed with its sign, right-aligned, no number anywhere
    small = rows[("0102", "18 bis 64 männlich")]
    assert small[3].value == "x" and small[4].value == "x"
    assert small[3].alignment.horizontal == "right"
    values = [c.value for r in ws.iter_rows() for c in r]
    assert 2 not in values
    assert "Zeichenerklärung" in values
    with pytest.raises(OutputExistsError):
        write_subgroup_xlsx(table, out)


def test_pyramid_bars_signs_and_german_ticks(table):
    fig = population_pyramid(table, "0101", AGES)
    ax = fig.axes[0]
    bars = {p.get_gid(): p.get_width() for p in ax.patches}
    assert bars["bar:M_U18"] == -1200 and bars["bar:W_18_64"] == 1900
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert "1.000" in ticks and all("-" not in t and "−" not in t for t in ticks)
    assert [t.get_text() for t in ax.get_yticklabels()] == [a[0] for a in AGES]
    assert ax.get_title() == "Bevölkerung nach Alter und Geschlecht: 0101"
    plt.close(fig)
    fig = population_pyramid(table, "0102", AGES, lang="en")
    ax = fig.axes[0]
    gids = {p.get_gid() for p in ax.patches}
    assert "bar:M_18_64" not in gids  # the suppressed count has no bar ...
    signs = {t.get_gid(): t.get_text() for t in ax.texts if t.get_gid()}
    assert signs["sign:M_18_64"] == "x"  # ... but its sign
    plt.close(fig)
    fig = population_pyramid(table, "0101", AGES, lang="en")
    fig.canvas.draw()
    assert "1,000" in [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert fig.axes[0].get_title() == "Population by age and sex: 0101"
    plt.close(fig)
