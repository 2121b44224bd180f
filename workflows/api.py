"""REST API of the processes: start one, list my tasks, act on a task, process history.

Validation goes through the same forms as the web pages; rules through the same services."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from . import kinds, runner, selectors, services
from .forms import DecisionForm
from .models import Approval, ApprovalStep


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="get_full_name")
    position = serializers.CharField()


class StepSerializer(serializers.ModelSerializer):
    assignee = PersonSerializer()
    on_behalf_of = PersonSerializer(allow_null=True)
    version = serializers.IntegerField(source="version.number", allow_null=True, default=None)

    class Meta:
        model = ApprovalStep
        fields = [
            "id",
            "purpose",
            "round",
            "stage",
            "assignee",
            "on_behalf_of",
            "due_at",
            "decision",
            "remarks",
            "decided_at",
            "version",
        ]


class TaskSerializer(StepSerializer):
    process = serializers.IntegerField(source="approval.process_id")
    kind = serializers.CharField(source="approval.kind")
    document = serializers.IntegerField(source="approval.document_id")
    document_title = serializers.CharField(source="approval.document.title")
    overdue = serializers.BooleanField(source="is_overdue")

    class Meta(StepSerializer.Meta):
        fields = [
            *StepSerializer.Meta.fields,
            "process",
            "kind",
            "document",
            "document_title",
            "overdue",
        ]


class AuditSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.CharField()
    actor = serializers.CharField(source="actor.get_full_name", default=None, allow_null=True)
    on_behalf_of = serializers.CharField(
        source="on_behalf_of.get_full_name", default=None, allow_null=True
    )
    details = serializers.CharField()


class ProcessSerializer(serializers.ModelSerializer):
    document_title = serializers.CharField(source="document.title")
    initiator = PersonSerializer()

    class Meta:
        model = Approval
        fields = [
            "id",
            "kind",
            "status",
            "document",
            "document_title",
            "initiator",
            "route",
            "stage",
            "round",
            "created_at",
            "finished_at",
        ]


class ProcessDetailSerializer(ProcessSerializer):
    steps = StepSerializer(many=True)
    history = AuditSerializer(many=True, source="audit_entries")

    class Meta(ProcessSerializer.Meta):
        fields = [*ProcessSerializer.Meta.fields, "steps", "history"]


class ProcessStartSerializer(serializers.Serializer):
    """The envelope of a start: which process, and its form as an object (what is inside is
    the kind's form's to check)."""

    kind = serializers.ChoiceField(choices=[])
    form = serializers.DictField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The kinds register when their apps are ready, after this module is imported.
        self.fields["kind"].choices = [kind.code for kind in kinds.all_kinds()]


class TaskDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=ApprovalStep.Decision.choices)
    remarks = serializers.CharField(required=False, allow_blank=True)


def _form_errors(form):
    return {field: [str(e) for e in errors] for field, errors in form.errors.items()}


class ProcessViewSet(viewsets.ReadOnlyModelViewSet):
    """Processes the caller may see: their own, those they take part in, and (for the head and
    deputies) all of their organisation's."""

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Approval.objects.none()
        return selectors.visible_approvals(self.request.user).prefetch_related(
            "steps__assignee", "steps__on_behalf_of", "steps__version", "audit_entries__actor"
        )

    def get_serializer_class(self):
        return ProcessDetailSerializer if self.action == "retrieve" else ProcessSerializer

    @extend_schema(
        request=inline_serializer(
            "ProcessStart",
            {
                "kind": serializers.ChoiceField(choices=kinds.choices()),
                "form": serializers.DictField(
                    required=False,
                    help_text="Fields of the conclusion, order, amendment or plan form (as on the "
                    "web page; a plan's is {\"plan\": <id of a drafted plan>}, a document's "
                    "{\"document\": <id of an uploaded .docx draft>}); an amendment's "
                    "`operations` is a list of "
                    '{"op": "set|add|replace|repeal", "clause", "text", "words", "replacement"}.',
                ),
            },
        ),
        responses={201: ProcessSerializer, 400: OpenApiResponse(description="Form errors")},
    )
    def create(self, request):
        start = ProcessStartSerializer(data=request.data)
        start.is_valid(raise_exception=True)
        kind = kinds.get(start.validated_data["kind"])
        flow_class, form_class = kind.flow, kind.form
        form = form_class(data=start.validated_data.get("form") or {}, user=request.user)
        if not flow_class.start.can_execute(request.user):
            raise PermissionDenied(_("You cannot start this process."))
        if not form.is_valid():
            return Response(_form_errors(form), status=status.HTTP_400_BAD_REQUEST)
        try:
            approval = runner.start_process(flow_class, form, user=request.user)
        except runner.NotAllowed:
            raise PermissionDenied(_("You cannot start this process.")) from None
        return Response(ProcessSerializer(approval).data, status=status.HTTP_201_CREATED)


class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    """My open tasks; act on one with `decide` (agree / agree with remarks / return) or
    `acknowledge`."""

    serializer_class = TaskSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ApprovalStep.objects.none()
        return selectors.open_steps(self.request.user).select_related(
            "assignee", "version", "approval__process"
        )

    def _run(self, pk, action):
        # DRF's get_object_or_404: a malformed id (`abc`) is a 404 like a missing one.
        step = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            runner.run_task(step, user=self.request.user, action=lambda: action(step))
        except runner.NotAllowed:
            raise PermissionDenied(_("Only the assigned person can act on this task.")) from None
        except services.WorkflowRefused as refusal:
            raise ValidationError({"detail": refusal.message}) from None
        step.refresh_from_db()
        return Response(StepSerializer(step).data)

    @extend_schema(request=TaskDecisionSerializer, responses={200: StepSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        # The body's shape first (an object with a known decision), then the form's rules.
        TaskDecisionSerializer(data=request.data).is_valid(raise_exception=True)
        form = DecisionForm(data=request.data)
        if not form.is_valid():
            return Response(_form_errors(form), status=status.HTTP_400_BAD_REQUEST)
        return self._run(
            pk,
            lambda step: services.decide(
                step,
                user=request.user,
                decision=form.cleaned_data["decision"],
                remarks=form.cleaned_data["remarks"],
            ),
        )

    @extend_schema(request=None, responses={200: StepSerializer})
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        return self._run(pk, lambda step: services.acknowledge(step, user=request.user))
