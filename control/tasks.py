from celery import shared_task


@shared_task
def sweep_assignments():
    """Reminders before поручения are due and escalations of overdue ones."""
    from .services import sweep  # task modules load before the app registry

    return sweep()
