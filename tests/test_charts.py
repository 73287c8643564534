"""Static SVG bar charts for the statistics pages (site/charts.py)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from jemput.site.charts import Bar, bar_chart

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = [
    Bar("Jan 2026", 40, "40"), Bar("Feb 2026", 20, "20"), Bar("Mar 2026", 0, "0"), Bar("Apr 2026", 1234, "1.234"),
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def bars_of(root: ET.Element) -> list[ET.Element]:
    return [rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == "bar"]


def texts_of(root: ET.Element) -> list[str]:
    return [text.text for text in root.iter(f"{SVG}text")]


def test_an_accessible_image_named_by_its_title_and_description():
    svg = bar_chart("serang-visits", "Kunjungan per bulan", "Jumlah kunjungan, Jan–Apr 2026", MONTHS)
    assert isinstance(svg, Markup)
    assert not svg.startswith("<?xml")
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox") and root.get("width") is None
    title, desc = list(root)[:2]
    assert (title.tag, title.get("id"), title.text) == (f"{SVG}title", "serang-visits-title", "Kunjungan per bulan")
    assert (desc.tag, desc.get("id")) == (f"{SVG}desc", "serang-visits-desc")
    assert desc.text == "Jumlah kunjungan, Jan–Apr 2026"
    ids = {element.get("id") for element in root.iter() if element.get("id")}
    assert ids == set(root.get("aria-labelledby").split())
    # The figures are in the table beside the chart: screen readers skip the marks.
    marks = list(root)[2]
    assert marks.get("aria-hidden") == "true"
    assert set(bars_of(root)) <= set(marks.iter())
    assert "<script" not in svg and "xlink" not in svg


def test_one_bar_per_figure_in_order_and_in_proportion():
    bars = [Bar("a", 50, "50"), Bar("b", 100, "100"), Bar("c", 25, "25"), Bar("d", 0, "0")]
    root = parse(bar_chart("c1", "t", "d", bars))
    rects = bars_of(root)
    assert len(rects) == 4
    heights = [float(rect.get("height")) for rect in rects]
    assert [float(rect.get("x")) for rect in rects] == sorted(float(rect.get("x")) for rect in rects)
    assert heights[1] == max(heights) > 0
    assert heights[0] == pytest.approx(heights[1] / 2, abs=0.1)
    assert heights[2] == pytest.approx(heights[1] / 4, abs=0.1)
    assert heights[3] == 0
    # Every bar stands on the same baseline.
    assert len({round(float(r.get("y")) + float(r.get("height")), 1) for r in rects}) == 1
    assert texts_of(root) == ["50", "a", "100", "b", "25", "c", "0", "d"]


def test_all_zero_draws_empty_bars():
    root = parse(bar_chart("zero", "t", "d", [Bar("a", 0, "0"), Bar("b", 0, "0")]))
    assert [float(rect.get("height")) for rect in bars_of(root)] == [0, 0]


def test_many_bars_turn_their_labels():
    bars = [Bar(f"Bulan {i}", i, str(i)) for i in range(12)]
    root = parse(bar_chart("year", "t", "d", bars))
    assert len(bars_of(root)) == 12
    labels = [text for text in root.iter(f"{SVG}text") if text.text.startswith("Bulan")]
    assert len(labels) == 12 and all("rotate(-45" in label.get("transform") for label in labels)
    assert "transform" not in bar_chart("few", "t", "d", MONTHS)


def test_hostile_text_is_escaped_and_round_trips():
    hostile = '<script>alert("x")</script>&\'\x01'
    svg = bar_chart("x", hostile, hostile, [Bar(hostile, 1, hostile)], horizontal=True)
    assert "<script" not in svg
    root = parse(svg)
    clean = hostile.replace("\x01", "")
    assert root.find(f"{SVG}title").text == clean
    assert root.find(f"{SVG}desc").text == clean
    assert clean in texts_of(root)


def test_same_figures_same_bytes():
    assert bar_chart("a", "t", "d", MONTHS) == bar_chart("a", "t", "d", list(MONTHS))
    assert bar_chart("a", "t", "d", MONTHS) != bar_chart("a", "t", "d", MONTHS[::-1])
    assert "00000" not in bar_chart("a", "t", "d", [Bar("x", 1, "1"), Bar("y", 3, "3"), Bar("z", 7, "7")])


def test_horizontal_bars_with_labels_at_the_left():
    provinces = [
        Bar("Banten", 300, "300"), Bar("Kepulauan Bangka Belitung dan sekitarnya", 150, "150"), Bar("Bali", 0, "0"),
    ]
    root = parse(bar_chart("provinces", "Per provinsi", "d", provinces, horizontal=True))
    rects = bars_of(root)
    assert len(rects) == 3
    widths = [float(rect.get("width")) for rect in rects]
    assert widths[1] == pytest.approx(widths[0] / 2, abs=0.1) and widths[2] == 0
    assert [float(rect.get("y")) for rect in rects] == sorted(float(rect.get("y")) for rect in rects)
    texts = texts_of(root)
    assert "Banten" in texts and "Bali" in texts
    cut = [text for text in texts if text.startswith("Kepulauan")]
    assert cut == ["Kepulauan Bangka Belitu…"] and len(cut[0]) == 24
    # Labels end left of the bars.
    label = next(t for t in root.iter(f"{SVG}text") if t.text == "Banten")
    assert label.get("text-anchor") == "end" and float(label.get("x")) < float(rects[0].get("x"))


@pytest.mark.parametrize("chart_id", ["", "Serang", "a b", 'x" onload="y', "a_b"])
def test_bad_chart_id(chart_id):
    with pytest.raises(ValueError):
        bar_chart(chart_id, "t", "d", MONTHS)


def test_no_bars_or_negative_values():
    with pytest.raises(ValueError):
        bar_chart("a", "t", "d", [])
    with pytest.raises(ValueError):
        bar_chart("a", "t", "d", [Bar("a", -1, "-1")])
