"""The one base of the refusals services raise: a rule said no, with a message for the user."""


class Refused(Exception):
    """A business rule refused the action; `message` is shown to the user as it is. `status`
    is the HTTP status the API answers with (common.api.exception_handler)."""

    status = 400

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


class Conflict(Refused):
    """Refused because of the state the record is in (HTTP 409): e.g. a new version of an
    approved document."""

    status = 409
