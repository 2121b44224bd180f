"""The head's pages of the organisation's approval routes: every process's stages and the
limits within which its initiators adjust them."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from common.errors import Refused
from orgs.models import User

from . import kinds, services
from .forms import RouteLimitsForm, RouteStageForm, RouteStageFormSet
from .routes import role_label, route_template


class RoutesView(LoginRequiredMixin, TemplateView):
    """The head's page of the organisation's approval routes: stages and limits per process."""

    template_name = "workflows/routes.html"

    def get_context_data(self, **kwargs):
        organization = self.request.user.organization
        if not services.may_edit_routes(self.request.user, organization):
            raise PermissionDenied
        routes = []
        for kind in kinds.all_kinds():
            template = route_template(organization, kind.code)
            routes.append(
                {
                    "kind": kind,
                    "template": template,
                    "own": template.organization_id == organization.pk,
                    "stages": describe_stages(template.stages),
                }
            )
        return super().get_context_data(routes=routes, organization=organization, **kwargs)


def describe_stages(stages) -> list[str]:
    names = {
        u.pk: u.initials_name
        for u in User.objects.filter(
            pk__in={
                spec["user"] for stage in stages for spec in stage["participants"] if "user" in spec
            }
        )
    }
    return [
        ", ".join(
            role_label(spec["role"]) if "role" in spec else names.get(spec["user"], "?")
            for spec in stage["participants"]
        )
        for stage in stages
    ]


class RouteEditView(LoginRequiredMixin, TemplateView):
    template_name = "workflows/route_edit.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.organization = request.user.organization
        if not services.may_edit_routes(request.user, self.organization):
            raise PermissionDenied
        if kwargs["process"] not in {kind.code for kind in kinds.all_kinds()}:
            raise Http404
        self.kind = kinds.get(kwargs["process"])
        self.template = route_template(self.organization, self.kind.code)
        return super().dispatch(request, *args, **kwargs)

    def forms(self, data=None):
        template = self.template
        limits = RouteLimitsForm(
            data,
            initial={
                "restart": template.restart,
                "initiator_may_add": template.initiator_may_add,
                "initiator_may_skip": template.initiator_may_skip,
                "max_stages": template.max_stages,
            },
        )
        stages = RouteStageFormSet(
            data,
            prefix="stages",
            initial=[RouteStageForm.initial_of(stage) for stage in template.stages],
            form_kwargs={"organization": self.organization},
        )
        return limits, stages

    def get(self, request, *args, **kwargs):
        limits, stages = self.forms()
        return self.render_to_response(self.get_context_data(limits=limits, stages=stages))

    def post(self, request, *args, **kwargs):
        limits, stages = self.forms(request.POST)
        if limits.is_valid() and stages.is_valid():
            try:
                services.save_route_template(
                    self.organization,
                    self.kind.code,
                    user=request.user,
                    stages=[s for s in (form.stage() for form in stages) if s],
                    **limits.cleaned_data,
                )
            except Refused as refusal:
                limits.add_error(None, refusal.message)
            else:
                messages.success(request, _("The route is saved."))
                return redirect(reverse("workflow:routes"))
        return self.render_to_response(
            self.get_context_data(limits=limits, stages=stages), status=400
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind=self.kind, organization=self.organization, **kwargs)
