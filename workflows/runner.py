"""Running Viewflow activations outside Viewflow's own views (for the API), with the same
checks its view wrappers make: who may start a flow, who may execute a task, the process lock."""

from django.db import transaction

from . import services


class NotAllowed(Exception):
    pass


def start_process(flow_class, form, *, user):
    """Start `flow_class` for a valid process form, as `user` (workflows.views.ProcessStartView
    does the same inside Viewflow's start wrapper)."""
    node = flow_class.start
    with transaction.atomic():
        activation = node.activation_class.create(node, None, None)
        if not node.can_execute(user, activation.task):
            raise NotAllowed
        _start(activation, user)
        approval = services.submit(form, initiator=user)
        activation.process.artifact = approval
        activation.execute()
        services.link_process(approval, activation.process)
    return approval


def _start(activation, user):
    class _Request:  # Start.start(request) only reads request.user
        pass

    request = _Request()
    request.user = user
    activation.start(request)


def run_task(step, *, user, action):
    """Execute the Viewflow task behind `step` as `user`: `action()` records the decision (a
    service call), then the process moves on."""
    task = step.task
    flow_class = task.flow_task.flow_class
    with flow_class.lock(task.process_id), transaction.atomic():
        task.refresh_from_db()
        activation = task.flow_task.activation_class(task)
        if not task.flow_task.can_execute(user, task) or not activation.start.can_proceed():
            raise NotAllowed
        _start(activation, user)
        action()
        activation.execute()
