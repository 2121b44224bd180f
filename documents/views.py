"""Documents section of the application frame: list, upload, clause-by-clause view, versions,
downloads."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, ListView, TemplateView
from viewflow.urls import Application

from registry import permissions as registry_permissions
from search.bank import can_publish
from workflows.selectors import document_approvals

from . import permissions, services
from .api import docx_response, version_file_response
from .forms import DocumentUploadForm, VersionUploadForm
from .importer import ImportRejected
from .models import Amendment, Document
from .rendering import ru_date
from .selectors import document_outline, visible_documents


class DocumentListView(LoginRequiredMixin, ListView):
    template_name = "documents/document_list.html"
    paginate_by = 25

    def get_queryset(self):
        qs = visible_documents(self.request.user)
        params = self.request.GET
        if params.get("kind") in Document.Kind.values:
            qs = qs.filter(kind=params["kind"])
        if params.get("status") in Document.Status.values:
            qs = qs.filter(status=params["status"])
        if params.get("q"):
            qs = qs.filter(title__icontains=params["q"].strip())
        return qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kinds=Document.Kind.choices,
            statuses=Document.Status.choices,
            params=self.request.GET,
            **kwargs,
        )


class DocumentUploadView(LoginRequiredMixin, FormView):
    template_name = "documents/upload.html"
    form_class = DocumentUploadForm
    extra_context = {
        "heading": _("Upload a document"),
        "hint": _(
            "The kind, title, number, approval stamp, sections and clauses are recognised "
            "from the file. The file itself is kept unchanged."
        ),
    }

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.organization is None:
            raise PermissionDenied(_("Only members of an organisation can add documents."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organization": self.request.user.organization}

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            document = services.create_document(
                organization=self.request.user.organization,
                name=upload.name,
                data=upload.read(),
                author=self.request.user,
                unit=form.cleaned_data["unit"],
                kind=form.cleaned_data["kind"] or None,
                title=form.cleaned_data["title"] or None,
                visibility=form.cleaned_data["visibility"],
                comment=form.cleaned_data["comment"],
            )
        except ImportRejected as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect(reverse("documents:detail", args=[document.pk]))


def _visible(request, pk):
    return get_object_or_404(visible_documents(request.user), pk=pk)


class DocumentDetailView(LoginRequiredMixin, TemplateView):
    template_name = "documents/document_detail.html"

    def get_context_data(self, **kwargs):
        document = _visible(self.request, kwargs["pk"])
        version = document.current_version
        shown = self.request.GET.get("version", "")
        if shown.isdigit() and version is not None and int(shown) != version.number:
            # An earlier revision, as it was.
            version = get_object_or_404(document.versions, number=int(shown))
        return super().get_context_data(
            document=document,
            version=version,
            is_current=version is None or version.pk == document.current_version_id,
            amendments=document.amendments.select_related("order", "result_version").exclude(
                status=Amendment.Status.DRAFT
            )
            if document.kind == Document.Kind.REGULATION
            else [],
            outline=document_outline(version) if version else [],
            approval=_approval_for_display(version),
            plan_items=list(version.plan_items.all()) if version else [],
            versions=_with_previous(
                document.versions.filter(is_archived=False).select_related("created_by")
            ),
            can_add_version=permissions.can_add_version(self.request.user, document),
            similar=_similar(self.request.user, document),
            can_publish=can_publish(self.request.user, document)
            and document.status in (Document.Status.APPROVED, Document.Status.REGISTERED),
            publication=getattr(document, "publication", None),
            approvals=document_approvals(self.request.user, document),
            **_amending(self.request.user, document),
            can_register=document.status != Document.Status.REGISTERED
            and registry_permissions.can_manage(self.request.user, document.organization),
            **kwargs,
        )


def _amending(user, document) -> dict:
    """Whether `user` may draft changes to this regulation, and where."""
    from workflows.flows import ORDER_DRAFTERS, AmendmentFlow

    if document.kind != Document.Kind.REGULATION or document.current_version_id is None:
        return {"can_amend": False}
    return {
        "can_amend": user.organization_id == document.organization_id
        and bool(user.roles & ORDER_DRAFTERS),
        "amend_url": AmendmentFlow.start.reverse("execute"),
    }


def _with_previous(versions):
    """Versions in number order, each knowing the number of the one before it (to compare)."""
    versions = sorted(versions, key=lambda v: v.number)
    for previous, version in zip([None, *versions], versions, strict=False):
        version.previous_number = previous.number if previous else None
    return versions


def _approval_for_display(version):
    approval = version.structure.get("approval") if version else None
    if not approval:
        return None
    return {
        **approval,
        "order_date": ru_date(approval.get("order_date")),
        "date": ru_date(approval.get("date")),
    }


def _similar(user, document):
    from search.backends import get_backend

    try:
        return get_backend().similar(document, user=user, limit=5)
    except Exception:  # the page must open even when the search engine is down
        return []


class VersionUploadView(LoginRequiredMixin, FormView):
    template_name = "documents/upload.html"
    form_class = VersionUploadForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.document = _visible(request, kwargs["pk"])
        if not permissions.can_add_version(request.user, self.document):
            raise PermissionDenied(_("You cannot add versions of this document."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=f"{_('New version')}: {self.document.title}",
            hint=_("Earlier versions stay available."),
            **kwargs,
        )

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            services.add_version(
                self.document,
                name=upload.name,
                data=upload.read(),
                author=self.request.user,
                comment=form.cleaned_data["comment"],
            )
        except ImportRejected as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect(reverse("documents:detail", args=[self.document.pk]))


def compare_versions(request, pk):
    """Two revisions of a document side by side: the clauses that differ, with their redline."""
    from .amendments import compare

    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    document = _visible(request, pk)
    numbers = [request.GET.get(key, "") for key in ("a", "b")]
    if not all(n.isdigit() for n in numbers):
        raise Http404
    old, new = (get_object_or_404(document.versions, number=int(n)) for n in numbers)
    return TemplateResponse(
        request,
        "documents/compare.html",
        {
            "document": document,
            "old": old,
            "new": new,
            "rows": compare(document_outline(old), document_outline(new)),
        },
    )


def document_docx(request, pk):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    return docx_response(_visible(request, pk))


def version_file(request, pk, number):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    return version_file_response(_visible(request, pk), number)


class DocumentsApp(Application):
    app_name = "documents"
    title = _("Documents")
    icon = "description"
    menu_template_name = None  # one page family, no sub-menu

    index_path = path("", DocumentListView.as_view(), name="index")
    upload_path = path("upload/", DocumentUploadView.as_view(), name="upload")
    detail_path = path("<int:pk>/", DocumentDetailView.as_view(), name="detail")
    add_version_path = path(
        "<int:pk>/versions/new/", VersionUploadView.as_view(), name="add_version"
    )
    docx_path = path("<int:pk>/docx/", document_docx, name="docx")
    compare_path = path("<int:pk>/compare/", compare_versions, name="compare")
    version_file_path = path(
        "<int:pk>/versions/<int:number>/file/", version_file, name="version_file"
    )
