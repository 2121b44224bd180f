class ImportRejected(Exception):
    """The file cannot be imported; the message says why in the user's language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)
