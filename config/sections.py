"""The application frame's sections before their own screens land: a titled landing page."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import path
from django.views.generic import TemplateView
from viewflow.urls import Application


class SectionView(LoginRequiredMixin, TemplateView):
    template_name = "reglament/section.html"
    empty_text = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.request.resolver_match.app.title
        context["empty_text"] = self.empty_text
        return context


class Section(Application):
    """A menu section whose index page says what will appear there."""

    empty_text = ""
    menu_template_name = None  # a single page, no sub-menu

    @property
    def index_path(self):
        return path("", SectionView.as_view(empty_text=self.empty_text), name="index")
