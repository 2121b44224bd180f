from celery import shared_task


@shared_task
def enact_due_amendments():
    """Apply signed amendments to regulations on their effective date."""
    from .services import enact_due_amendments as enact  # tasks load before the app registry

    return enact()
