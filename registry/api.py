"""REST API of the registry: nomenclatures, cases, journals, journal entries, registration."""

import functools
import io

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from common.downloads import attachment
from documents.downloads import DOCX_TYPE as DOCX
from documents.selectors import visible_documents

from . import exports, permissions, services
from .models import Case, Journal, Nomenclature, Registration
from .selectors import case_documents, journal_entries
from .serializers import (
    ApproveSerializer,
    CancelSerializer,
    CaseSerializer,
    EntryFilterSerializer,
    EntrySerializer,
    JournalSerializer,
    NomenclatureDetailSerializer,
    NomenclatureSerializer,
    RegisterSerializer,
    ReserveSerializer,
    RolloverSerializer,
)
from .services import RegistryRefused

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def refusals_as_400(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except RegistryRefused as error:
            return Response({"detail": error.message}, status=status.HTTP_400_BAD_REQUEST)

    return wrapper


def download(data, filename, content_type):
    """Bytes as a (streamed) file download under a readable Russian name (common.downloads)."""
    return attachment(io.BytesIO(data), filename, content_type)


class OrganizationScoped:
    """Querysets limited to the caller's organisation (all for a superuser)."""

    organization_path = "organization"

    def scope(self, qs):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return qs.none()
        if user.is_superuser:
            return qs
        return qs.filter(**{f"{self.organization_path}_id": user.organization_id})

    def own_organization_to_manage(self):
        """The caller's organisation, when the caller keeps its registry."""
        organization = self.request.user.organization
        if organization is None:
            raise PermissionDenied(_("Only members of an organisation keep a registry."))
        self.require_manage(organization)
        return organization

    def require_manage(self, organization):
        if not permissions.can_manage(self.request.user, organization):
            raise PermissionDenied(_("Only the clerk or the head keeps the registry."))


# --- views ------------------------------------------------------------------------------------


class NomenclatureViewSet(
    OrganizationScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Case nomenclatures of the caller's organisation, with their cases and final record."""

    filterset_fields = ["year", "status"]

    def get_queryset(self):
        return self.scope(Nomenclature.objects.select_related("organization"))

    def get_serializer_class(self):
        if self.action == "retrieve":
            return NomenclatureDetailSerializer
        return {
            "approve": ApproveSerializer,
            "rollover": RolloverSerializer,
            "cases": CaseSerializer,
        }.get(self.action, NomenclatureSerializer)

    def create(self, request):
        organization = self.own_organization_to_manage()
        serializer = RolloverSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        nomenclature, created = Nomenclature.objects.get_or_create(
            organization=organization, year=serializer.validated_data["year"]
        )
        if not created:
            return Response(
                {"detail": _("The nomenclature for this year exists already.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(NomenclatureSerializer(nomenclature).data, status=201)

    @extend_schema(request=ApproveSerializer, responses={200: NomenclatureSerializer})
    @action(detail=True, methods=["post"])
    @refusals_as_400
    def approve(self, request, pk=None):
        nomenclature = self.get_object()
        serializer = ApproveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        nomenclature = services.approve_nomenclature(
            nomenclature, approver=request.user, **serializer.validated_data
        )
        return Response(NomenclatureSerializer(nomenclature).data)

    @extend_schema(request=RolloverSerializer, responses={200: NomenclatureSerializer})
    @action(detail=False, methods=["post"])
    @refusals_as_400
    def rollover(self, request):
        organization = self.own_organization_to_manage()
        serializer = RolloverSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        nomenclature = services.rollover(organization, serializer.validated_data["year"])
        return Response(NomenclatureSerializer(nomenclature).data)

    @extend_schema(methods=["GET"], responses={200: CaseSerializer(many=True)})
    @extend_schema(methods=["POST"], request=CaseSerializer, responses={201: CaseSerializer})
    # The nomenclature's cases in one answer (a year has tens of them), as the schema says; the
    # list's filters (year, status) are not the action's.
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    @refusals_as_400
    def cases(self, request, pk=None):
        nomenclature = self.get_object()
        if request.method == "GET":
            return Response(
                CaseSerializer(
                    nomenclature.cases.select_related("unit", "retention_rule"), many=True
                ).data
            )
        self.require_manage(nomenclature.organization)
        serializer = CaseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = services.add_case(
            nomenclature,
            unit=data["unit"],
            title=data["title"],
            retention_rule=data["retention_rule"],
            index=data.get("index"),
            volumes=data.get("volumes", 1),
            epk=data.get("epk"),
            note=data.get("note", ""),
            carried_over=data.get("carried_over", False),
        )
        return Response(CaseSerializer(case).data, status=201)

    @extend_schema(responses={(200, DOCX): OpenApiResponse()})
    @action(detail=True, methods=["get"])
    def docx(self, request, pk=None):
        nomenclature = self.get_object()
        return download(
            exports.nomenclature_docx(nomenclature, compiler=request.user),
            exports.nomenclature_file_name(nomenclature),
            DOCX,
        )


class CaseViewSet(OrganizationScoped, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    organization_path = "nomenclature__organization"
    serializer_class = CaseSerializer

    @refusals_as_400
    def partial_update(self, request, pk=None):
        case = self.get_object()
        self.require_manage(case.nomenclature.organization)
        serializer = CaseSerializer(case, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if k != "unit"}
        return Response(CaseSerializer(services.update_case(case, **data)).data)

    def get_queryset(self):
        return self.scope(
            Case.objects.select_related("nomenclature__organization", "unit", "retention_rule")
        )

    @extend_schema(request=None, responses={200: CaseSerializer})
    @action(detail=True, methods=["post"])
    @refusals_as_400
    def close(self, request, pk=None):
        case = self.get_object()
        self.require_manage(case.nomenclature.organization)
        return Response(CaseSerializer(services.close_case(case)).data)

    @extend_schema(responses={200: EntrySerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def documents(self, request, pk=None):
        return Response(EntrySerializer(case_documents(self.get_object()), many=True).data)

    @extend_schema(responses={(200, DOCX): OpenApiResponse()})
    @action(detail=True, methods=["get"])
    def inventory(self, request, pk=None):
        case = self.get_object()
        return download(
            exports.case_inventory_docx(case, compiler=request.user),
            exports.inventory_file_name(case),
            DOCX,
        )


class JournalViewSet(
    OrganizationScoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = JournalSerializer
    filterset_fields = ["kind", "is_active"]

    def get_queryset(self):
        return self.scope(Journal.objects.select_related("organization"))

    def get_serializer_class(self):
        return {"reserve": ReserveSerializer, "entries": EntrySerializer}.get(
            self.action, JournalSerializer
        )

    @refusals_as_400
    def create(self, request):
        organization = self.own_organization_to_manage()
        serializer = JournalSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        journal = services.save_journal(
            Journal(organization=organization, **serializer.validated_data)
        )
        return Response(JournalSerializer(journal).data, status=201)

    @extend_schema(parameters=[EntryFilterSerializer], responses={200: EntrySerializer(many=True)})
    # The journal's entries, filtered, in one answer (as the xlsx export has them); the
    # journals list's own filters (its `kind` is the journal's, not the document's) do not
    # apply to the journal looked up here.
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def entries(self, request, pk=None):
        return Response(EntrySerializer(self._entries(request), many=True).data)

    def _entries(self, request):
        filters = EntryFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        return journal_entries(self.get_object(), **filters.validated_data)

    @extend_schema(responses={(200, XLSX): OpenApiResponse()})
    @action(detail=True, methods=["get"])
    def xlsx(self, request, pk=None):
        journal = self.get_object()
        return download(
            exports.journal_xlsx(journal, self._entries(request)),
            exports.journal_file_name(journal),
            XLSX,
        )

    @extend_schema(request=ReserveSerializer, responses={201: EntrySerializer})
    @action(detail=True, methods=["post"])
    @refusals_as_400
    def reserve(self, request, pk=None):
        journal = self.get_object()
        self.require_manage(journal.organization)
        serializer = ReserveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entry = services.reserve_number(
            journal,
            user=request.user,
            on_date=serializer.validated_data.get("date"),
            case=serializer.validated_data.get("case"),
        )
        return Response(EntrySerializer(entry).data, status=201)


class EntryViewSet(OrganizationScoped, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    organization_path = "journal__organization"
    serializer_class = EntrySerializer

    def get_queryset(self):
        return self.scope(
            Registration.objects.select_related("journal__organization", "case", "document")
        )

    @extend_schema(request=CancelSerializer, responses={200: EntrySerializer})
    @action(detail=True, methods=["post"])
    @refusals_as_400
    def cancel(self, request, pk=None):
        entry = self.get_object()
        self.require_manage(entry.journal.organization)
        serializer = CancelSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entry = services.cancel(
            entry, user=request.user, reason=serializer.validated_data["reason"]
        )
        return Response(EntrySerializer(entry).data)


class RegisterDocumentView(APIView):
    """POST /api/v1/documents/{id}/register: number, date and case from a journal."""

    @extend_schema(request=RegisterSerializer, responses={201: EntrySerializer})
    @refusals_as_400
    def post(self, request, pk):
        document = get_object_or_404(visible_documents(request.user), pk=pk)
        serializer = RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        journal = data["journal"]
        if not permissions.can_manage(request.user, journal.organization):
            raise PermissionDenied(_("Only the clerk or the head registers documents."))
        entry = services.register_document(
            document,
            journal,
            user=request.user,
            case=data.get("case"),
            on_date=data.get("date"),
            reservation=data.get("reservation"),
        )
        return Response(EntrySerializer(entry).data, status=status.HTTP_201_CREATED)
