from common.errors import Refused


class ImportRejected(Refused):
    """The file is unsafe or unreadable; nothing was stored (HTTP 400 in the API)."""
