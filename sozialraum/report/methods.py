"""Private: the methods text (methodik.md / methods.md) and the findings in plain words.

Every sentence states only what the results support: clusters are reported
from the corrected cluster codes of the local statistics; if nothing is
significant after correction the text says exactly that; untestable areas
and areas without neighbours are named.
"""

from __future__ import annotations

import re

from sozialraum._text import format_number, format_plain, text
from sozialraum._util.dates import format_stichtag
from sozialraum._util.version import __version__
from sozialraum.index.need import NEED_TEXT
from sozialraum.index.normalise import REFERENCE_TEXTS
from sozialraum.io.report import load_report
from sozialraum.report.monitoring_write import methods_lines

LOCAL_CODES = ("HH", "LL", "HL", "LH")

_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_BACKSLASH = frozenset("\\`*[]|~")


def md(value: object) -> str:
    """A user string (a name, label, code, source text) as Markdown that shows it literally.

    ``& < >`` become entities (no renderer sees HTML), ``\\ ` * [ ] | ~`` get a backslash
    (no link, image, code span, emphasis or table cell can start), an ``_`` that is not
    between two letters or digits too (``SGB2_QUOTE`` stays as it is), and line breaks
    become spaces (no new block can start).

    >>> md("<img src=x> & [a](javascript:x) | _b_ SGB2_QUOTE")
    '&lt;img src=x&gt; &amp; \\\\[a\\\\](javascript:x) \\\\| \\\\_b\\\\_ SGB2_QUOTE'
    """
    s = re.sub(r"[\r\n]+", " ", str(value))
    out = []
    for i, ch in enumerate(s):
        if ch in _MD_ENTITIES:
            out.append(_MD_ENTITIES[ch])
        elif ch in _MD_BACKSLASH or (
            ch == "_" and not (0 < i < len(s) - 1 and s[i - 1].isalnum() and s[i + 1].isalnum())
        ):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _plain(value: object) -> str:
    return str(value)
GSTAR_HOT = ("hot99", "hot95", "hot90")
GSTAR_COLD = ("cold99", "cold95", "cold90")

# German singular of the usual area-level labels, for "1 Sozialraum bildet ..."
_SINGULAR = {
    "Sozialräume": "Sozialraum",
    "Stadtteile": "Stadtteil",
    "Stadtbezirke": "Stadtbezirk",
    "Bezirke": "Bezirk",
    "Ortsteile": "Ortsteil",
    "Planungsräume": "Planungsraum",
    "Quartiere": "Quartier",
    "Gebiete": "Gebiet",
    "Wohnbezirke": "Wohnbezirk",
    "Statistische Bezirke": "Statistischer Bezirk",
}


def _count(n: int, unit: str, lang: str, q=_plain) -> dict[str, str]:
    """Number agreement for the findings: '1 Sozialraum bildet' / '3 Sozialräume bilden'."""
    if lang == "en":
        noun = "area" if n == 1 else "areas"
        one = n == 1
        return {
            "count": f"{n} {noun} ({q(unit)})",
            "bilden": "forms" if one else "form",
            "liegen": "is" if one else "are",
            "sind": "is" if one else "are",
        }
    if n == 1:
        return {
            "count": f"1 {_SINGULAR.get(unit, 'Gebiet')}",
            "bilden": "bildet",
            "liegen": "liegt",
            "sind": "ist",
        }
    return {"count": f"{n} {q(unit)}", "bilden": "bilden", "liegen": "liegen", "sind": "sind"}


def _names(frame, keys, limit: int = 8, lang: str = "de", q=_plain) -> str:
    """'Name (0101), Name (0102) …' for `keys` (each text through `q`)."""
    items = []
    for k in keys:
        name = frame.at[k, "name"] if "name" in frame.columns else None
        items.append(f"{q(name)} ({q(k)})" if isinstance(name, str) and name else q(k))
    if len(items) > limit:
        rest = len(items) - limit
        items = items[:limit] + [text("methods.and_more", lang, n=rest)]
    return ", ".join(items)


def _num(value, decimals, lang) -> str:
    return format_number(float(value), decimals, lang)


def _alpha(alpha: float, lang: str) -> str:
    return format_plain(alpha, lang)


def _correction(correction: str, lang: str) -> str:
    return text(f"stats.correction.{correction}", lang)


