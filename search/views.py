"""Поиск: one query box, facets, highlighted hits with the matching clause, sorting, pages."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from viewflow.urls import Application

from documents.models import Document
from orgs.models import Organization

from .backends import get_backend
from .backends.base import FILTERS

PER_PAGE = 20
FACET_TITLES = {
    "kind": _("Kind"),
    "organization": _("Organisation"),
    "year": _("Year"),
    "status": _("Status"),
    "category": _("Category"),
}


class SearchView(LoginRequiredMixin, TemplateView):
    template_name = "search/search.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        query = params.get("q", "").strip()
        filters = {k: params[k] for k in FILTERS if params.get(k)}
        if "year" in filters and not filters["year"].isdigit():
            filters.pop("year")
        sort = "date" if params.get("sort") == "date" else "relevance"
        try:
            page = max(int(params.get("page", 1)), 1)
        except ValueError:
            page = 1
        results = get_backend().search(
            query, user=self.request.user, filters=filters, sort=sort, page=page, per_page=PER_PAGE
        )
        pages = (results.count + PER_PAGE - 1) // PER_PAGE
        kinds = dict(Document.Kind.choices)
        for hit in results.hits:
            hit.kind_label = kinds.get(hit.kind, hit.kind)
        return super().get_context_data(
            query=query,
            filters=filters,
            sort=sort,
            page=page,
            pages=pages,
            results=results,
            facets=self._facets(results.facets, filters, params),
            **kwargs,
        )

    def _facets(self, facets, filters, params):
        labels = {
            "kind": dict(Document.Kind.choices),
            "status": dict(Document.Status.choices),
            "organization": dict(Organization.objects.values_list("code", "short_name")),
        }
        out = []
        for name, values in facets.items():
            if not values:
                continue
            items = []
            for item in values:
                value = str(item["value"])
                chosen = filters.get(name) == value
                query = params.copy()
                query.pop("page", None)
                if chosen:
                    query.pop(name, None)
                else:
                    query[name] = value
                items.append(
                    {
                        "label": labels.get(name, {}).get(value) or value,
                        "count": item["count"],
                        "chosen": chosen,
                        "url": "?" + query.urlencode(),
                    }
                )
            out.append({"title": FACET_TITLES[name], "items": items})
        return out


class SearchApp(Application):
    app_name = "search"
    title = _("Search")
    icon = "search"
    menu_template_name = None

    index_path = path("", SearchView.as_view(), name="index")
