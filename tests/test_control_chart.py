"""The discipline chart's legend: no entry runs into the next, long words wrap to a second
row inside the chart."""

from django.utils import translation

from control.reports import BAR_WIDTH, LABEL_WIDTH, chart


def _report():
    row = {"name": "Все", "total": 4, "done_on_time": 1, "done_late": 1, "overdue": 1, "open": 1}
    return {"total": row, "organizations": [row], "people": [row]}


def test_the_legend_entries_do_not_overlap_and_stay_inside():
    with translation.override("ru"):
        drawn = chart(_report())
    legend = drawn["legend"]
    assert [e["label"] for e in legend][1] == "Выполнено с опозданием"
    for entry, following in zip(legend, legend[1:], strict=False):
        if following["y"] == entry["y"]:
            assert following["x"] >= entry["x"] + 16 + 7 * len(str(entry["label"]))
    assert all(e["x"] + 16 + 7 * len(str(e["label"])) <= LABEL_WIDTH + BAR_WIDTH for e in legend)
    assert drawn["height"] >= max(e["y"] for e in legend) + 12
