"""Case nomenclature and registration: indexes, rollover, final record, templates, refusals."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from registry import services
from registry.models import Case, Journal, Nomenclature, Registration, RetentionRule
from registry.numbering import validate_template
from registry.services import RegistryRefused

from .record_helpers import approved_upload

D = datetime.date


def new_document(org, text="ПРИКАЗ\nО семинаре\n\n1. Провести семинар."):
    return approved_upload(org, text)


# --- indexes ------------------------------------------------------------------------------


def test_index_is_proposed_per_unit_and_validated(org_tree, nomenclature, rules):
    unit1, unit2 = org_tree["units"]["imc-01"], org_tree["units"]["imc-02"]
    assert services.propose_case_index(nomenclature, unit1) == "01-03"
    assert services.propose_case_index(nomenclature, unit2) == "02-01"
    case = services.add_case(nomenclature, unit=unit2, title="Отчёты", retention_rule=rules["five"])
    assert case.index == "02-01"
    with pytest.raises(RegistryRefused, match="уже используется"):
        services.add_case(
            nomenclature, unit=unit1, title="Дубль", index="01-01", retention_rule=rules["five"]
        )
    with pytest.raises(RegistryRefused, match="должен начинаться с кода подразделения 02"):
        services.add_case(
            nomenclature, unit=unit2, title="Чужой", index="01-09", retention_rule=rules["five"]
        )
    with pytest.raises(RegistryRefused, match="например 02-01"):
        services.add_case(
            nomenclature, unit=unit2, title="Плохой", index="2/1", retention_rule=rules["five"]
        )


def test_same_index_in_another_year_or_organisation_is_fine(org_tree, nomenclature, rules):
    other_year = Nomenclature.objects.create(organization=org_tree["centre"], year=2027)
    services.add_case(
        other_year,
        unit=org_tree["units"]["imc-01"],
        title="Приказы",
        index="01-01",
        retention_rule=rules["permanent"],
    )
    school = Nomenclature.objects.create(organization=org_tree["school"], year=2026)
    services.add_case(
        school,
        unit=org_tree["units"]["school-02"],
        title="Отчёты",
        index="02-01",
        retention_rule=rules["five"],
    )


def test_case_epk_follows_the_rule_unless_given(nomenclature, org_tree, rules):
    unit = org_tree["units"]["imc-02"]
    assert (
        services.add_case(
            nomenclature, unit=unit, title="Справки", retention_rule=rules["note"]
        ).epk
        is True
    )
    assert (
        services.add_case(
            nomenclature, unit=unit, title="Справки 2", retention_rule=rules["note"], epk=False
        ).epk
        is False
    )


def test_approval_needs_the_head_cases_and_an_order(org_tree, rules, clerk, head):
    n = Nomenclature.objects.create(organization=org_tree["centre"], year=2027)
    with pytest.raises(RegistryRefused, match="нет дел"):
        services.approve_nomenclature(n, approver=head, order_number="1", order_date=D(2026, 12, 1))
    services.add_case(
        n, unit=org_tree["units"]["imc-01"], title="Приказы", retention_rule=rules["permanent"]
    )
    with pytest.raises(RegistryRefused, match="руководитель"):
        services.approve_nomenclature(
            n, approver=clerk, order_number="1", order_date=D(2026, 12, 1)
        )
    with pytest.raises(RegistryRefused, match="номер и дату"):
        services.approve_nomenclature(n, approver=head, order_number="", order_date=None)
    n = services.approve_nomenclature(
        n, approver=head, order_number="01-12/300", order_date=D(2026, 12, 1)
    )
    assert (n.status, n.order_number, n.approved_by) == ("approved", "01-12/300", head)
    with pytest.raises(RegistryRefused, match="Только проект"):
        services.approve_nomenclature(n, approver=head, order_number="2", order_date=D(2026, 12, 2))


# --- rollover and final record --------------------------------------------------------------


def test_rollover_carries_closes_and_is_idempotent(org_tree, nomenclature, rules):
    carried = nomenclature.cases.get(index="01-01")
    carried.carried_over = True
    carried.save()
    target = services.rollover(org_tree["centre"], 2027)
    assert target.status == "draft" and target.year == 2027
    new_carried = target.cases.get(index="01-01")
    assert new_carried.note == "Переходящее с 2026 г." and new_carried.carried_from == carried
    carried.refresh_from_db()
    assert carried.note == "Переходящее на 2027 г." and carried.closed_on is None
    closing = nomenclature.cases.get(index="01-02")
    assert closing.closed_on == D(2026, 12, 31)
    assert closing.is_open_on(D(2026, 12, 31)) and not closing.is_open_on(D(2027, 1, 1))
    assert target.cases.get(index="01-02").note == ""

    again = services.rollover(org_tree["centre"], 2027)
    assert again == target
    assert target.cases.count() == 2 and Nomenclature.objects.filter(year=2027).count() == 1
    carried.refresh_from_db()
    assert carried.note == "Переходящее на 2027 г."


def test_rollover_needs_an_approved_source(org_tree, db):
    with pytest.raises(RegistryRefused, match="нет утверждённой номенклатуры на 2025"):
        services.rollover(org_tree["centre"], 2026)


def test_rollover_command(org_tree, nomenclature, capsys):
    from django.core.management import call_command

    call_command("nomenclature_rollover", "--organization", "imc", "--year", "2027")
    call_command("nomenclature_rollover", "--organization", "imc", "--year", "2027")
    assert Nomenclature.objects.get(year=2027).cases.count() == 2
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as error:
        call_command("nomenclature_rollover", "--organization", "imc", "--year", "2030")
    assert error.value.returncode == 2


def test_final_record_counts(org_tree, nomenclature, rules):
    unit = org_tree["units"]["imc-02"]
    services.add_case(
        nomenclature, unit=unit, title="Личный состав", retention_rule=rules["long"]
    )  # 75 years, ЭПК
    services.add_case(
        nomenclature, unit=unit, title="Справки", retention_rule=rules["note"], carried_over=True
    )  # 5 years, ЭПК, carried over
    record = services.final_record(nomenclature)
    assert record["permanent"] == {"total": 1, "carried_over": 0, "epk": 0}
    assert record["long"] == {"total": 1, "carried_over": 0, "epk": 1}
    assert record["temporary"] == {"total": 2, "carried_over": 1, "epk": 1}
    assert record["total"] == {"total": 4, "carried_over": 1, "epk": 2}


# --- templates ------------------------------------------------------------------------------


@pytest.mark.parametrize("template", ["{n}", "{case}/{n}", "{n}-од", "{year}-{n}", "№{n} о/д"])
def test_valid_templates(template):
    validate_template(template)


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{num}", "Неизвестный заполнитель {num}"),
        ("{case}/{number}", "Неизвестный заполнитель {number}"),
        ("{case}", "должен содержать {n}"),
        ("{n:03d}", "без параметров"),
        ("{n", "проверьте фигурные скобки"),
    ],
)
def test_invalid_templates_are_refused_clearly(template, message):
    with pytest.raises(ValidationError) as error:
        validate_template(template)
    assert message in error.value.messages[0]


def test_journal_template_checked_on_save_and_in_forms(org_tree, db):
    journal = Journal(
        organization=org_tree["centre"],
        name="Входящие",
        kind="incoming",
        number_template="{n}/{foo}",
    )
    with pytest.raises(RegistryRefused, match="{foo}"):
        services.save_journal(journal)
    with pytest.raises(ValidationError):
        journal.full_clean()
    assert Journal.objects.count() == 0


# --- registration ---------------------------------------------------------------------------


def test_register_gives_number_date_and_files_into_case(journal, document, clerk):
    entry = services.register_document(document, journal, user=clerk, on_date=D(2026, 3, 15))
    document.refresh_from_db()
    assert entry.number == "01-01/1" and entry.case.index == "01-01"
    assert (document.number, document.date, document.status) == (
        "01-01/1",
        D(2026, 3, 15),
        "registered",
    )
    second = services.register_document(
        new_document(document.organization), journal, user=clerk, on_date=D(2026, 3, 16)
    )
    assert second.number == "01-01/2"


def test_numbering_restarts_each_year_unless_continuous(
    journal, document, clerk, org_tree, rules, head
):
    n27 = Nomenclature.objects.create(organization=org_tree["centre"], year=2027)
    services.add_case(
        n27,
        unit=org_tree["units"]["imc-01"],
        title="Приказы",
        index="01-01",
        retention_rule=rules["permanent"],
    )
    services.approve_nomenclature(n27, approver=head, order_number="9", order_date=D(2026, 12, 1))
    services.register_document(document, journal, user=clerk, on_date=D(2026, 5, 1))
    entry = services.register_document(
        new_document(org_tree["centre"]), journal, user=clerk, on_date=D(2027, 1, 10)
    )
    assert entry.number == "01-01/1"
    continuous = services.save_journal(
        Journal(
            organization=org_tree["centre"],
            name="Исходящие",
            kind="outgoing",
            number_template="{n}-исх",
            default_case_index="01-01",
            yearly_reset=False,
        )
    )
    services.register_document(
        new_document(org_tree["centre"]), continuous, user=clerk, on_date=D(2026, 12, 30)
    )
    entry = services.register_document(
        new_document(org_tree["centre"]), continuous, user=clerk, on_date=D(2027, 1, 10)
    )
    assert entry.number == "2-исх"


def test_document_is_registered_at_most_once(journal, document, clerk):
    services.register_document(document, journal, user=clerk, on_date=D(2026, 3, 15))
    with pytest.raises(RegistryRefused, match="уже зарегистрирован: № 01-01/1 от 15.03.2026"):
        services.register_document(document, journal, user=clerk, on_date=D(2026, 3, 16))
    assert Registration.objects.count() == 1


def test_stale_copy_of_a_registered_document_is_refused_too(journal, document, clerk):
    from documents.models import Document

    stale = Document.objects.get(pk=document.pk)  # read before the registration
    services.register_document(document, journal, user=clerk, on_date=D(2026, 3, 15))
    with pytest.raises(RegistryRefused, match="уже зарегистрирован: № 01-01/1"):
        services.register_document(stale, journal, user=clerk, on_date=D(2026, 3, 16))
    assert Registration.objects.count() == 1
    # The refused attempt used no number: the next registration gets 2.
    entry = services.register_document(
        new_document(document.organization), journal, user=clerk, on_date=D(2026, 3, 17)
    )
    assert entry.number == "01-01/2"


def test_refused_without_approved_nomenclature(org_tree, clerk, db):
    journal = services.save_journal(
        Journal(
            organization=org_tree["centre"],
            name="Приказы",
            kind="orders_main",
            number_template="{n}",
        )
    )
    document = new_document(org_tree["centre"])
    with pytest.raises(RegistryRefused, match="нет утверждённой номенклатуры дел на 2026"):
        services.register_document(document, journal, user=clerk, on_date=D(2026, 3, 15))
    draft = Nomenclature.objects.create(organization=org_tree["centre"], year=2026)
    assert draft.status == "draft"
    with pytest.raises(RegistryRefused, match="нет утверждённой номенклатуры"):
        services.register_document(document, journal, user=clerk, on_date=D(2026, 3, 15))
    assert not Registration.objects.exists()
    document.refresh_from_db()
    assert document.number == "" and document.status != "registered"


def test_refused_into_closed_case(journal, document, clerk, nomenclature):
    services.close_case(nomenclature.cases.get(index="01-01"), on_date=D(2026, 6, 30))
    with pytest.raises(RegistryRefused, match="Дело 01-01 закрыто"):
        services.register_document(document, journal, user=clerk, on_date=D(2026, 7, 1))
    assert not Registration.objects.exists()


def test_refused_into_case_of_another_year_or_without_case(
    journal, document, clerk, org_tree, rules
):
    other = Nomenclature.objects.create(organization=org_tree["centre"], year=2027)
    foreign = services.add_case(
        other, unit=org_tree["units"]["imc-01"], title="Приказы", retention_rule=rules["permanent"]
    )
    with pytest.raises(RegistryRefused, match="не входит в утверждённую номенклатуру на 2026"):
        services.register_document(
            document, journal, user=clerk, case=foreign, on_date=D(2026, 3, 1)
        )
    journal.default_case_index = ""
    journal.save()
    with pytest.raises(RegistryRefused, match="Выберите дело"):
        services.register_document(document, journal, user=clerk, on_date=D(2026, 3, 1))


def test_refused_from_another_organisations_journal(journal, org_tree, clerk):
    school_document = new_document(org_tree["school"])
    with pytest.raises(RegistryRefused, match="другой организации"):
        services.register_document(school_document, journal, user=clerk, on_date=D(2026, 3, 1))


def test_reserve_then_use(journal, document, clerk):
    reserved = services.reserve_number(journal, user=clerk, on_date=D(2026, 4, 1))
    assert (reserved.number, reserved.status) == ("01-01/1", "reserved")
    later = services.register_document(
        new_document(document.organization), journal, user=clerk, on_date=D(2026, 4, 2)
    )
    assert later.number == "01-01/2"  # the reserved number is not given to someone else
    used = services.register_document(document, journal, user=clerk, reservation=reserved)
    assert used.pk == reserved.pk and used.status == "registered" and used.number == "01-01/1"
    assert used.date == D(2026, 4, 1)
    with pytest.raises(RegistryRefused, match="не зарезервирован"):
        services.register_document(
            new_document(document.organization), journal, user=clerk, reservation=reserved
        )


def test_cancelled_numbers_stay_and_are_never_reused(journal, document, clerk):
    reserved = services.reserve_number(journal, user=clerk, on_date=D(2026, 4, 1))
    services.cancel(reserved, user=clerk, reason="Приказ не подписан")
    entry = services.register_document(document, journal, user=clerk, on_date=D(2026, 4, 2))
    assert entry.number == "01-01/2"
    with pytest.raises(RegistryRefused, match="Укажите причину"):
        services.cancel(entry, user=clerk, reason=" ")
    services.cancel(entry, user=clerk, reason="Ошибка регистрации")
    document.refresh_from_db()
    assert document.number == "" and document.status == "approved"
    with pytest.raises(RegistryRefused, match="уже аннулирован"):
        services.cancel(entry, user=clerk, reason="ещё раз")
    again = services.register_document(document, journal, user=clerk, on_date=D(2026, 4, 3))
    assert again.number == "01-01/3"
    statuses = list(Registration.objects.order_by("sequence").values_list("sequence", "status"))
    assert statuses == [(1, "cancelled"), (2, "cancelled"), (3, "registered")]


def test_case_lists_documents_in_registration_order(journal, clerk, org_tree, nomenclature):
    from registry.selectors import case_documents

    first = new_document(org_tree["centre"], "ПРИКАЗ\nО первом\n\n1. Текст.")
    second = new_document(org_tree["centre"], "ПРИКАЗ\nО втором\n\n1. Текст.")
    services.register_document(second, journal, user=clerk, on_date=D(2026, 2, 1))
    services.register_document(first, journal, user=clerk, on_date=D(2026, 2, 2))
    case = nomenclature.cases.get(index="01-01")
    assert [r.document for r in case_documents(case)] == [second, first]


def test_close_case_twice_is_refused(nomenclature):
    case = nomenclature.cases.first()
    services.close_case(case, on_date=D(2026, 12, 31))
    assert Case.objects.get(pk=case.pk).status == "closed"
    with pytest.raises(RegistryRefused, match="уже закрыто"):
        services.close_case(case)


def test_admin_refuses_an_unknown_placeholder(client, org_tree, db):
    from orgs.models import User

    User.objects.create_superuser("root", password="pw")
    client.login(username="root", password="pw")
    response = client.post(
        "/admin/registry/journal/add/",
        {
            "organization": org_tree["centre"].pk,
            "name": "Входящие",
            "kind": "incoming",
            "number_template": "{n}/{foo}",
            "default_case_index": "",
            "yearly_reset": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "Неизвестный заполнитель {foo}" in response.content.decode()
    assert not Journal.objects.exists()


def test_retention_rules_are_data_loaded_from_the_shipped_file(db):
    import json
    from pathlib import Path

    shipped = Path(services.__file__).parent.parent / "data" / "retention.json"
    data = json.loads(shipped.read_text())
    assert RetentionRule.objects.count() == len(data)
    orders = RetentionRule.objects.get(title="Приказы по основной деятельности")
    assert (orders.article, orders.is_permanent, orders.period_label) == (
        "19а",
        True,
        "Постоянно, ст. 19а",
    )
    # Where the item is not certain, the entry is marked for the expert commission.
    unsure = RetentionRule.objects.get(title="Приказы по административно-хозяйственным вопросам")
    assert unsure.needs_check and "экспертной комиссией" in unsure.note


def test_case_index_can_be_edited_with_validation(nomenclature, rules):
    case = nomenclature.cases.get(index="01-02")
    with pytest.raises(RegistryRefused, match="уже используется"):
        services.update_case(case, index="01-01")
    with pytest.raises(RegistryRefused, match="например 01-01"):
        services.update_case(case, index="1-2-3")
    updated = services.update_case(case, index="01-10", title="Приказы по АХВ")
    assert (updated.index, updated.title) == ("01-10", "Приказы по АХВ")
    with pytest.raises(ValidationError) as error:
        Case(
            nomenclature=nomenclature,
            unit=case.unit,
            index="01-01",
            title="x",
            retention_rule=rules["five"],
        ).full_clean()
    assert "index" in error.value.message_dict


def test_case_edit_page_and_api(client, clerk, nomenclature):
    client.force_login(clerk)
    case = nomenclature.cases.get(index="01-02")
    assert client.get(f"/registry/cases/{case.pk}/edit/").status_code == 200
    page = client.post(
        f"/registry/cases/{case.pk}/edit/",
        {
            "unit": case.unit_id,
            "title": case.title,
            "index": "01-01",
            "retention_rule": case.retention_rule_id,
            "volumes": 2,
            "epk": "unknown",
            "note": "",
        },
    )
    assert "уже используется" in page.content.decode()
    response = client.patch(
        f"/api/v1/cases/{case.pk}/",
        {"index": "01-07", "volumes": 3},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["index"] == "01-07"
    bad = client.patch(
        f"/api/v1/cases/{case.pk}/", {"index": "01-01"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "уже используется" in bad.json()["detail"]


def test_the_number_is_taken_after_the_status_change_and_its_log_entry(
    journal, document, clerk, monkeypatch
):
    """Every registration of a journal waits for its counter row, locked from the moment the
    number is taken to the commit: the registry takes it after the status change and its
    audit entry are written, so the lock covers only the entry, the number and the commit."""
    from registry.services import registration
    from workflows.models import AuditEntry

    seen = []
    original = registration._next_sequence
    logged = AuditEntry.objects.filter(document=document, action="status").count()

    def taking(journal, series):
        document.refresh_from_db()
        seen.append(
            (
                document.status,
                document.number,
                AuditEntry.objects.filter(document=document, action="status").count() - logged,
            )
        )
        return original(journal, series)

    monkeypatch.setattr(registration, "_next_sequence", taking)
    entry = services.register_document(document, journal, user=clerk, on_date=D(2026, 3, 2))
    assert seen == [("registered", "", 1)]  # the status and its log in, no number yet
    document.refresh_from_db()
    assert (document.status, document.number) == ("registered", entry.number)
    assert Registration.objects.get(document=document).number == entry.number
