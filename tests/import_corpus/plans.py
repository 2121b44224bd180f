"""Work plans (ПЛАН, ПЛАН РАБОТЫ) with their plan tables."""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from . import (
    Sample,
    blank,
    centred,
    layout_table,
    new_document,
    plan_table,
    right,
    to_bytes,
)

HEADER5 = ["№ п/п", "Мероприятие", "Сроки", "Ответственный", "Форма результата"]


def _items(rows, keys=("number", "activity", "due", "responsible", "result_form")):
    """Expected plan items from the rows of a plan table, each with the section row above it."""
    items, section = [], ""
    for row in rows:
        if isinstance(row, str):
            section = row
            continue
        items.append({**dict(zip(keys, row, strict=True)), "section": section})
    return items


# --- МАОУ «Гимназия № 3»: plan of the methodical council, section rows across the table ---------

COUNCIL_ROWS = [
    "1. Организационная работа",
    ["1.1", "Утверждение плана работы методического совета", "август", "Кузнецова Е.П.",
     "протокол"],
    ["1.2", "Формирование состава творческих групп педагогов", "сентябрь", "руководители ШМО",
     "приказ"],
    "2. Методическая работа",
    ["2.1", "Семинар «Функциональная грамотность: формирование и оценка»", "ноябрь",
     "Кузнецова Е.П., Смирнова Т.В.", "методическая разработка"],
    ["2.2", "Анализ результатов всероссийских проверочных работ", "май", "руководители ШМО",
     "аналитическая справка"],
    "3. Работа с молодыми специалистами",
    ["3.1", "Организация наставничества", "в течение года", "Смирнова Т.В.", "приказ"],
]


def methodical_council_plan() -> bytes:
    document = new_document()
    right(
        document,
        "УТВЕРЖДАЮ",
        "Директор МАОУ «Гимназия № 3»",
        "____________ О.А. Иванова",
        "«29» августа 2025 г.",
    )
    blank(document)
    centred(
        document,
        "ПЛАН РАБОТЫ",
        "методического совета МАОУ «Гимназия № 3»",
        "на 2025/2026 учебный год",
        bold=True,
    )
    blank(document)
    plan_table(document, HEADER5, COUNCIL_ROWS)
    blank(document)
    document.add_paragraph("Заместитель директора по УВР ____________ Е.П. Кузнецова")
    return to_bytes(document)


# --- МБОУ «СОШ № 14»: plan of the primary school ШМО, РАССМОТРЕНО | УТВЕРЖДЕН, Roman rows -------

SHMO_ROWS = [
    "I. Заседания методического объединения",
    ["1", "Анализ работы ШМО за 2024/2025 учебный год", "август", "Волкова Л.М."],
    ["2", "Итоги входных контрольных работ", "октябрь", "учителя начальных классов"],
    ["3", "Преемственность начального и основного общего образования", "март",
     "Волкова Л.М., Кузнецова Е.П."],
    "II. Работа с одарёнными детьми",
    ["4", "Школьный этап олимпиады по русскому языку и математике", "октябрь",
     "учителя 4-х классов"],
    ["5", "Научно-практическая конференция «Первые шаги в науку»", "апрель", "Волкова Л.М."],
]


def primary_shmo_plan() -> bytes:
    document = new_document()
    layout_table(
        document,
        [
            [
                "РАССМОТРЕНО",
                "на заседании ШМО учителей начальных классов",
                "протокол № 1 от 26.08.2025",
            ],
            [
                "УТВЕРЖДЕН",
                "приказом директора МБОУ «СОШ № 14»",
                "от 29.08.2025 № 214 о/д",
            ],
        ],
    )
    blank(document, 2)
    centred(document, "ПЛАН", bold=True)
    centred(
        document,
        "работы школьного методического объединения учителей начальных классов",
        "на 2025/2026 учебный год",
    )
    blank(document)
    plan_table(document, ["№", "Содержание работы", "Сроки проведения", "Ответственные"],
               SHMO_ROWS)
    blank(document)
    document.add_paragraph("Руководитель ШМО учителей начальных классов")
    document.add_paragraph("__________ Л.М. Волкова")
    return to_bytes(document)


