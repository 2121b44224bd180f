"""A refused registry action goes back only to an address of this site (issue #20: the
`back` field and the Referer were followed to any host)."""

import pytest

from registry.models import Nomenclature

pytestmark = pytest.mark.django_db


@pytest.fixture
def refused(client, clerk, org_tree):
    """A clerk's approval of a nomenclature: refused (only the head approves)."""
    client.force_login(clerk)
    n = Nomenclature.objects.create(organization=org_tree["centre"], year=2031)
    url = f"/registry/nomenclatures/{n.pk}/approve/"

    def post(**extra):
        data = {"order_number": "5", "order_date": "2026-12-01"}
        if "back" in extra:
            data["back"] = extra.pop("back")
        return client.post(url, data, **extra)

    return post


@pytest.mark.parametrize(
    "address",
    ["https://evil.example/", "//evil.example/x", "http://evil.example/registry/", "javascript:x"],
)
def test_back_to_another_host_is_not_followed(refused, address):
    assert refused(back=address)["Location"] == "/registry/"
    assert refused(HTTP_REFERER=address)["Location"] == "/registry/"


def test_back_to_this_site_is_followed(refused):
    assert refused(back="/registry/journals/")["Location"] == "/registry/journals/"
    referer = "http://testserver/registry/nomenclatures/"
    assert refused(HTTP_REFERER=referer)["Location"] == referer
