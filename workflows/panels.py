"""What the approval engine shows on a document's page (documents.panels): its approvals with
their decisions, open tasks and logs, and the document's own history (the audit log)."""

from documents import panels

from .selectors import document_approvals, document_history


def register():
    panels.register_panel("workflows/_document_approvals.html", _approvals, order=10)
    panels.register_panel("workflows/_document_history.html", _history, order=20)


def _approvals(user, document):
    approvals = document_approvals(user, document)
    return {"approvals": approvals} if approvals else None


def _history(user, document):
    history = document_history(user, document)
    return {"history": history} if history else None
