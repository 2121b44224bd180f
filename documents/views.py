"""Documents section of the application frame: list, upload, clause-by-clause view, versions,
downloads."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, ListView, TemplateView
from viewflow.urls import Application

from common.gost import place_tables
from common.russian import ru_date

from . import lifecycle, panels, permissions, services
from .amendments import compare
from .downloads import current_file_response, version_file_response
from .forms import ArchiveEntryForm, DocumentFilterForm, DocumentUploadForm, VersionUploadForm
from .importer import ImportRejected
from .models import Amendment, Document, Recognition
from .requisites import requisites_of
from .selectors import document_outline, file_requisites, version_tables, visible_documents


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
            filters=DocumentFilterForm(self.request.GET or None), params=self.request.GET, **kwargs
        )


class DocumentUploadView(LoginRequiredMixin, FormView):
    template_name = "documents/upload.html"
    form_class = DocumentUploadForm
    extra_context = {
        "heading": _("Upload a document"),
        "hint": _(
            "The kind, title, sections, clauses and tables are recognised from the file, which "
            "is kept unchanged. An upload is a draft: the number, date and stamp the file shows "
            "are kept as what the file says; the document is approved on its route and "
            "registered by the clerk."
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
        user = self.request.user
        document = _visible(self.request, kwargs["pk"])
        version = document.current_version
        shown = self.request.GET.get("version", "")
        if shown.isdigit() and version is not None and int(shown) != version.number:
            # An earlier revision, as it was.
            version = get_object_or_404(document.versions, number=int(shown))
        outline = document_outline(version) if version else []
        requisites = requisites_of(version) or {}
        # A scan: its text is being recognised, was not, or is shown as recognised.
        recognition = Recognition.objects.filter(version=version).first() if version else None
        shown_text = (version.text or (recognition.text if recognition else "")) if version else ""
        return super().get_context_data(
            document=document,
            version=version,
            is_current=version is None or version.pk == document.current_version_id,
            amendments=document.amendments.select_related("order", "result_version").exclude(
                status=Amendment.Status.DRAFT
            )
            if document.kind == Document.Kind.REGULATION
            else [],
            outline=outline,
            preamble_tables=place_tables(outline, version_tables(version)),
            stamp=_for_display(requisites.get("approval")),
            signature=_for_display(requisites.get("signature")),
            in_file=_in_file(version) if not requisites else None,
            recognition=recognition,
            shown_text=shown_text,
            plan_items=list(version.plan_items.all()) if version else [],
            versions=_with_previous(
                document.versions.filter(is_archived=False).select_related("created_by")
            ),
            can_add_version=permissions.can_add_version(user, document)
            and document.status == Document.Status.DRAFT,
            **_lifecycle_actions(user, document),
            new_revisions=list(document.new_revisions.all()),
            actions=panels.actions(user, document),
            panels=panels.panels(user, document),
            **kwargs,
        )


def _lifecycle_actions(user, document) -> dict:
    """What the user may do to the document's status from its page (the documents app's own
    actions; other apps add theirs through documents.panels)."""
    version = document.current_version
    editable_draft = document.status == Document.Status.DRAFT and permissions.can_add_version(
        user, document
    )
    return {
        "can_enter_from_archive": lifecycle.allowed(document, "enter_from_archive", actor=user),
        # A letter is answered or followed by another letter, never revised.
        "can_start_new_revision": document.status in lifecycle.FINAL
        and document.kind != Document.Kind.LETTER
        and permissions.can_add_version(user, document),
        "needs_docx_for_approval": editable_draft
        and version is not None
        and not version.original_name.lower().endswith(".docx"),
    }


def _for_display(requisite):
    if not requisite:
        return None
    return {**requisite, "date": ru_date(requisite.get("date"))}


def _in_file(version):
    found = file_requisites(version)
    if not found:
        return None
    approval = found.get("approval")
    return {
        "number": found.get("number"),
        "date": ru_date(found.get("date")),
        "approval": {
            **approval,
            "order_date": ru_date(approval.get("order_date")),
            "date": ru_date(approval.get("date")),
        }
        if approval
        else None,
        "stamps": found["stamps"],
        "signatures": found["signatures"],
        "executor": found["executor"],
    }


def _with_previous(versions):
    """Versions in number order, each knowing the number of the one before it (to compare)."""
    versions = sorted(versions, key=lambda v: v.number)
    for previous, version in zip([None, *versions], versions, strict=False):
        version.previous_number = previous.number if previous else None
    return versions


class VersionUploadView(LoginRequiredMixin, FormView):
    template_name = "documents/upload.html"
    form_class = VersionUploadForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.document = _visible(request, kwargs["pk"])
        if not permissions.can_add_version(request.user, self.document):
            raise PermissionDenied(_("You cannot add versions of this document."))
        try:
            lifecycle.check_new_version(self.document, user=request.user)
        except lifecycle.LifecycleRefused as refusal:
            messages.error(request, refusal.message)
            return redirect(self.document.get_absolute_url())
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
        except (ImportRejected, lifecycle.LifecycleRefused) as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect(reverse("documents:detail", args=[self.document.pk]))


class ArchiveEntryView(LoginRequiredMixin, FormView):
    """A clerk or head enters a document registered on paper before the system existed."""

    template_name = "documents/archive_entry.html"
    form_class = ArchiveEntryForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.document = _visible(request, kwargs["pk"])
        if not lifecycle.TRANSITIONS["enter_from_archive"].who(request.user, self.document):
            raise PermissionDenied(
                _("Only the clerk or the head enters documents registered before the system.")
            )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        found = file_requisites(self.document.current_version) or {}
        return {"number": found.get("number") or "", "date": found.get("date")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            document=self.document, in_file=_in_file(self.document.current_version), **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            lifecycle.enter_from_archive(
                self.document,
                actor=self.request.user,
                number=data["number"],
                date=data["date"],
                reason=data["reason"],
            )
        except lifecycle.LifecycleRefused as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Entered from the archive."))
        return redirect(self.document.get_absolute_url())


def new_revision(request, pk):
    """«Новая редакция»: a draft with this document's text that replaces it once approved and
    registered."""
    if request.method != "POST":
        raise Http404
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    document = _visible(request, pk)
    try:
        draft = services.start_new_revision(document, user=request.user)
    except lifecycle.LifecycleRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(document.get_absolute_url())
    messages.success(
        request,
        _(
            "A new revision is drafted. Change it by uploading versions, then send it for "
            "approval: once registered, it replaces the current one."
        ),
    )
    return redirect(draft.get_absolute_url())


def compare_versions(request, pk):
    """Two revisions of a document side by side: the clauses that differ, with their redline."""
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


def document_download(request, pk):
    """«Скачать»: the current version's stored bytes."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    return current_file_response(_visible(request, pk))


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
    download_path = path("<int:pk>/download/", document_download, name="download")
    # The address the «Скачать .docx» button had: it, too, gives back the stored file.
    docx_path = path("<int:pk>/docx/", document_download, name="docx")
    archive_entry_path = path(
        "<int:pk>/archive-entry/", ArchiveEntryView.as_view(), name="archive_entry"
    )
    new_revision_path = path("<int:pk>/new-revision/", new_revision, name="new_revision")
    compare_path = path("<int:pk>/compare/", compare_versions, name="compare")
    version_file_path = path(
        "<int:pk>/versions/<int:number>/file/", version_file, name="version_file"
    )
