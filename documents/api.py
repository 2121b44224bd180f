"""REST API: /api/v1/documents/ (list, filter, retrieve, upload), versions and .docx."""

import io
import re

import django_filters
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from orgs.models import Organization, Unit

from . import permissions, services
from .importer import ImportRejected
from .models import Document, DocumentVersion
from .rendering import render_docx
from .selectors import document_outline, visible_documents


class VersionSerializer(serializers.ModelSerializer):
    created_by = serializers.StringRelatedField()

    class Meta:
        model = DocumentVersion
        fields = [
            "number",
            "original_name",
            "size",
            "sha256",
            "comment",
            "created_by",
            "created_at",
        ]


class DocumentSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    author = serializers.StringRelatedField()
    version = serializers.IntegerField(source="current_version.number", read_only=True)

    class Meta:
        model = Document
        fields = [
            "id",
            "organization",
            "unit",
            "kind",
            "title",
            "number",
            "date",
            "status",
            "visibility",
            "author",
            "version",
            "created_at",
            "updated_at",
        ]


class ClauseSerializer(serializers.Serializer):
    number = serializers.CharField()
    text = serializers.CharField()


class SectionSerializer(serializers.Serializer):
    number = serializers.CharField(allow_null=True)
    title = serializers.CharField()
    text = serializers.CharField()
    clauses = ClauseSerializer(many=True)


class DocumentDetailSerializer(DocumentSerializer):
    versions = VersionSerializer(many=True, read_only=True)
    approval = serializers.SerializerMethodField()
    sections = serializers.SerializerMethodField()
    plan_items = serializers.SerializerMethodField()

    class Meta(DocumentSerializer.Meta):
        fields = DocumentSerializer.Meta.fields + ["approval", "sections", "plan_items", "versions"]

    def get_approval(self, obj) -> dict | None:
        return obj.current_version.structure.get("approval") if obj.current_version else None

    def get_sections(self, obj) -> list[dict]:
        return document_outline(obj.current_version) if obj.current_version else []

    def get_plan_items(self, obj) -> list[dict]:
        return obj.current_version.structure.get("plan_items", []) if obj.current_version else []


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    organization = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all(), required=False
    )
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), required=False)
    kind = serializers.ChoiceField(choices=Document.Kind.choices, required=False)
    title = serializers.CharField(required=False, max_length=1000)
    visibility = serializers.ChoiceField(choices=Document.Visibility.choices, required=False)
    comment = serializers.CharField(required=False, allow_blank=True)

    def validate(self, attrs):
        user = self.context["request"].user
        organization = attrs.get("organization") or user.organization
        if organization is None:
            raise serializers.ValidationError({"organization": _("Name the organisation.")})
        if not permissions.can_upload_to(user, organization):
            raise PermissionDenied(_("You cannot add documents to this organisation."))
        unit = attrs.get("unit")
        if unit is not None and unit.organization_id != organization.pk:
            raise serializers.ValidationError(
                {"unit": _("The unit belongs to another organisation.")}
            )
        attrs["organization"] = organization
        return attrs


class VersionUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    comment = serializers.CharField(required=False, allow_blank=True)


class DocumentFilter(django_filters.FilterSet):
    organization = django_filters.CharFilter(field_name="organization__code")
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")
    number = django_filters.CharFilter(field_name="number", lookup_expr="iexact")
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains")

    class Meta:
        model = Document
        fields = ["kind", "status", "organization", "unit", "number", "date_from", "date_to", "q"]


def _rejected(error: ImportRejected):
    return Response({"file": [error.message]}, status=status.HTTP_400_BAD_REQUEST)


class DocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Documents visible to the caller. Documents and versions are never changed or deleted."""

    filterset_class = DocumentFilter
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        return visible_documents(self.request.user).prefetch_related("versions__created_by")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return DocumentDetailSerializer
        if self.action == "create":
            return DocumentUploadSerializer
        if self.action == "versions" and self.request.method == "POST":
            return VersionUploadSerializer
        return DocumentSerializer

    @extend_schema(request=DocumentUploadSerializer, responses={201: DocumentDetailSerializer})
    def create(self, request):
        upload = DocumentUploadSerializer(data=request.data, context={"request": request})
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        file = data["file"]
        try:
            document = services.create_document(
                organization=data["organization"],
                name=file.name,
                data=file.read(),
                author=request.user,
                unit=data.get("unit"),
                kind=data.get("kind"),
                title=data.get("title"),
                visibility=data.get("visibility"),
                comment=data.get("comment", ""),
            )
        except ImportRejected as error:
            return _rejected(error)
        document = self.get_queryset().get(pk=document.pk)
        return Response(DocumentDetailSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        responses={200: VersionSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        request=VersionUploadSerializer,
        responses={201: VersionSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def versions(self, request, pk=None):
        document = self.get_object()
        if request.method == "GET":
            return Response(VersionSerializer(document.versions.all(), many=True).data)
        if not permissions.can_add_version(request.user, document):
            raise PermissionDenied(_("You cannot add versions of this document."))
        upload = VersionUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        file = upload.validated_data["file"]
        try:
            version = services.add_version(
                document,
                name=file.name,
                data=file.read(),
                author=request.user,
                comment=upload.validated_data.get("comment", ""),
            )
        except ImportRejected as error:
            return _rejected(error)
        return Response(VersionSerializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={
            (
                200,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ): OpenApiResponse()
        }
    )
    @action(detail=True, methods=["get"])
    def docx(self, request, pk=None):
        document = self.get_object()
        return docx_response(document)


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(document):
    """The document rendered as .docx, as a download."""
    name = (
        re.sub(r"[\\/:*?\"<>|\s]+", " ", document.title)[:80].strip() or f"document-{document.pk}"
    )
    return FileResponse(
        io.BytesIO(render_docx(document)),
        as_attachment=True,
        filename=f"{name}.docx",
        content_type=DOCX_TYPE,
    )


def version_file_response(document, number):
    """The original bytes of one version, under the name it was uploaded with."""
    version = get_object_or_404(document.versions, number=number)
    return FileResponse(version.file.open("rb"), as_attachment=True, filename=version.original_name)
