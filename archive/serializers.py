"""Serializers of the archive's API: where each closed case stands, the report, the expert
commission, inventories and acts with their entries, the dry run of a destruction, reviews and
transfers; and the bodies the API accepts (checked here for shape, by the services for rules)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from orgs.models import Organization, User

from . import services
from .models import Commission, DestructionAct, Inventory, Review, Transfer
from .views import STATE_LABELS

MAX_ID = 2**31 - 1  # ids beyond what the database's integer holds are refused as malformed
STATES = list(STATE_LABELS)  # the codes of selectors.State


def _id(**kwargs):
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


# --- cases and the report ---------------------------------------------------------------------


class CaseStateSerializer(serializers.Serializer):
    """A closed case and where it stands in the archive's cycle (selectors.CaseState)."""

    id = serializers.IntegerField(source="case.pk")
    index = serializers.CharField(source="case.index")
    title = serializers.CharField(source="case.title")
    year = serializers.IntegerField()
    retention = serializers.CharField(source="retention_label")
    state = serializers.ChoiceField(choices=STATES)
    state_label = serializers.SerializerMethodField()
    permanent = serializers.BooleanField()
    personnel = serializers.BooleanField()
    epk = serializers.BooleanField()
    expires = serializers.IntegerField(
        allow_null=True, help_text="Destroyable from 1 January of this year (null: permanent)."
    )
    documents = serializers.IntegerField(help_text="Documents registered in the case.")
    first_date = serializers.DateField(allow_null=True)
    last_date = serializers.DateField(allow_null=True)
    inventory = serializers.IntegerField(source="inventory.pk", allow_null=True, default=None)
    act = serializers.IntegerField(source="act.pk", allow_null=True, default=None)
    transfer = serializers.IntegerField(source="transfer.pk", allow_null=True, default=None)
    review = serializers.IntegerField(source="review.pk", allow_null=True, default=None)

    def get_state_label(self, obj) -> str:
        return str(STATE_LABELS[obj.state])


class CaseQuerySerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=STATES, required=False, allow_blank=True)
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2200)


class CaseRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="case.pk")
    index = serializers.CharField(source="case.index")
    year = serializers.IntegerField()


class ExpirySerializer(serializers.Serializer):
    year = serializers.IntegerField()
    count = serializers.IntegerField()


class FinalRecordSerializer(serializers.Serializer):
    """The nomenclature's final record (итоговая запись): its cases by retention."""

    permanent = serializers.IntegerField()
    long = serializers.IntegerField()
    temporary = serializers.IntegerField()


class YearRowSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    final = FinalRecordSerializer()
    closed = serializers.IntegerField()
    permanent = serializers.IntegerField()
    inventoried = serializers.IntegerField()
    in_archive = serializers.IntegerField()
    destroyed = serializers.IntegerField()


class ArchiveReportSerializer(serializers.Serializer):
    """selectors.report: the counts by state, by year of expiry and per nomenclature year, and
    the cases due for transfer, overdue, waiting for an inventory, for destruction, for the
    commission's review."""

    today = serializers.DateField()
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="Cases by state.")
    by_expiry = ExpirySerializer(many=True)
    years = YearRowSerializer(many=True)
    transfer = CaseRefSerializer(many=True)
    overdue = CaseRefSerializer(many=True)
    to_inventory = CaseRefSerializer(many=True)
    destruction = CaseRefSerializer(many=True)
    review = CaseRefSerializer(many=True)


# --- the expert commission --------------------------------------------------------------------


class CommissionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Commission
        fields = ["organization", "chair", "secretary", "members", "archive", "order", "updated_at"]
        read_only_fields = fields


def _people():
    return User.objects.filter(is_active=True)


class CommissionInputSerializer(serializers.Serializer):
    chair = serializers.PrimaryKeyRelatedField(queryset=_people())
    secretary = serializers.PrimaryKeyRelatedField(
        queryset=_people(), required=False, allow_null=True
    )
    members = serializers.ListField(
        child=serializers.PrimaryKeyRelatedField(queryset=_people()),
        required=False,
        max_length=100,
    )
    archive = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="The archive that accepts the permanent cases; null: the organisation's own.",
    )
    order = serializers.CharField(max_length=200, required=False, allow_blank=True)


# --- inventories and acts ---------------------------------------------------------------------


class RecordEntrySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    case = serializers.IntegerField(source="case_id")
    index = serializers.CharField(source="case.index")
    title = serializers.CharField(source="case.title")
    year = serializers.IntegerField(source="case.nomenclature.year")


