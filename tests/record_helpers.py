"""Documents in the states the record allows, reached only through the lifecycle."""

from documents import lifecycle, services


def keeper():
    """A superuser acting as the records office (enters paper documents from the archive)."""
    from orgs.models import User

    user, _created = User.objects.get_or_create(
        username="archive-keeper", defaults={"is_superuser": True, "last_name": "Архивов"}
    )
    return user


def approved(document):
    """`document` approved on paper before the system (entered from the archive, no number):
    a document the registry may register."""
    lifecycle.enter_from_archive(document, actor=keeper(), reason="тест")
    document.refresh_from_db()
    return document


def approved_upload(organization, text, name="x.txt", **fields):
    return approved(
        services.create_document(
            organization=organization, name=name, data=text.encode(), **fields
        )
    )
