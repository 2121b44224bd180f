from celery import shared_task


@shared_task
def sweep_plan_items():
    """Reminders before plan items are due and escalations of overdue ones."""
    from .services import sweep_items

    return sweep_items()