def _direction_word(cfg, lang: str, q=_plain) -> str:
    """'hoher Benachteiligung' only when high values of the tested variable mean deprivation."""
    var = cfg.hotspots.variable
    if var == "index":
        high_bad = not getattr(cfg.index, "higher_is_better", False)
        label = getattr(cfg.index, "name", "Index")
    else:
        ind = next(i for i in cfg.indicators if i.code == var)
        high_bad = ind.direction == 1
        label = ind.label_en if lang == "en" and ind.label_en else ind.label
    return text(
        "methods.high_deprivation" if high_bad else "methods.high_values", lang, label=q(label)
    )


def findings(cfg, results, lang: str = "de", quote=_plain) -> list[str]:
    """The main findings as short sentences (no claim beyond the statistics).

    Every text from the data or the config (names, keys, labels) goes through `quote`:
    plain text by default, :func:`md` for the Markdown document.
    """
    q = quote
    levels = list(results.levels.values())
    base = levels[0]
    frame = base.frame
    n = len(frame)
    raw_unit = cfg.inputs.level_label
    unit = q(raw_unit)
    out: list[str] = []
    idx = base.index
    if idx is not None:
        tab = idx.to_frame(lang=lang, details=False)
        included = tab["score"].notna()
        excluded = list(tab.index[~included])
        sentence = text("methods.f.index_n", lang, n_in=int(included.sum()), n=n, unit=unit)
        if excluded:
            groups: dict[str, list] = {}
            for k in excluded:
                groups.setdefault(_index_reason(frame, k, lang), []).append(k)
            parts = [
                f"{_names(frame, keys, lang=lang, q=q)} ({q(why)})" for why, keys in groups.items()
            ]
            sentence += " " + text(
                "methods.f.index_excluded", lang, n=len(excluded), areas="; ".join(parts)
            )
        out.append(sentence)
        reweighted = getattr(idx, "reweighted", None)
        if reweighted is not None and len(reweighted):
            out.append(
                text(
                    "methods.f.reweighted",
                    lang,
                    n=len(reweighted),
                    areas=_names(frame, list(reweighted.index), lang=lang, q=q),
                )
            )
        labels = list(idx.classes(lang).cat.categories)
        if labels:
            worst = labels[-1]
            keys = [k for k in tab.index if tab.at[k, "class"] == worst]
            keys.sort(key=lambda k: tab.at[k, "rank"])
            if keys:
                out.append(
                    text(
                        "methods.f.worst_class",
                        lang,
                        **_count(len(keys), raw_unit, lang, q),
                        cls=q(worst),
                        areas=_names(frame, keys, lang=lang, q=q),
                    )
                )
            else:
                out.append(text("methods.f.worst_class_empty", lang, cls=q(worst), unit=unit))
    for res in getattr(base, "extra_indices", {}).values():
        tab = res.to_frame(lang=lang, details=False)
        labels = list(res.classes(lang).cat.categories)
        if labels:
            keys = sorted(
                (k for k in tab.index if tab.at[k, "class"] == labels[-1]),
                key=lambda k: tab.at[k, "rank"],
            )
            if keys:
                out.append(
                    text(
                        "methods.f.extra_worst",
                        lang,
                        index=q(res.spec.name),
                        **_count(len(keys), raw_unit, lang, q),
                        cls=q(labels[-1]),
                        areas=_names(frame, keys, lang=lang, q=q),
                    )
                )
    inf = cfg.hotspots.inference
    corr = _correction(inf.correction, lang)
    alpha = _alpha(inf.alpha, lang)
    lm = base.local_moran
    if lm is not None:
        codes = lm.cluster
        hh = [k for k in codes.index if codes[k] == "HH"]
        ll = [k for k in codes.index if codes[k] == "LL"]
        out_l = [k for k in codes.index if codes[k] in ("HL", "LH")]
        if hh:
            out.append(
                text(
                    "methods.f.hh",
                    lang,
                    **_count(len(hh), raw_unit, lang, q),
                    what=_direction_word(cfg, lang, q),
                    corr=corr,
                    alpha=alpha,
                    areas=_names(frame, hh, lang=lang, q=q),
                )
            )
        if ll:
            out.append(
                text(
                    "methods.f.ll",
                    lang,
                    **_count(len(ll), raw_unit, lang, q),
                    corr=corr,
                    alpha=alpha,
                    areas=_names(frame, ll, lang=lang, q=q),
                )
            )
        if out_l:
            out.append(
                text(
                    "methods.f.outliers",
                    lang,
                    **_count(len(out_l), raw_unit, lang, q),
                    areas=_names(frame, out_l, lang=lang, q=q),
                )
            )
        if not (hh or ll or out_l):
            out.append(text("methods.f.lisa_none", lang, corr=corr, alpha=alpha, unit=unit))
        untestable = [k for k in codes.index if codes[k] == "untestable"]
        if untestable:
            out.append(
                text(
                    "methods.f.untestable",
                    lang,
                    **_count(len(untestable), raw_unit, lang, q),
                    areas=_names(frame, untestable, lang=lang, q=q),
                )
            )
        islands = [k for k in codes.index if codes[k] == "island"]
        if islands:
            areas = _names(frame, islands, lang=lang, q=q)
            out.append(text("methods.f.islands", lang, areas=areas))
    gs = base.local_gstar
    if gs is not None:
        # the cluster codes are the decision at alpha; a bin without one is "weaker"
        codes, bins = gs.cluster, gs.bin
        hot = [k for k in codes.index if codes[k] in GSTAR_HOT]
        cold = [k for k in codes.index if codes[k] in GSTAR_COLD]
        weaker = [k for k in codes.index if codes[k] == "ns" and bins[k] != 0]
        if hot or cold:
            out.append(
                text(
                    "methods.f.gstar",
                    lang,
                    n_hot=len(hot),
                    n_cold=len(cold),
                    unit=unit,
                    hot=_names(frame, hot, lang=lang, q=q) or "–",
                    cold=_names(frame, cold, lang=lang, q=q) or "–",
                    corr=corr,
                    alpha=alpha,
                )
            )
        else:
            out.append(text("methods.f.gstar_none", lang, corr=corr, alpha=alpha, unit=unit))
        if weaker:
            out.append(
                text(
                    "methods.f.gstar_weaker",
                    lang,
                    alpha=alpha,
                    areas=_names(frame, weaker, lang=lang, q=q),
                )
            )
    gm = base.global_moran
    if gm is not None:
        key = "methods.f.moran_sig" if gm.p_value < inf.alpha else "methods.f.moran_ns"
        out.append(
            text(key, lang, i=_num(gm.statistic, 2, lang), p=_num(gm.p_value, 4, lang), alpha=alpha)
        )
    return out


