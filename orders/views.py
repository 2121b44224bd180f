"""The start pages of orders and amendments (the amendment's changes are rows of the page)."""

from workflows.views import ProcessStartView

from .forms import AmendmentForm, OrderForm


class AmendmentStartView(ProcessStartView):
    """The changes are composed as rows; «Preview» shows the consolidated clauses and their
    redline against the current revision without sending anything."""

    template_name = "orders/amendment_start.html"
    form_class = AmendmentForm

    def get_initial(self):
        return {**super().get_initial(), "regulation": self.request.GET.get("regulation")}

    def form_valid(self, form):
        if "preview" in self.request.POST:
            return self.render_to_response(self.get_context_data(form=form, previewed=True))
        return super().form_valid(form)


class OrderStartView(ProcessStartView):
    form_class = OrderForm
