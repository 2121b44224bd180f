"""Recognising the text of scans (PDFs without a text layer) in the background.

Storing a scan writes a pending Recognition in the same transaction (`request_recognition`).
With a broker, a task for it is queued after commit; without one (the embedded mode, where a
task would run inside the upload's request) the periodic `recognise_pending` takes it. The
version never changes: the text goes into the Recognition row, and `text_recognised` tells
search to index the document again."""

import logging
import time
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .. import signals
from ..models import DocumentVersion, Recognition

log = logging.getLogger(__name__)
# A claim older than this is taken for a worker that died: another one may start again.
STALE_CLAIM = timedelta(hours=1)


def request_recognition(*, version: DocumentVersion) -> Recognition:
    """A pending recognition of a stored scan; call inside the transaction that stores it."""
    recognition = Recognition.objects.create(version=version)
    transaction.on_commit(partial(_queue, version.pk))
    return recognition


def carry_over(*, source: DocumentVersion, version: DocumentVersion) -> Recognition | None:
    """A version stored with the bytes of a scanned one (a new revision's first version) takes
    its recognised text, or waits for a recognition of its own if it had none yet."""
    previous = Recognition.objects.filter(version=source).first()
    if previous is None:
        return None
    if previous.status != Recognition.Status.DONE:
        return request_recognition(version=version)
    return Recognition.objects.create(
        version=version,
        status=Recognition.Status.DONE,
        text=previous.text,
        pages=previous.pages,
        page_count=previous.page_count,
        finished_at=timezone.now(),
    )


def _queue(version_id: int):
    if not settings.CELERY_BROKER_URL:
        # No worker: an eager task would recognise inside the upload's request. The periodic
        # recognise_pending (run_schedule) takes the row instead.
        return
    from ..tasks import recognise_version  # the task module imports this one

    try:
        recognise_version.delay(version_id)
    except Exception as error:  # broker unreachable: the row waits for the periodic task
        log.warning(
            "recognition of version %s not queued (%s); it will be later", version_id, error
        )


def recognise(version_or_pk) -> Recognition | None:
    """Recognise one pending version (a DocumentVersion or its pk) and store the outcome:
    done with the text, unavailable when this server has no Tesseract with Russian, failed
    with the error otherwise. A row finished, or claimed by another worker, is left as it is;
    None when the version needs no recognition."""
    from .. import ocr  # PDFium and Tesseract load in the worker that recognises, not the web

    version_id = getattr(version_or_pk, "pk", version_or_pk)
    recognition = _claim(version_id)
    if recognition is None:
        return Recognition.objects.filter(version_id=version_id).first()
    try:
        with recognition.version.file.open("rb") as handle:
            data = handle.read()
        result = ocr.recognise_pdf(data, max_pages=settings.DOCUMENT_OCR_MAX_PAGES)
    except ocr.OcrUnavailable as error:
        log.warning("version %s not recognised: %s", version_id, error)
        return _finish(recognition, status=Recognition.Status.UNAVAILABLE, error=str(error))
    except Exception as error:  # a damaged page, Tesseract's failure or timeout: kept, shown
        log.exception("recognition of version %s failed", version_id)
        return _finish(recognition, status=Recognition.Status.FAILED, error=repr(error)[:2000])
    return _finish(
        recognition,
        status=Recognition.Status.DONE,
        text=result.text,
        pages=result.pages,
        page_count=result.page_count,
    )


def recognise_pending(*, limit: int | None = None, seconds: float | None = None) -> dict:
    """Recognise the pending versions, oldest first: at most `limit` of them, and none started
    after `seconds` (the periodic task keeps a round short; the rest wait for the next).
    Returns how many ended in each status ("pending": being recognised elsewhere)."""
    started = time.monotonic()
    pending = Recognition.objects.filter(status=Recognition.Status.PENDING).order_by(
        "created_at", "pk"
    )
    counts = {}
    for version_id in list(pending.values_list("version_id", flat=True)[:limit]):
        if seconds is not None and time.monotonic() - started > seconds:
            break
        recognition = recognise(version_id)
        status = recognition.status if recognition else "gone"
        counts[status] = counts.get(status, 0) + 1
    return counts


def _claim(version_id) -> Recognition | None:
    """The pending row, claimed for this worker (None when there is none to take): two tasks
    for one version, or the queued one and the schedule, recognise it once."""
    now = timezone.now()
    claimed = (
        Recognition.objects.filter(version_id=version_id, status=Recognition.Status.PENDING)
        .filter(Q(started_at__isnull=True) | Q(started_at__lt=now - STALE_CLAIM))
        .update(started_at=now)
    )
    if not claimed:
        return None
    return Recognition.objects.select_related("version").get(version_id=version_id)


def _finish(recognition, *, status, **fields) -> Recognition:
    """Store the outcome unless the claim was lost meanwhile (a stale claim taken over: the
    other worker's outcome stands); on success search is told, in the same transaction."""
    with transaction.atomic():
        stored = Recognition.objects.filter(
            pk=recognition.pk,
            status=Recognition.Status.PENDING,
            started_at=recognition.started_at,
        ).update(status=status, finished_at=timezone.now(), **fields)
        if stored and status == Recognition.Status.DONE:
            signals.text_recognised.send(
                sender=Recognition,
                document_id=recognition.version.document_id,
                version_id=recognition.version_id,
            )
    recognition.refresh_from_db()
    return recognition
