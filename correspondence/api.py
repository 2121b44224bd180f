"""REST API of correspondence (/api/v1/correspondence/…): the letters' cards the caller may
see, the clerk's registration of an incoming document (multipart), registering a letter that
arrived through the tree, marking an outgoing letter sent; the correspondents' directory.
Outgoing letters are drafted through the processes API (kind «letter»)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from orgs.models import Organization

from . import services
from .models import CHANNELS_BY_HAND, Correspondent, Letter


class LetterSerializer(serializers.ModelSerializer):
    number = serializers.CharField(source="document.number", read_only=True, default="")
    date = serializers.DateField(source="document.date", read_only=True, default=None)

    class Meta:
        model = Letter
        fields = [
            "id", "organization", "direction", "kind", "status", "document", "number", "date",
            "partner_organization", "correspondent", "their_number", "their_date",
            "received_on", "channel", "summary", "in_reply_to", "sent_on", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class CorrespondentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Correspondent
        fields = ["id", "name", "address", "email", "phone"]


class IncomingSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Letter.Kind.choices)
    partner_organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.filter(is_active=True), required=False, allow_null=True
    )
    correspondent = serializers.PrimaryKeyRelatedField(
        queryset=Correspondent.objects.filter(is_active=True), required=False, allow_null=True
    )
    their_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    their_date = serializers.DateField(required=False, allow_null=True)
    received_on = serializers.DateField()
    channel = serializers.ChoiceField(
        choices=CHANNELS_BY_HAND
    )
    summary = serializers.CharField(max_length=5000)
    file = serializers.FileField()
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=services.MAX_ATTACHMENTS
    )


class SendSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(
        choices=CHANNELS_BY_HAND
    )
    sent_on = serializers.DateField(required=False, allow_null=True)


class LetterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = LetterSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Letter.objects.none()
        qs = services.letters_of(self.request.user).select_related("document")
        direction = self.request.query_params.get("direction")
        if direction in Letter.Direction.values:
            qs = qs.filter(direction=direction)
        state = self.request.query_params.get("status")
        if state in Letter.Status.values:
            qs = qs.filter(status=state)
        return qs.order_by("-created_at", "-pk")

    @extend_schema(
        parameters=[
            OpenApiParameter("direction", str, enum=Letter.Direction.values),
            OpenApiParameter("status", str, enum=Letter.Status.values),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=IncomingSerializer, responses={201: LetterSerializer})
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def incoming(self, request):
        """Register an incoming document (the clerk or the head)."""
        serializer = IncomingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        upload = data.pop("file")
        if request.user.organization is None:
            raise services.CorrespondenceRefused(
                _("Only members of an organisation register documents.")
            )
        letter = services.register_incoming(
            clerk=request.user,
            organization=request.user.organization,
            name=upload.name,
            data=upload.read(),
            attachments=[(f.name, f.read()) for f in data.pop("attachments", [])],
            **data,
        )
        return Response(LetterSerializer(letter).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=LetterSerializer)
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        """Register a letter that arrived from an organisation of the tree."""
        letter = services.register_arrived(self.get_object(), clerk=request.user)
        return Response(LetterSerializer(letter).data)

    @extend_schema(request=SendSerializer, responses=LetterSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        """Mark a registered outgoing letter sent (how, when)."""
        serializer = SendSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        letter = services.mark_sent(
            self.get_object(), user=request.user, **serializer.validated_data
        )
        return Response(LetterSerializer(letter).data)


class CorrespondentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The directory of outside correspondents."""

    serializer_class = CorrespondentSerializer
    queryset = Correspondent.objects.filter(is_active=True).order_by("name")

    def perform_create(self, serializer):
        user = self.request.user
        if not services.may_keep(user, user.organization_id):
            raise services.NotKeeper(_("Only the clerk or the head adds correspondents."))
        serializer.save()
