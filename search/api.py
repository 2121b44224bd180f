"""GET /api/v1/search/?q=…&kind=…&organization=…&year=…&category=…&status=…&sort=…&page=…"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .backends import get_backend
from .backends.base import FILTERS
from .serialize import results_json


class SearchParams(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, default="")
    kind = serializers.CharField(required=False)
    organization = serializers.CharField(required=False)
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2100)
    category = serializers.CharField(required=False)
    status = serializers.CharField(required=False)
    sort = serializers.ChoiceField(choices=["relevance", "date"], default="relevance")
    page = serializers.IntegerField(required=False, min_value=1, default=1)
    per_page = serializers.IntegerField(required=False, min_value=1, max_value=100, default=20)


class HitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    number = serializers.CharField(allow_null=True)
    date = serializers.DateField(allow_null=True)
    score = serializers.FloatField()
    highlight = serializers.CharField()
    clause = serializers.DictField(allow_null=True)


class ResultsSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    count_exact = serializers.BooleanField(
        help_text="False when the engine stopped counting: count and facets are lower bounds."
    )
    results = HitSerializer(many=True)
    facets = serializers.DictField()


class SearchView(APIView):
    """Documents the caller may read, best first; facets count the whole result."""

    @extend_schema(
        parameters=[
            OpenApiParameter(name, str, required=False)
            for name in ("q", *FILTERS, "sort", "page", "per_page")
        ],
        responses={200: ResultsSerializer},
    )
    def get(self, request):
        params = SearchParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        results = get_backend().search(
            data["q"],
            user=request.user,
            filters={k: data[k] for k in FILTERS if data.get(k)},
            sort=data["sort"],
            page=data["page"],
            per_page=data["per_page"],
        )
        return Response(results_json(results))
