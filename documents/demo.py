"""Demo documents: the five seed documents, imported into the demo organisations. They are
real approved documents of paper days, so each is entered from the archive by the head of its
organisation, as a records office would."""

from pathlib import Path

from orgs.models import Organization, User

from . import lifecycle
from .importer import analyse, extract
from .models import Document
from .services import create_document, find_duplicate

SEEDS_DIR = Path(__file__).resolve().parent / "seeds"

# file prefix -> (organisation code, unit code, author username, who enters it from the archive)
SEEDS = {
    "000": ("school14", "02", "school_deputy", "school_head"),
    "001": ("imc", "02", "senior_methodist", "clerk"),
    "002": ("imc", "02", "methodist", "clerk"),
    "003": ("uo", "02", "uo_head", "uo_head"),
    "004": ("uo", "02", "uo_head", "uo_head"),
}


def load_seed_documents() -> list[tuple[Document, bool]]:
    """Import the seeds once (matched by SHA-256); returns (document, created) pairs."""
    result = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        org_code, unit_code, username, keeper = SEEDS[path.name[:3]]
        organization = Organization.objects.get(code=org_code)
        data = path.read_bytes()
        existing = find_duplicate(organization, data)
        if existing is not None:
            result.append((existing.document, False))
            continue
        document = create_document(
            organization=organization,
            name=path.name,
            data=data,
            author=User.objects.get(username=username),
            unit=organization.units.get(code=unit_code),
            visibility=Document.Visibility.ALL,
            comment="Демонстрационный документ",
        )
        analysis = analyse(extract(path.name, data))
        registered = bool(analysis.number and analysis.date)
        lifecycle.enter_from_archive(
            document,
            actor=User.objects.get(username=keeper),
            number=analysis.number if registered else "",
            date=analysis.date if registered else None,
            reason="Демонстрационный документ",
        )
        document.refresh_from_db()
        result.append((document, True))
    return result
