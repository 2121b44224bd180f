from celery import shared_task

# A round of the periodic task stops starting new recognitions after this many seconds: in
# the embedded mode run_schedule runs every entry in one process, and reminders must not wait
# behind a queue of scans.
ROUND_SECONDS = 240


@shared_task
def recognise_pending():
    """Recognise the text of the scans waiting for it (those no queued task took)."""
    from .services.recognition import recognise_pending as run  # tasks load before the models

    return run(seconds=ROUND_SECONDS)


@shared_task
def recognise_version(version_id):
    """Recognise one stored scan, queued after its upload when a broker is configured."""
    from .services.recognition import recognise  # (see above)

    recognition = recognise(version_id)
    return recognition.status if recognition else None
