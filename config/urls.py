from django.conf import settings
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter
from viewflow.contrib.admin import Admin
from viewflow.contrib.auth import AuthViewset
from viewflow.urls import Site

from archive.api import (
    ActViewSet,
    CaseStateViewSet,
    CommissionView,
    InventoryViewSet,
    ReportView,
    ReviewViewSet,
    TransferViewSet,
)
from archive.section import ArchiveApp
from control.api import AssignmentViewSet, DisciplineView, ExtensionViewSet, ResolutionView
from control.section import ControlApp
from correspondence.api import CorrespondentViewSet, LetterViewSet
from correspondence.section import CorrespondenceApp
from documents.api import DocumentViewSet
from documents.views import DocumentsApp
from plans.section import PlansApp
from registry.api import (
    CaseViewSet,
    EntryViewSet,
    JournalViewSet,
    NomenclatureViewSet,
    RegisterDocumentView,
)
from registry.views import RegistryApp
from search.api import SearchView
from search.views import SearchApp
from workflows.api import ProcessViewSet, TaskViewSet
from workflows.viewsets import TasksApp

from .health import healthz

site = Site(
    title=_("Reglament"),
    viewsets=[
        DocumentsApp(),
        TasksApp(),
        CorrespondenceApp(),
        ControlApp(),
        PlansApp(),
        RegistryApp(),
        ArchiveApp(),
        SearchApp(),
        Admin(),
    ],
)

api = DefaultRouter()
api.register("documents", DocumentViewSet, basename="document")
api.register("nomenclatures", NomenclatureViewSet, basename="nomenclature")
api.register("cases", CaseViewSet, basename="case")
api.register("journals", JournalViewSet, basename="journal")
api.register("journal-entries", EntryViewSet, basename="journal-entry")
api.register("processes", ProcessViewSet, basename="process")
api.register("tasks", TaskViewSet, basename="task")
api.register("assignments/extensions", ExtensionViewSet, basename="assignment-extension")
api.register("assignments", AssignmentViewSet, basename="assignment")
api.register("correspondence/letters", LetterViewSet, basename="letter")
api.register(
    "correspondence/correspondents", CorrespondentViewSet, basename="correspondent"
)
api.register("archive/cases", CaseStateViewSet, basename="archive-case")
api.register("archive/inventories", InventoryViewSet, basename="archive-inventory")
api.register("archive/acts", ActViewSet, basename="archive-act")
api.register("archive/reviews", ReviewViewSet, basename="archive-review")
api.register("archive/transfers", TransferViewSet, basename="archive-transfer")

# The friendly error pages (config.errors); FriendlyErrorsMiddleware shows them while DEBUG is on.
handler404 = "config.errors.page_not_found"
handler403 = "config.errors.permission_denied"
handler500 = "config.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Viewflow's frontend takes its words (months of the calendar, «N selected») from here.
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", AuthViewset(with_profile_view=False).urls),
    path(
        "api/v1/documents/<int:pk>/register",
        RegisterDocumentView.as_view(),
        name="document-register",
    ),
    path("api/v1/search/", SearchView.as_view(), name="api-search"),
    # Before the router's assignments/<pk>/.
    path("api/v1/assignments/resolutions/", ResolutionView.as_view(), name="api-resolutions"),
    path("api/v1/assignments/discipline/", DisciplineView.as_view(), name="api-discipline"),
    path("api/v1/archive/report/", ReportView.as_view(), name="api-archive-report"),
    path("api/v1/archive/commission/", CommissionView.as_view(), name="api-archive-commission"),
    path("api/v1/", include(api.urls)),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: the CSP allows no inline scripts.
    path(
        "api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"
    ),
    path("", site.urls),
]

if settings.OIDC_ENABLED:
    # Before the site's catch-all pages.
    urlpatterns.insert(-1, path("oidc/", include("mozilla_django_oidc.urls")))
