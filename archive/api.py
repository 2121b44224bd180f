"""REST API of the archive (/api/v1/archive/…): where the closed cases stand, the report, the
expert commission, inventories and acts of destruction (the commission's protocol, the dry run
and the destruction), the commission's reviews, transfers to the archive. Only those who see
the archive (the clerk, the head, the commission) call it; the same services as the pages, a
refusal answering with its message (common.api). Inventories and acts are started through
the processes API (kinds «inventory» and «destruction_act»)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from registry.models import Case

from . import selectors, services
from .models import Commission, DestructionAct, Inventory, Review, Transfer
from .serializers import (
    STATES,
    ActDetailSerializer,
    ActSerializer,
    ArchiveReportSerializer,
    CaseQuerySerializer,
    CaseStateSerializer,
    CommissionInputSerializer,
    CommissionSerializer,
    ConfirmSerializer,
    DestroyedSerializer,
    InventoryDetailSerializer,
    InventorySerializer,
    PlanSerializer,
    ProtocolSerializer,
    ReviewInputSerializer,
    ReviewSerializer,
    TransferInputSerializer,
    TransferSerializer,
)

ENTRIES = ("entries__case__nomenclature",)


class SeesArchive(permissions.BasePermission):
    """The clerk and the head of the caller's organisation, and its commission's members."""

    message = _("The archive is kept by the clerk, the head and the expert commission.")

    def has_permission(self, request, view):
        user = request.user
        return bool(
            user.is_authenticated
            and user.organization_id is not None
            and selectors.may_see(user, user.organization)
        )


class ArchiveScoped:
    """The caller's organisation's records only: another organisation's ids are not found."""

    permission_classes = [permissions.IsAuthenticated, SeesArchive]
    model = None

    @property
    def organization(self):
        return self.request.user.organization

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        return self.model.objects.filter(organization=self.organization)


def _plan(plan) -> dict:
    def documents(found):
        return [
            {"id": d.pk, "title": d.title, "number": d.number, "date": d.date, "status": d.status}
            for d in found
        ]

    return {
        "documents": documents(plan["documents"]),
        "kept": documents(plan["kept"]),
        "files": plan["files"],
    }


# --- cases and the report ---------------------------------------------------------------------


class CaseStateViewSet(ArchiveScoped, viewsets.GenericViewSet):
    """The organisation's closed cases and where each stands (newest year first)."""

    serializer_class = CaseStateSerializer
    filter_backends = []

    @extend_schema(
        parameters=[
            OpenApiParameter("state", str, enum=STATES, description="Only cases in this state"),
            OpenApiParameter("year", int, description="Only cases of this nomenclature year"),
        ]
    )
    def list(self, request):
        query = CaseQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        wanted = query.validated_data.get("state")
        states = selectors.case_states(self.organization, year=query.validated_data.get("year"))
        if wanted:
            states = selectors.by_state(states, wanted)
        page = self.paginate_queryset(states)
        return self.get_paginated_response(CaseStateSerializer(page, many=True).data)


class ReportView(APIView):
    """The archive's report (as on the overview page)."""

    permission_classes = ArchiveScoped.permission_classes

    @extend_schema(responses=ArchiveReportSerializer)
    def get(self, request):
        report = selectors.report(request.user.organization)
        report["by_expiry"] = [{"year": y, "count": n} for y, n in report["by_expiry"]]
        return Response(ArchiveReportSerializer(report).data)


# --- the expert commission --------------------------------------------------------------------


class CommissionView(APIView):
    """The organisation's expert commission; the clerk or the head names it."""

    permission_classes = ArchiveScoped.permission_classes

    @extend_schema(responses=CommissionSerializer)
    def get(self, request):
        commission = selectors.commission_of(request.user.organization)
        if commission is None:
            raise NotFound(_("The expert commission is not named yet."))
        return Response(CommissionSerializer(commission).data)

    @extend_schema(request=CommissionInputSerializer, responses=CommissionSerializer)
    def put(self, request):
        serializer = CommissionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        commission = services.name_commission(
            organization=request.user.organization, actor=request.user, **serializer.validated_data
        )
        commission = Commission.objects.get(pk=commission.pk)  # the members as saved
        return Response(CommissionSerializer(commission).data)


# --- inventories and acts ---------------------------------------------------------------------