def note_text(note, lang: str) -> str:
    """A recorded warning in `lang`: known kinds get our own sentence, others verbatim."""
    kind, n, message = note
    if kind == "SmallSampleWarning" and n:
        return text("methods.note.small_sample", lang, n=n)
    return message


def _index_reason(frame, key, lang) -> str:
    if "index_hinweis" in frame.columns and isinstance(frame.at[key, "index_hinweis"], str):
        return frame.at[key, "index_hinweis"]
    return text("reason.not_delivered", lang)


def _effects(cfg, ind, lang) -> str:
    """What each index of the run does with the indicator's value, in neutral words.

    The sign is the indicator's direction in that index times the index's published
    orientation (an index where higher is better, such as the NRW points, is negated)."""
    specs = [(cfg.index, "")] + [(spec, name) for name, spec, _ in cfg.extra_indices]
    parts = []
    for spec, _ in specs:
        if spec is None:
            continue
        entry = next((i for i in spec.indicators if i.column == ind.code), None)
        if entry is None:
            continue
        sign = entry.direction * (-1 if getattr(spec, "higher_is_better", False) else 1)
        key = "methods.dir_pos" if sign > 0 else "methods.dir_neg"
        label = md(spec.name or text("report.index", lang))
        parts.append(f"{label}: {text(key, lang)}")
    return "; ".join(parts) if parts else text("methods.dir_none", lang)


def _indicator_rows(cfg, lang) -> list[str]:
    rows = [text("methods.ind_head", lang), "|---|---|---|---|---|"]
    for ind in cfg.indicators:
        label = ind.label_en if lang == "en" and ind.label_en else ind.label
        # what each index does with the value, in neutral words (never a group as a deficit)
        effect = _effects(cfg, ind, lang)
        rows.append(
            f"| {md(ind.code)} | {md(label)} | {md(ind.formula(lang))} ({md(ind.unit)}) | "
            f"{md(ind.theme)} | {effect} |"
        )
    return rows


