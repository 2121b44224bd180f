from celery import shared_task


@shared_task
def sweep_plan_items():
    """Reminders before plan items are due and escalations of overdue ones."""
    from .services import sweep_items  # task modules load before the app registry

    return sweep_items()