class RecordViewSet(
    ArchiveScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """What the inventories and the acts share: the caller's organisation's, the protocol."""

    def get_queryset(self):
        found = super().get_queryset().select_related("document")
        if self.action == "list":
            return found
        return found.prefetch_related(*ENTRIES)

    def _protocol(self, request):
        record = self.get_object()
        serializer = ProtocolSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        record = services.record_protocol(
            record=record, actor=request.user, **serializer.validated_data
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=record.pk)).data)


class InventoryViewSet(RecordViewSet):
    """Yearly inventories of cases (started through the processes API, kind «inventory»)."""

    model = Inventory

    def get_serializer_class(self):
        return InventorySerializer if self.action == "list" else InventoryDetailSerializer

    @extend_schema(request=ProtocolSerializer, responses=InventoryDetailSerializer)
    @action(detail=True, methods=["post"])
    def protocol(self, request, pk=None):
        """The commission's protocol that agreed the inventory (while it is on approval)."""
        return self._protocol(request)


class ActViewSet(RecordViewSet):
    """Acts of destruction (started through the processes API, kind «destruction_act»)."""

    model = DestructionAct

    def get_serializer_class(self):
        return ActSerializer if self.action == "list" else ActDetailSerializer

    @extend_schema(request=ProtocolSerializer, responses=ActDetailSerializer)
    @action(detail=True, methods=["post"])
    def protocol(self, request, pk=None):
        """The commission's protocol that agreed the act (while it is on approval)."""
        return self._protocol(request)

    @extend_schema(responses=PlanSerializer)
    @action(detail=True, methods=["get"], url_path="dry-run")
    def dry_run(self, request, pk=None):
        """What the destruction would remove: the documents, every version's file with its
        SHA-256, and what is kept."""
        act = self.get_object()
        if act.status not in (DestructionAct.Status.ON_APPROVAL, DestructionAct.Status.APPROVED):
            raise services.WrongState(
                _("The dry run is shown for an act on approval or approved, not carried out.")
            )
        return Response(PlanSerializer(_plan(services.destruction_plan(act))).data)

    @extend_schema(request=ConfirmSerializer, responses=DestroyedSerializer)
    @action(detail=True, methods=["post"], url_path="destroy")
    def carry_out(self, request, pk=None):
        """Carry out the approved act, once: the files go after the transaction commits, the
        documents' cards stay «destroyed by the act»."""
        act = self.get_object()
        ConfirmSerializer(data=request.data).is_valid(raise_exception=True)
        plan = services.destroy(act=act, actor=request.user)
        act = self.get_queryset().get(pk=act.pk)
        return Response(DestroyedSerializer({**_plan(plan), "act": act}).data)


# --- reviews and transfers --------------------------------------------------------------------


class ReviewViewSet(ArchiveScoped, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The commission's expert reviews of ЭПК cases whose term ran out."""

    serializer_class = ReviewSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Review.objects.none()
        return (
            Review.objects.filter(case__nomenclature__organization=self.organization)
            .select_related("case")
            .order_by("-decided_at", "-pk")
        )

    @extend_schema(request=ReviewInputSerializer, responses={201: ReviewSerializer})
    def create(self, request):
        """The commission's decision on a case waiting for its review (members only)."""
        serializer = ReviewInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = get_object_or_404(
            Case.objects.filter(nomenclature__organization=self.organization), pk=data["case"]
        )
        review = services.decide_review(
            case=case,
            decision=data["decision"],
            years=data.get("years"),
            protocol_number=data["number"],
            protocol_date=data["date"],
            actor=request.user,
        )
        return Response(ReviewSerializer(review).data, status=status.HTTP_201_CREATED)


class TransferViewSet(
    ArchiveScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Acts of acceptance: cases of approved inventories handed over to the archive."""

    model = Transfer
    serializer_class = TransferSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related(*ENTRIES)

    @extend_schema(request=TransferInputSerializer, responses={201: TransferSerializer})
    def create(self, request):
        """Hand cases over (the clerk or the head); outside their term, with the reason."""
        serializer = TransferInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        transfer = services.record_transfer(
            organization=self.organization, actor=request.user, **serializer.validated_data
        )
        return Response(
            TransferSerializer(self.get_queryset().get(pk=transfer.pk)).data,
            status=status.HTTP_201_CREATED,
        )