class RecordSerializer(serializers.ModelSerializer):
    """What an inventory and an act have in common: the document, the commission's protocol."""

    title = serializers.CharField(source="document.title", read_only=True)
    document_number = serializers.CharField(source="document.number", read_only=True)
    document_date = serializers.DateField(source="document.date", read_only=True, allow_null=True)
    protocol_number = serializers.CharField(source="number", read_only=True)
    protocol_date = serializers.DateField(source="date", read_only=True, allow_null=True)

    COMMON = [
        "id", "status", "document", "title", "document_number", "document_date",
        "protocol_number", "protocol_date", "approved_on", "created_at",
    ]  # fmt: skip


class InventorySerializer(RecordSerializer):
    class Meta:
        model = Inventory
        fields = [*RecordSerializer.COMMON, "year", "kind"]
        read_only_fields = fields


class InventoryDetailSerializer(InventorySerializer):
    entries = RecordEntrySerializer(many=True, read_only=True)

    class Meta(InventorySerializer.Meta):
        fields = [*InventorySerializer.Meta.fields, "entries"]
        read_only_fields = fields


class ActSerializer(RecordSerializer):
    class Meta:
        model = DestructionAct
        fields = [*RecordSerializer.COMMON, "destroyed_at", "destroyed_by"]
        read_only_fields = fields


class ActDetailSerializer(ActSerializer):
    entries = RecordEntrySerializer(many=True, read_only=True)

    class Meta(ActSerializer.Meta):
        fields = [*ActSerializer.Meta.fields, "entries"]
        read_only_fields = fields


class ProtocolSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=50)
    date = serializers.DateField()


class PlanDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    number = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    status = serializers.CharField()


class PlanFileSerializer(serializers.Serializer):
    document = serializers.IntegerField()
    version = serializers.IntegerField()
    name = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    kept_in_storage = serializers.BooleanField(
        help_text="The bytes stay: a document outside the act holds the same file."
    )


class PlanSerializer(serializers.Serializer):
    """services.destruction_plan: the documents whose files go, the archive's own records in
    the cases (kept permanently), every version's file."""

    documents = PlanDocumentSerializer(many=True)
    kept = PlanDocumentSerializer(many=True)
    files = PlanFileSerializer(many=True)


class DestroyedSerializer(PlanSerializer):
    act = ActDetailSerializer()


class ConfirmSerializer(serializers.Serializer):
    confirm = serializers.BooleanField(
        default=False, help_text="true: the files listed by the dry run are to be destroyed."
    )

    def validate_confirm(self, value):
        if value is not True:
            raise serializers.ValidationError(
                _("Confirm that the files listed are to be destroyed.")
            )
        return value


# --- reviews and transfers --------------------------------------------------------------------


class ReviewSerializer(serializers.ModelSerializer):
    index = serializers.CharField(source="case.index", read_only=True)
    protocol_number = serializers.CharField(source="number", read_only=True)
    protocol_date = serializers.DateField(source="date", read_only=True, allow_null=True)

    class Meta:
        model = Review
        fields = [
            "id", "case", "index", "decision", "years", "protocol_number", "protocol_date",
            "decided_by", "decided_at",
        ]  # fmt: skip
        read_only_fields = fields


class ReviewInputSerializer(serializers.Serializer):
    case = _id()
    decision = serializers.ChoiceField(choices=Review.Decision.choices)
    years = serializers.IntegerField(
        min_value=1,
        max_value=services.MAX_EXTENSION_YEARS,
        required=False,
        allow_null=True,
        help_text="Years more, for the decision «extend».",
    )
    number = serializers.CharField(max_length=50, help_text="The commission's protocol.")
    date = serializers.DateField(help_text="The protocol's date.")


class TransferredSerializer(serializers.Serializer):
    case = serializers.IntegerField(source="case_id")
    index = serializers.CharField(source="case.index")
    title = serializers.CharField(source="case.title")
    year = serializers.IntegerField(source="case.nomenclature.year")


class TransferSerializer(serializers.ModelSerializer):
    cases = TransferredSerializer(many=True, read_only=True, source="entries")

    class Meta:
        model = Transfer
        fields = [
            "id", "number", "date", "archive_name", "received_by", "reason", "cases",
            "created_by", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class TransferInputSerializer(serializers.Serializer):
    cases = serializers.ListField(child=_id(), allow_empty=False, max_length=1000)
    number = serializers.CharField(max_length=50, help_text="The act of acceptance's number.")
    date = serializers.DateField()
    received_by = serializers.CharField(max_length=300, required=False, allow_blank=True)
    reason = serializers.CharField(
        max_length=1000,
        required=False,
        allow_blank=True,
        help_text="Required for cases handed over outside one to three years after their year.",
    )
