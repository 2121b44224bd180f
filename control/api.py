"""REST API of control of execution (/api/v1/assignments/…): the lists, an assignment and its
actions, resolutions, extension decisions and the discipline report. The same services as
the pages; a refusal answers with its Russian message (common.api)."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from documents.selectors import visible_documents
from orgs.models import User

from . import selectors, services, sources
from .models import Assignment, Extension


class AssignmentSerializer(serializers.ModelSerializer):
    executor_name = serializers.CharField(source="executor.get_full_name", read_only=True)
    controller_name = serializers.CharField(source="controller.get_full_name", read_only=True)
    state = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = [
            "id", "organization", "document", "source", "source_id", "resolution", "parent",
            "text", "executor", "executor_name", "role", "controller", "controller_name",
            "deadline", "original_deadline", "status", "state", "created_at", "reported_at",
            "report", "result_document", "completed_on", "closed_at", "remarks", "url",
        ]  # fmt: skip
        read_only_fields = fields

    def get_state(self, obj) -> str:
        return obj.state(timezone.localdate())

    def get_url(self, obj) -> str:
        return sources.url_of(obj)


class ExtensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Extension
        fields = [
            "id", "assignment", "requested_by", "previous_deadline", "deadline", "reason",
            "status", "decided_by", "remarks", "created_at", "decided_at",
        ]  # fmt: skip
        read_only_fields = fields


def _staff():
    return User.objects.filter(is_active=True)


class ReportSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)
    result_document = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class DelegateSerializer(serializers.Serializer):
    executor = serializers.PrimaryKeyRelatedField(queryset=_staff())
    text = serializers.CharField(max_length=5000)
    deadline = serializers.DateField(required=False, allow_null=True)
    working_days = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=366
    )


class ExtensionRequestSerializer(serializers.Serializer):
    deadline = serializers.DateField()
    reason = serializers.CharField(max_length=2000)


class RemarksSerializer(serializers.Serializer):
    remarks = serializers.CharField(max_length=2000)


class DecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    remarks = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ResolutionSerializer(serializers.Serializer):
    document = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    text = serializers.CharField(max_length=5000)
    executor = serializers.PrimaryKeyRelatedField(queryset=_staff())
    co_executors = serializers.PrimaryKeyRelatedField(
        queryset=_staff(), many=True, required=False
    )
    controller = serializers.PrimaryKeyRelatedField(
        queryset=_staff(), required=False, allow_null=True
    )
    deadline = serializers.DateField(required=False, allow_null=True)
    working_days = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=366
    )


LIST_PARAMETERS = [
    OpenApiParameter("which", str, enum=["mine", "control", "all"], description="Whose list"),
    OpenApiParameter(
        "state", str, enum=["open", "overdue", "reported", "done"], description="Which state"
    ),
]


class AssignmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Поручения the caller may see; actions as the executor or the controller."""

    serializer_class = AssignmentSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Assignment.objects.none()
        if self.action == "list":
            which = self.request.query_params.get("which", "mine")
            state = self.request.query_params.get("state", "")
            return selectors.listing(self.request.user, which=which, state=state)
        return selectors.visible_assignments(self.request.user)

    @extend_schema(parameters=LIST_PARAMETERS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _act(self, serializer_class, do):
        assignment = self.get_object()
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        result = do(assignment, serializer.validated_data)
        if isinstance(result, Extension):
            return Response(ExtensionSerializer(result).data, status=status.HTTP_201_CREATED)
        code = status.HTTP_201_CREATED if result.pk != assignment.pk else status.HTTP_200_OK
        return Response(AssignmentSerializer(result).data, status=code)

    @extend_schema(request=ReportSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        def do(assignment, data):
            document = None
            if data.get("result_document"):
                document = get_object_or_404(
                    visible_documents(request.user), pk=data["result_document"]
                )
            return services.report(
                assignment, user=request.user, text=data["text"], result_document=document
            )

        return self._act(ReportSerializer, do)

    @extend_schema(request=DelegateSerializer, responses={201: AssignmentSerializer})
    @action(detail=True, methods=["post"])
    def delegate(self, request, pk=None):
        return self._act(
            DelegateSerializer,
            lambda assignment, data: services.delegate(assignment, user=request.user, **data),
        )

    @extend_schema(request=ExtensionRequestSerializer, responses={201: ExtensionSerializer})
    @action(detail=True, methods=["post"])
    def extension(self, request, pk=None):
        return self._act(
            ExtensionRequestSerializer,
            lambda assignment, data: services.request_extension(
                assignment, user=request.user, **data
            ),
        )

    @extend_schema(request=None, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        assignment = services.accept(self.get_object(), user=request.user)
        return Response(AssignmentSerializer(assignment).data)

    @extend_schema(request=RemarksSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request, pk=None):
        return self._act(
            RemarksSerializer,
            lambda assignment, data: services.send_back(assignment, user=request.user, **data),
        )


class ExtensionViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ExtensionSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Extension.objects.none()
        visible = selectors.visible_assignments(self.request.user).values("pk")
        return Extension.objects.filter(assignment_id__in=visible)

    @extend_schema(request=DecisionSerializer, responses=ExtensionSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        extension = services.decide_extension(
            self.get_object(), user=request.user, **serializer.validated_data
        )
        return Response(ExtensionSerializer(extension).data)


class ResolutionView(APIView):
    """A resolution on a document: its executors get поручения."""

    @extend_schema(request=ResolutionSerializer, responses={201: AssignmentSerializer(many=True)})
    def post(self, request):
        serializer = ResolutionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        document = get_object_or_404(visible_documents(request.user), pk=data.pop("document"))
        if not services.may_resolve(request.user, document):
            # As the page: a document seen but not one's own organisation's is forbidden.
            raise PermissionDenied(
                _("Only the head or a deputy of the organisation writes resolutions on its "
                  "documents.")
            )
        resolution = services.write_resolution(
            document=document, author=request.user, **data
        )
        return Response(
            AssignmentSerializer(resolution.assignments.order_by("pk"), many=True).data,
            status=status.HTTP_201_CREATED,
        )


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()

    def validate(self, data):
        if data["start"] > data["end"]:
            raise serializers.ValidationError(_("The period ends before it starts."))
        if data["end"] - data["start"] > datetime.timedelta(days=3660):
            raise serializers.ValidationError(_("The period is longer than ten years."))
        return data


class DisciplineView(APIView):
    """Исполнительская дисциплина for the поручения due in the period."""

    @extend_schema(
        parameters=[
            OpenApiParameter("start", datetime.date, required=True),
            OpenApiParameter("end", datetime.date, required=True),
        ],
        responses={200: dict},
    )
    def get(self, request):
        serializer = PeriodSerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        report = selectors.discipline(request.user, **serializer.validated_data)
        keep = ("name", "total", "done_on_time", "done_late", "overdue", "open", "on_time_share")
        return Response(
            {
                "start": report["start"],
                "end": report["end"],
                "today": report["today"],
                "total": report["total"],
                **{
                    key: [{k: row[k] for k in keep} for row in report[key]]
                    for key in ("organizations", "units", "people")
                },
            }
        )