def _inference_sentence(base, inference, lang) -> str:
    """How the local p-values were obtained, as they were: exact enumeration where the
    neighbourhoods allow it, random permutations (and then the seed) only where not."""
    result = base.local_moran if base.local_moran is not None else base.local_gstar
    counts = {}
    if result is not None:
        counts = result.to_frame()["inference"].value_counts().to_dict()
    exact, sampled = int(counts.get("exact", 0)), int(counts.get("permutation", 0))
    values = dict(exact=format_number(exact, 0, lang), sampled=format_number(sampled, 0, lang),
                  permutations=format_number(inference.permutations, 0, lang),
                  seed=inference.seed)
    if sampled and exact:
        return text("methods.inference_mixed", lang, **values)
    if sampled:
        return text("methods.inference_sampled", lang, **values)
    return text("methods.inference_exact", lang, **values)


def _rates_paragraph(cfg, lang) -> str:
    """How the rates were made: from counts, delivered with or without a denominator."""
    counted = [md(i.code) for i in cfg.indicators if not i.is_rate]
    with_den = [md(i.code) for i in cfg.indicators if i.is_rate and i.denominator_columns]
    without = [md(i.code) for i in cfg.indicators if i.is_rate and not i.denominator_columns]
    parts = []
    if counted:
        parts.append(text("methods.rates", lang, codes=", ".join(counted)))
    if with_den:
        parts.append(text("methods.rates_delivered_den", lang, codes=", ".join(with_den)))
    if without:
        pop = cfg.inputs.population
        key = "methods.rates_delivered_pop" if pop else "methods.rates_delivered_none"
        parts.append(text(key, lang, codes=", ".join(without), population=md(pop)))
    parts.append(text("methods.rounding", lang))
    return " ".join(parts)


def _index_paragraph(cfg, results, lang, spec=None, source=None) -> list[str]:
    spec = cfg.index if spec is None else spec
    source = cfg.index_source if source is None else source
    if spec is None:
        return [text("methods.no_index", lang)]
    if source.get("from"):  # an overall index from earlier indices: say that, not "indicators"
        return [" ".join(_combined_parts(cfg, spec, source, lang))]
    cols = ", ".join(md(i.column) for i in spec.indicators)
    parts = [
        text(
            "methods.index",
            lang,
            name=md(spec.name),
            cols=cols,
            norm=text(f"methods.norm.{spec.normalisation}", lang),
            weights=text(f"methods.weighting.{spec.weighting}", lang),
            agg=text(f"methods.aggregation.{spec.aggregation}", lang),
        )
    ]
    if getattr(spec, "combine_themes", False):
        themes = {}
        for ind in spec.indicators:
            themes.setdefault(ind.theme or ind.column, []).append(ind.column)
        listed = "; ".join(f"{md(t)}: {', '.join(map(md, c))}" for t, c in themes.items())
        sub = getattr(spec, "subindex_normalisation", None)
        if sub and sub not in ("zscore", "zscore_sample"):  # e.g. the GISD's min-max
            parts.append(text("methods.themes_norm", lang, themes=listed,
                              norm=text(f"methods.norm.{sub}", lang)))
        else:
            parts.append(text("methods.themes", lang, themes=listed))
    if getattr(spec, "score_normalisation", None):
        parts.append(
            text(
                "methods.score_norm",
                lang,
                norm=text(f"methods.norm.{spec.score_normalisation}", lang),
            )
        )
    min_pop = spec.effective_min_population if hasattr(spec, "effective_min_population") else None
    if min_pop:
        parts.append(text("methods.min_pop", lang, n=min_pop, unit=md(cfg.inputs.level_label)))
    same = constant_columns(spec, results)
    if same:
        parts.append(text("methods.constant_indicator", lang, columns=", ".join(map(md, same))))
    sch = spec.classes
    if sch is not None:
        labels = "; ".join(
            f"„{md(lab)}“" if lang == "de" else f"“{md(lab)}”" for lab in sch.class_labels(lang)
        )
        if sch.method in ("sd", "fixed"):
            cuts = ", ".join(_num(c, 2, lang) for c in sch.cuts)
            parts.append(text(f"methods.classes.{sch.method}", lang, cuts=cuts, labels=labels))
        else:
            parts.append(
                text(
                    "methods.classes.other", lang, method=md(sch.method), k=sch.n_classes,
                    labels=labels,
                )
            )
    parts.append(text("methods.rank", lang))
    column = getattr(cfg.inputs, "municipality", None)
    if column and column in results.inputs.joined.columns:
        n = int(results.inputs.joined[column].nunique())
        parts.append(text(REFERENCE_TEXTS[cfg.index_reference], lang, n=n))
        if cfg.inputs.levels:
            parts.append(text("methods.reference_levels", lang))
    if spec.source:
        parts.append(text("methods.source", lang, source=md(spec.source.rstrip(". "))))
    if getattr(spec, "higher_is_better", False):
        parts.append(text("methods.higher_is_better", lang))
    if source.get("preset"):
        parts.append(text("methods.preset", lang, preset=md(source["preset"])))
    return [" ".join(parts)]