# --- МКУ «ИМЦ»: the monitoring department's plan for a calendar year, no section rows ------------

MONITORING_ROWS = [
    ["1", "Мониторинг адаптации обучающихся 1-х и 5-х классов", "октябрь", "Лебедева А.В.",
     "аналитическая справка"],
    ["2", "Анализ результатов ГИА-9 и ГИА-11", "август", "Лебедева А.В., Соколова Н.Н.",
     "отчёт"],
    ["3", "Совещание заместителей директоров по УВР", "ежеквартально", "Соколова Н.Н.",
     "протокол"],
]
IMC_NAME = "Муниципальное казённое учреждение «Информационно-методический центр»"
UO_NAME = "Управление образования и молодёжной политики администрации города Рязани"


def monitoring_plan() -> bytes:
    document = new_document()
    layout_table(
        document,
        [
            [UO_NAME, IMC_NAME],
            ["УТВЕРЖДЕН", "приказом МКУ «ИМЦ»", "от 25.12.2024 № 01-12/358"],
        ],
        aligns=[WD_ALIGN_PARAGRAPH.CENTER, None],
    )
    blank(document)
    centred(document, "ПЛАН РАБОТЫ", "отдела мониторинга на 2025 год", bold=True)
    blank(document)
    plan_table(document, HEADER5, MONITORING_ROWS)
    blank(document)
    document.add_paragraph("Начальник отдела мониторинга")
    document.add_paragraph("____________ А.В. Лебедева")
    return to_bytes(document)


# --- МАОУ «Гимназия № 3»: «ПЛАН» over lower-case lines, СОГЛАСОВАНО | УТВЕРЖДЕН ----------------

MEDIATION_ROWS = [
    ["1", "Утверждение состава службы медиации", "сентябрь", "Петров А.С.", "приказ"],
    ["2", "Обучение медиаторов из числа обучающихся 8–10 классов", "октябрь–ноябрь",
     "Петров А.С.", "программа обучения"],
    ["3", "Проведение восстановительных программ", "по мере обращений", "медиаторы службы",
     "регистрационная карточка"],
    ["4", "Отчёт о работе службы за учебный год", "май", "Петров А.С.", "отчёт"],
]


def mediation_plan() -> bytes:
    document = new_document()
    layout_table(
        document,
        [
            [
                "СОГЛАСОВАНО",
                "Председатель Управляющего совета",
                "____________ Т.В. Белова",
                "28.08.2025",
            ],
            ["УТВЕРЖДЕН", "приказом МАОУ «Гимназия № 3»", "от 28.08.2025 № 77-о/д"],
        ],
    )
    blank(document)
    centred(document, "ПЛАН", bold=True)
    centred(document, "работы школьной службы медиации", "на 2025/2026 учебный год")
    blank(document)
    plan_table(document, HEADER5, MEDIATION_ROWS)
    blank(document)
    document.add_paragraph("Руководитель службы медиации ____________ А.С. Петров")
    return to_bytes(document)


