"""The execution report of a plan: the page with its chart and the .docx."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from common.downloads import attachment, file_name
from documents.api import DOCX_TYPE

from . import selectors
from .rendering import report_docx
from .views import visible_plan


class ReportView(LoginRequiredMixin, TemplateView):
    template_name = "plans/report.html"

    def get_context_data(self, pk, **kwargs):
        report = selectors.execution_report(visible_plan(self.request, pk))
        return super().get_context_data(report=report, chart=_chart(report), **kwargs)


def report_download(request, pk):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    plan = visible_plan(request, pk)
    data = report_docx(selectors.execution_report(plan), compiler=request.user)
    name = file_name(_("Plan execution report"), plan.title, extension="docx")
    return attachment(data, name, DOCX_TYPE)


CHART_COLOURS = {
    "done_on_time": "#2e7d32",
    "done_late": "#f9a825",
    "overdue": "#c62828",
    "open": "#90a4ae",
}


LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT = 210, 540, 28


def _chart(report) -> dict:
    """Stacked bars of items by state: the whole plan, then each responsible person; pixel
    coordinates for the template's SVG (no script needed)."""
    labels = {
        "done_on_time": _("Done on time"),
        "done_late": _("Done late"),
        "overdue": _("Overdue"),
        "open": _("Open"),
    }
    rows = [(_("The whole plan"), report["counts"], report["total"])]
    rows += [(e["person"].initials_name, e, e["total"]) for e in report["people"]]
    bars = []
    for index, (label, counts, total) in enumerate(rows):
        x, segments = float(LABEL_WIDTH), []
        for state in selectors.STATES:
            width = BAR_WIDTH * counts[state] / total if total else 0
            if width:
                segments.append(
                    {
                        "x": int(x),
                        "width": max(int(round(width)), 1),
                        "colour": CHART_COLOURS[state],
                        "count": counts[state],
                        "label": labels[state],
                    }
                )
            x += width
        bars.append({"label": label, "y": index * ROW_HEIGHT, "segments": segments})
    legend_y = len(rows) * ROW_HEIGHT + 6
    legend = [
        {"x": LABEL_WIDTH + 140 * i, "colour": CHART_COLOURS[state], "label": labels[state]}
        for i, state in enumerate(selectors.STATES)
    ]
    return {"bars": bars, "legend": legend, "legend_y": legend_y, "height": legend_y + 20}

