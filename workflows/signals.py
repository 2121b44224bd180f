"""What the approval engine announces. Apps above it listen (connected in their
AppConfig.ready() with a dispatch_uid); the engine never calls them by name."""

from django.dispatch import Signal

# An approval ended. Arguments: approval (workflows.Approval), outcome (DONE: the document was
# approved and registered and the process ran to its end; CANCELLED: withdrawn). Sent after
# the transaction commits, so a listener sees the committed record and cannot undo it; a
# listener that writes does so in its own transaction. The place for what follows an approval
# in other apps (e.g. putting a signed order on control of execution).
approval_finished = Signal()

DONE, CANCELLED = "done", "cancelled"
OUTCOMES = (DONE, CANCELLED)
