"""What the documents app announces. Apps above listen (connected in their AppConfig.ready())."""

from django.dispatch import Signal

# Something happened to a document that belongs in its audit log: a status change, a new
# version, an entry from the archive. Arguments: document, action (one of EVENTS), actor (a
# user, or None for the system), details (text), process (the approval behind it, or None).
# The audit log itself is kept by workflows, which listens; sent inside the transaction of the
# change, so the entry commits or rolls back with it.
document_event = Signal()

STATUS, VERSION, ARCHIVE_ENTRY, NEW_REVISION = "status", "version", "archive_entry", "new_revision"
EVENTS = (STATUS, VERSION, ARCHIVE_ENTRY, NEW_REVISION)

# Who may read a document changed (a grant given or taken back; the document's own reader
# fields are announced by its post_save). Argument: document_id. Search listens.
readers_changed = Signal()

# The text of a scanned version was recognised (documents.services.recognition): what search
# reads of the document changed, though no Document row was saved. Arguments: document_id,
# version_id. Sent inside the transaction that stores the text. Search listens (re-index).
text_recognised = Signal()
