from celery import shared_task


@shared_task
def remind_archive_dues():
    """Once a year per organisation: what is due for the archive, for destruction and for the
    commission's review (archive.services.remind)."""
    from .services import remind  # task modules load before the app registry

    return remind()
