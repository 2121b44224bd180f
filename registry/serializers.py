"""Serializers of the registry's API."""

from rest_framework import serializers

from documents.models import DocumentKind

from . import services
from .models import Case, Journal, Nomenclature, Registration


class CaseSerializer(serializers.ModelSerializer):
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    retention = serializers.CharField(source="retention_rule.period_label", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "nomenclature",
            "unit",
            "unit_code",
            "index",
            "title",
            "volumes",
            "retention_rule",
            "retention",
            "epk",
            "note",
            "carried_over",
            "status",
            "closed_on",
        ]
        read_only_fields = ["nomenclature", "status", "closed_on"]
        extra_kwargs = {"index": {"required": False}, "epk": {"required": False}}


class NomenclatureSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Nomenclature
        fields = [
            "id",
            "organization",
            "year",
            "status",
            "order_number",
            "order_date",
            "approved_by",
            "approved_at",
        ]
        read_only_fields = ["status", "order_number", "order_date", "approved_by", "approved_at"]


class NomenclatureDetailSerializer(NomenclatureSerializer):
    cases = CaseSerializer(many=True, read_only=True)
    final_record = serializers.SerializerMethodField()

    class Meta(NomenclatureSerializer.Meta):
        fields = NomenclatureSerializer.Meta.fields + ["cases", "final_record"]

    def get_final_record(self, obj) -> dict:
        return services.final_record(obj)


class ApproveSerializer(serializers.Serializer):
    order_number = serializers.CharField(max_length=50)
    order_date = serializers.DateField()


class RolloverSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class JournalSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Journal
        fields = [
            "id",
            "organization",
            "name",
            "kind",
            "number_template",
            "default_case_index",
            "yearly_reset",
            "is_active",
        ]


class EntrySerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.index", read_only=True, default=None, allow_null=True)
    document_title = serializers.CharField(
        source="document.title", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Registration
        fields = [
            "id",
            "journal",
            "year",
            "sequence",
            "number",
            "date",
            "status",
            "document",
            "document_title",
            "case",
            "created_by",
            "created_at",
            "cancelled_at",
            "cancel_reason",
        ]


class EntryFilterSerializer(serializers.Serializer):
    """The filters of a journal's entries (as on the journal's page); a malformed one is a
    400, not a database error."""

    year = serializers.IntegerField(required=False, min_value=1, max_value=9999)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    number = serializers.CharField(required=False, max_length=100)
    status = serializers.ChoiceField(choices=Registration.Status.choices, required=False)
    kind = serializers.ChoiceField(
        choices=DocumentKind.choices, required=False, help_text="The document's kind."
    )


class ReserveSerializer(serializers.Serializer):
    date = serializers.DateField(required=False)
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.all(), required=False)


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class RegisterSerializer(serializers.Serializer):
    journal = serializers.PrimaryKeyRelatedField(queryset=Journal.objects.all())
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.all(), required=False)
    date = serializers.DateField(required=False)
    reservation = serializers.PrimaryKeyRelatedField(
        queryset=Registration.objects.all(), required=False
    )

