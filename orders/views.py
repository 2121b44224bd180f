"""The start pages of orders and amendments (the amendment's changes are rows of the page)."""

from workflows.views import ProcessStartView

from .forms import AmendmentForm, AmendmentOperationFormSet, OrderForm, with_operations


class AmendmentStartView(ProcessStartView):
    """The changes are composed as rows; «Preview» shows the consolidated clauses and their
    redline against the current revision without sending anything."""

    template_name = "orders/amendment_start.html"
    form_class = AmendmentForm

    def get_initial(self):
        return {**super().get_initial(), "regulation": self.request.GET.get("regulation")}

    def rows(self):
        data = self.request.POST if self.request.method == "POST" else None
        return AmendmentOperationFormSet(data, prefix="changes")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "POST" and "changes-TOTAL_FORMS" in self.request.POST:
            # The page sends rows; an API client sends `operations` itself.
            kwargs["data"] = with_operations(kwargs["data"], self.request.POST)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(rows=kwargs.pop("rows", None) or self.rows(), **kwargs)

    def form_valid(self, form):
        if "preview" in self.request.POST or "more" in self.request.POST:
            return self.render_to_response(self.get_context_data(form=form, previewed=True))
        return super().form_valid(form)


class OrderStartView(ProcessStartView):
    form_class = OrderForm
