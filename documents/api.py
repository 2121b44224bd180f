"""REST API: /api/v1/documents/ (list, filter, retrieve, upload), versions and their stored
files. Refusals of the lifecycle (a new version of an approved document) answer 409."""

import django_filters
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from common.uploads import validate_upload_size
from orgs.models import Organization, Unit

from . import permissions, services
from .downloads import DOCX_TYPE, current_file_response, version_file_response
from .importer import ImportRejected
from .models import Document, DocumentVersion
from .requisites import requisites_of
from .selectors import document_outline, file_requisites, preamble_tables, visible_documents

__all__ = ["DOCX_TYPE", "DocumentViewSet"]


class VersionSerializer(serializers.ModelSerializer):
    created_by = serializers.StringRelatedField(allow_null=True)  # None for a generated one

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
    author = serializers.StringRelatedField(allow_null=True)
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
            "from_archive",
            "supersedes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


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
    approval = serializers.SerializerMethodField(
        help_text="The approval stamp the process put on the current version (None before)."
    )
    in_file = serializers.SerializerMethodField(
        help_text="Number, date and approval stamp as the uploaded file shows them: what the "
        "file says, not the record's registration or status."
    )
    preamble_tables = serializers.SerializerMethodField()
    sections = serializers.SerializerMethodField(
        help_text="Sections with clauses; each section and clause lists the tables after it."
    )
    plan_items = serializers.SerializerMethodField()

    class Meta(DocumentSerializer.Meta):
        fields = DocumentSerializer.Meta.fields + [
            "approval",
            "in_file",
            "preamble_tables",
            "sections",
            "plan_items",
            "versions",
        ]

    def get_approval(self, obj) -> dict | None:
        return (requisites_of(obj.current_version) or {}).get("approval")

    def get_in_file(self, obj) -> dict | None:
        return file_requisites(obj.current_version)

    def get_preamble_tables(self, obj) -> list[dict]:
        return preamble_tables(obj.current_version) if obj.current_version else []

    def get_sections(self, obj) -> list[dict]:
        version = obj.current_version
        return document_outline(version, with_tables=True) if version else []

    def get_plan_items(self, obj) -> list[dict]:
        return obj.current_version.structure.get("plan_items", []) if obj.current_version else []


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(validators=[validate_upload_size])
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
    file = serializers.FileField(validators=[validate_upload_size])
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
    # All versions in one answer (a document has a handful), as the schema says; the list's
    # filters are not the action's.
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
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
        responses={(200, DOCX_TYPE): OpenApiResponse(description="The stored file, as it is.")}
    )
    @action(detail=True, methods=["get"])
    def docx(self, request, pk=None):
        """The current version's stored file, byte for byte (a .txt stays a .txt)."""
        return current_file_response(self.get_object())

    @extend_schema(
        responses={(200, DOCX_TYPE): OpenApiResponse(description="The stored file, as it is.")}
    )
    @action(detail=True, methods=["get"], url_path=r"versions/(?P<number>\d+)/file")
    def version_file(self, request, pk=None, number=None):
        """One version's stored file, byte for byte."""
        return version_file_response(self.get_object(), int(number))