SAMPLES = [
    # Shapes 2 (ПЛАН РАБОТЫ over three lines with «Гимназия № 3»), 10 (section rows merged
    # across the table, items under them, signature under the table); УТВЕРЖДАЮ as paragraphs.
    Sample("gymnasium3-methodical-council-plan", "gymnasium3-plan-ms.docx",
           methodical_council_plan, {
        "kind": "plan",
        "kind_heading": "ПЛАН РАБОТЫ",
        "title": "ПЛАН РАБОТЫ методического совета МАОУ «Гимназия № 3» на 2025/2026 учебный год",
        "number": None,
        "date": None,
        "approval": {"stamp": "УТВЕРЖДАЮ", "position": "Директор МАОУ «Гимназия № 3»",
                     "name": "О.А. Иванова", "date": "2025-08-29", "order_number": None},
        "stamps": [{"kind": "approval", "word": "УТВЕРЖДАЮ", "name": "О.А. Иванова",
                    "date": "2025-08-29", "act": None}],
        "preamble": "",
        "plan_sections": [row for row in COUNCIL_ROWS if isinstance(row, str)],
        "plan_items": _items(COUNCIL_ROWS),
        "signatures": [{"position": "Заместитель директора по УВР", "name": "Е.П. Кузнецова"}],
    }),
    # Shapes 2 (lower-case title lines under «ПЛАН»), 6 (РАССМОТРЕНО на заседании ШМО … протокол
    # № 1 от 26.08.2025 left, УТВЕРЖДЕН приказом … right), 7 (two-line signature), 10 (Roman
    # section rows); four columns, no result form.
    Sample("sosh14-primary-shmo-plan", "sosh14-shmo-plan.docx", primary_shmo_plan, {
        "kind": "plan",
        "kind_heading": "ПЛАН",
        "title": "ПЛАН работы школьного методического объединения учителей начальных классов "
                 "на 2025/2026 учебный год",
        "number": None,
        "date": None,
        "approval": {"stamp": "УТВЕРЖДЕН", "by": "приказом директора МБОУ «СОШ № 14»",
                     "order_number": "214 о/д", "order_date": "2025-08-29"},
        "stamps": [
            {"kind": "consideration", "word": "РАССМОТРЕНО",
             "body": "на заседании ШМО учителей начальных классов",
             "act": {"type": "протокол", "number": "1", "date": "2025-08-26"}, "date": None},
            {"kind": "approval", "word": "УТВЕРЖДЕН",
             "act": {"type": "приказ", "number": "214 о/д", "date": "2025-08-29"}},
        ],
        "preamble": "",
        "plan_sections": ["I. Заседания методического объединения",
                          "II. Работа с одарёнными детьми"],
        "plan_items": _items(SHMO_ROWS, keys=("number", "activity", "due", "responsible")),
        "signatures": [{"position": "Руководитель ШМО учителей начальных классов",
                        "name": "Л.М. Волкова"}],
    }),
    # Shape 11 (parent body and organisation in the left cell), an УТВЕРЖДЕН order stamp with
    # «№ 01-12/358» under it; shape 7 (two-line signature); no section rows.
    Sample("imc-monitoring-plan-2025", "imc-plan-2025.docx", monitoring_plan, {
        "kind": "plan",
        "title": "ПЛАН РАБОТЫ отдела мониторинга на 2025 год",
        "number": None,
        "organization": {"name": IMC_NAME, "parent": UO_NAME},
        "approval": {"stamp": "УТВЕРЖДЕН", "by": "приказом МКУ «ИМЦ»",
                     "order_number": "01-12/358", "order_date": "2024-12-25"},
        "preamble": "",
        "plan_sections": [],
        "plan_items": _items(MONITORING_ROWS),
        "signatures": [{"position": "Начальник отдела мониторинга", "name": "А.В. Лебедева"}],
    }),
    # Shapes 1 (УТВЕРЖДЕН приказом МАОУ «Гимназия № 3» от 28.08.2025 № 77-о/д), 2 (lower-case
    # lines under «ПЛАН»), 6 (СОГЛАСОВАНО with the chair's name and date), 10 (signature under
    # the table).
    Sample("gymnasium3-mediation-plan", "gymnasium3-plan-mediation.docx", mediation_plan, {
        "kind": "plan",
        "kind_heading": "ПЛАН",
        "title": "ПЛАН работы школьной службы медиации на 2025/2026 учебный год",
        "number": None,
        "date": None,
        "approval": {"stamp": "УТВЕРЖДЕН", "by": "приказом МАОУ «Гимназия № 3»",
                     "order_number": "77-о/д", "order_date": "2025-08-28", "name": None},
        "stamps": [
            {"kind": "agreement", "word": "СОГЛАСОВАНО",
             "position": "Председатель Управляющего совета", "name": "Т.В. Белова",
             "date": "2025-08-28", "act": None},
            {"kind": "approval", "word": "УТВЕРЖДЕН",
             "act": {"type": "приказ", "number": "77-о/д", "date": "2025-08-28"}},
        ],
        "preamble": "",
        "plan_sections": [],
        "plan_items": _items(MEDIATION_ROWS),
        "signatures": [{"position": "Руководитель службы медиации", "name": "А.С. Петров"}],
    }),
]
