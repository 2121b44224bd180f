"""The registry's refusal."""

from common.errors import Refused


class RegistryRefused(Refused):
    """A rule of the registry said no (HTTP 400 in the API)."""
