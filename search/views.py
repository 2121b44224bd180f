"""Поиск: one query box, facets, highlighted hits with the matching clause, sorting, pages."""

import datetime

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from viewflow.urls import Application

from documents.importer import ImportRejected
from documents.models import Document
from documents.selectors import visible_documents
from orgs.models import Organization

from . import bank
from .backends import get_backend
from .backends.base import FILTERS
from .forms import MaterialForm, PublishForm, SearchBoxForm
from .models import BankCategory

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
            # The engines give ISO dates (the API's); the page writes them as documents do.
            hit.date_shown = (
                datetime.date.fromisoformat(hit.date).strftime("%d.%m.%Y") if hit.date else ""
            )
        return super().get_context_data(
            box=SearchBoxForm(initial={"q": query, "sort": sort}),
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
            "category": dict(BankCategory.objects.values_list("code", "name")),
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


class BankView(LoginRequiredMixin, TemplateView):
    """The bank by category, counting what the user may read."""

    template_name = "search/bank.html"

    def get_context_data(self, **kwargs):
        counts = {
            f["value"]: f["count"]
            for f in get_backend()
            .search("", user=self.request.user, per_page=1)
            .facets.get("category", [])
        }
        categories = [
            {"category": c, "count": counts.get(c.code, 0)} for c in BankCategory.objects.all()
        ]
        return super().get_context_data(categories=categories, **kwargs)


class UploadMaterialView(LoginRequiredMixin, FormView):
    template_name = "search/bank_form.html"
    form_class = MaterialForm
    extra_context = {"heading": _("Add a material to the bank")}

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.organization is None:
            raise PermissionDenied(_("Only members of an organisation can add documents."))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        title = data.pop("title") or None
        try:
            document = bank.upload_material(
                organization=self.request.user.organization,
                name=upload.name,
                data=upload.read(),
                by=self.request.user,
                title=title,
                **data,
            )
        except ImportRejected as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect(reverse("documents:detail", args=[document.pk]))


class PublishView(LoginRequiredMixin, FormView):
    template_name = "search/bank_form.html"
    form_class = PublishForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.document = get_object_or_404(visible_documents(request.user), pk=kwargs["pk"])
        if not bank.can_publish(request.user, self.document):
            raise PermissionDenied(_("You cannot publish this document."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=f"{_('Publish to the bank')}: {self.document.title}", **kwargs
        )

    def form_valid(self, form):
        try:
            bank.publish(self.document, by=self.request.user, **form.cleaned_data)
        except bank.BankRefused as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        return redirect(reverse("documents:detail", args=[self.document.pk]))


class SearchApp(Application):
    app_name = "search"
    title = _("Search")
    icon = "search"
    menu_template_name = None

    index_path = path("", SearchView.as_view(), name="index")
    bank_path = path("bank/", BankView.as_view(), name="bank")
    upload_path = path("bank/upload/", UploadMaterialView.as_view(), name="bank_upload")
    publish_path = path("bank/publish/<int:pk>/", PublishView.as_view(), name="publish")