def constant_columns(spec, results) -> list[str]:
    """Indicators of `spec` with one value in every area of the base level that has one.

    Such an indicator tells the areas nothing apart: z-scores and min-max give it 0
    (:func:`~sozialraum.index.normalise.normalise`), and its map says "keine Unterschiede".
    """
    levels = getattr(results, "levels", None)
    if not levels:
        return []
    rates = next(iter(levels.values())).rates
    return [i.column for i in spec.indicators
            if i.column in rates.columns and rates[i.column].dropna().nunique() == 1]


def _combined_parts(cfg, spec, source, lang) -> list[str]:
    names = ", ".join(f"„{md(_index_name(cfg, n))}“" if lang == "de"
                      else f"“{md(_index_name(cfg, n))}”" for n in source["from"])
    parts = [text("methods.from_indices", lang, name=md(spec.name), names=names)]
    sch = spec.classes
    labels = "; ".join(
        f"„{md(lab)}“" if lang == "de" else f"“{md(lab)}”" for lab in sch.class_labels(lang))
    cuts = ", ".join(_num(c, 2, lang) for c in sch.cuts)
    parts.append(text("methods.classes.sd", lang, cuts=cuts, labels=labels))
    parts.append(text("methods.rank", lang))
    return parts


def _index_name(cfg, name: str) -> str:
    """The display name of an index of the run ("index" or an [[index.extra]] name)."""
    if name == "index":
        return cfg.index.name if cfg.index is not None else name
    return next((sp.name for n, sp, _ in cfg.extra_indices if n == name), name)


def _spec_named(cfg, name: str):
    if name == "index":
        return cfg.index
    return next(sp for n, sp, _ in cfg.extra_indices if n == name)


def need_paragraph(cfg, lang: str) -> list[str]:
    """The Handlungsbedarf rule in words and as a Markdown matrix."""
    status, dynamics, matrix = cfg.need
    s_labels = _spec_named(cfg, status).classes.class_labels(lang)
    d_labels = _spec_named(cfg, dynamics).classes.class_labels(lang)
    lines = [text("methods.need", lang, status=md(_index_name(cfg, status)),
                  dynamics=md(_index_name(cfg, dynamics))), ""]
    lines.append("| " + text("methods.need_corner", lang) + " | "
                 + " | ".join(md(d) for d in d_labels) + " |")
    lines.append("|---" * (len(d_labels) + 1) + "|")
    for label, row in zip(s_labels, matrix, strict=True):
        lines.append(f"| {md(label)} | " + " | ".join(text(NEED_TEXT[c], lang) for c in row)
                     + " |")
    return lines


def repair_sentence(report, lang: str) -> str:
    """The sentence on geometries repaired on load, with each one's area change; "" if none.

    `report` is the boundaries' :class:`~sozialraum.io.LoadReport` (or None).
    """
    areas = getattr(report, "repaired_area", ()) if report is not None else ()
    if not areas:
        return ""
    cases = []
    for key, before, after in areas:
        if before:  # a self-crossing ring can have area 0 as drawn: no percentage then
            change = (after - before) / before * 100
            pct = ("+" if round(change, 2) > 0 else "") + format_number(change, 2, lang)
        else:
            pct = "–"
        cases.append(text("methods.repaired_case", lang, key=md(key),
                          before=format_number(before, 0, lang),
                          after=format_number(after, 0, lang), change=pct))
    return text("methods.repaired", lang, n=len(areas), cases="; ".join(cases))


