"""Reading uploaded documents: safety checks, .docx/.txt/PDF extraction and structure analysis.

`extract(name, data)` is the single entry point; it raises `ImportRejected` with a message a
user can act on, before anything is stored.
"""

from .analysis import analyse
from .errors import ImportRejected
from .reader import extract

__all__ = ["ImportRejected", "analyse", "extract"]
