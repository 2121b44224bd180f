from celery import shared_task


@shared_task
def sweep_deadlines():
    """Reminders before approval deadlines and escalations after them."""
    from .services import sweep_deadlines as sweep  # task modules load before the apps

    return sweep()


@shared_task
def workflow_timers():
    """Fire Viewflow's due timers and scheduled starts (what `manage.py workflow_timers` does)."""
    # Imported when the task runs: task modules load before the app registry is ready.
    from viewflow.workflow.timers import fire_due_conditions, fire_due_start_timers, fire_due_timers

    return {
        "timers": fire_due_timers(),
        "starts": fire_due_start_timers(),
        "conditions": fire_due_conditions(),
    }