def methods_markdown(cfg, results, lang: str, found: list[str]) -> str:
    """The whole methods document in `lang` (Markdown).

    `found` are the findings made with ``quote=md`` (:func:`findings`); every other text
    from the data or the config goes through :func:`md` here.
    """

    inp = cfg.inputs
    base = next(iter(results.levels.values()))
    stichtag = format_stichtag(inp.stichtag)
    hs = cfg.hotspots
    lines = [f"# {text('methods.title', lang, stichtag=stichtag)}", ""]
    lines += [f"## {text('methods.h.data', lang)}", ""]
    lines.append(
        text(
            "methods.data",
            lang,
            n=len(base.frame),
            unit=md(inp.level_label),
            source=md(inp.source or "–"),
            stichtag=stichtag,
            geometry=md(inp.geometry_source or "–"),
            licence=md(inp.licence or "–"),
            geometry_licence=md(inp.geometry_licence or inp.licence or "–"),
            levels=", ".join(md(lv.label) for lv in results.levels.values()),
        )
    )
    report = load_report(results.inputs.boundaries)
    if report is not None and report.reprojected_from:
        lines += ["", text("methods.reprojected", lang, source=report.reprojected_from,
                           target=report.crs)]
    for file, parts in getattr(results.inputs, "left_out", ()):
        lines += ["", md(text("methods.left_out", lang, file=file, parts=parts.render(lang)))]
    repaired = repair_sentence(report, lang)
    if repaired:
        lines += ["", repaired]
    lines += ["", f"## {text('methods.h.indicators', lang)}", ""]
    lines += _indicator_rows(cfg, lang)
    lines += ["", _rates_paragraph(cfg, lang), ""]
    lines += [f"## {text('methods.h.index', lang)}", ""]
    lines += _index_paragraph(cfg, results, lang)
    for name, spec, source in cfg.extra_indices:
        lines += ["", text("methods.extra_index", lang, name=md(name))]
        lines += _index_paragraph(cfg, results, lang, spec, source)
        before = getattr(results, "previous_stichtag", None)
        if source.get("changes") and before is not None:
            lines += ["", text("methods.extra_changes", lang, name=md(spec.name),
                               base=format_stichtag(before), to=format_stichtag(
                                   cfg.inputs.stichtag))]
    if getattr(cfg, "need", None) is not None:
        lines += ["", f"## {text('methods.h.need', lang)}", ""]
        lines += need_paragraph(cfg, lang)
    lines += ["", f"## {text('methods.h.weights', lang)}", ""]
    lines.append(md(results.weights_text.get(lang, "")))
    lines += ["", f"## {text('methods.h.hotspots', lang)}", ""]
    stats = [text(f"methods.stat.{s}", lang) for s in hs.statistics]
    variable = text("report.index", lang) if hs.variable == "index" else md(hs.variable)
    lines.append(
        text(
            "methods.hotspots",
            lang,
            stats=" und ".join(stats) if lang == "de" else " and ".join(stats),
            variable=variable,
            inference=_inference_sentence(base, hs.inference, lang),
            alpha=_alpha(hs.inference.alpha, lang),
            corr=_correction(hs.inference.correction, lang),
        )
    )
    if results.excluded_hotspots:
        lines.append("")
        lines.append(
            text(
                "methods.hotspots_excluded",
                lang,
                areas=_names(base.frame, results.excluded_hotspots, lang=lang, q=md),
            )
        )
    lines += methods_lines(cfg, results, lang, md)  # [monitoring]: the time series
    lines += ["", f"## {text('methods.h.confidentiality', lang)}", ""]
    sup = results.suppression
    primary, secondary = getattr(sup, "n_primary", 0), getattr(sup, "n_secondary", 0)
    paragraph = cfg.policy.description(lang)
    if cfg.policy.enabled:  # with no rules applied there is nothing more to say
        counts = dict(primary=primary, secondary=secondary)
        key = "methods.suppression" if primary or secondary else "methods.suppression_none"
        paragraph += " " + text(key, lang, **counts)
    lines.append(paragraph)
    lines += ["", f"## {text('methods.h.findings', lang)}", ""]
    lines += [f"- {f}" for f in found]
    notes = [md(note_text(n, lang)) for n in results.notes]
    if notes:
        lines += ["", f"## {text('methods.h.notes', lang)}", ""]
        lines += [f"- {n}" for n in dict.fromkeys(notes)]
    lines += ["", f"## {text('methods.h.reproduce', lang)}", ""]
    lines.append(text("methods.reproduce", lang, version=__version__))
    lines.append("")
    return "\n".join(lines)
