from celery import shared_task


@shared_task(bind=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def drain_outbox(self):
    """Index what waits in the outbox (retried with backoff if the engine is down)."""
    from .services import drain_outbox as drain  # task modules load before the app registry

    result = drain()
    if result["failed"]:
        raise RuntimeError(f"{result['failed']} documents could not be indexed yet")
    return result
