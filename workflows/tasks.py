from celery import shared_task


@shared_task
def sweep_deadlines():
    """Reminders before approval deadlines and escalations after them."""
    from .services import sweep_deadlines as sweep

    return sweep()


@shared_task
def workflow_timers():
    """Fire Viewflow's due timers and scheduled starts (what `manage.py workflow_timers` does)."""
    from viewflow.workflow.timers import fire_due_conditions, fire_due_start_timers, fire_due_timers

    return {
        "timers": fire_due_timers(),
        "starts": fire_due_start_timers(),
        "conditions": fire_due_conditions(),
    }

