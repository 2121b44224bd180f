from workflows.views import ProcessStartView

from .forms import ConclusionForm


class ConclusionStartView(ProcessStartView):
    form_class = ConclusionForm
