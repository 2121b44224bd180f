"""Regulations (ПОЛОЖЕНИЕ) of schools and of the methodological centre."""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from . import (
    LAW_273,
    UNREGISTERED,
    Sample,
    act,
    add_multilevel_list,
    blank,
    body,
    by_order,
    centred,
    layout_table,
    new_document,
    numbered,
    order_stamp,
    protocol_stamp,
    right,
    signed,
    signed_approval,
    text_table,
    to_bytes,
    txt,
)

GYMNASIUM3_ORDER = "приказом МАОУ «Гимназия № 3»"

# --- МАОУ «Гимназия № 3»: the portfolio regulation, as .docx and as .txt ------------------------

PORTFOLIO_ADOPTED = ["ПРИНЯТО", "на заседании педагогического совета", "протокол от 27.08.2025 № 1"]
PORTFOLIO_APPROVED = ["УТВЕРЖДЕНО", GYMNASIUM3_ORDER, "от 28.08.2025 № 77-о/д"]
PORTFOLIO_TITLE = ["ПОЛОЖЕНИЕ", "о портфолио обучающегося"]
PORTFOLIO_TASKS = [
    "- поддержка учебной мотивации обучающихся;",
    "- развитие навыков самооценки;",
    "- формирование умения планировать свою деятельность.",
]
# (section title, [clause text, or (clause text, lines under it)])
PORTFOLIO = [
    ("Общие положения", [
        f"Настоящее положение разработано в соответствии с {LAW_273}, федеральными "
        "государственными образовательными стандартами и уставом МАОУ «Гимназия № 3».",
        "Положение определяет назначение, структуру и порядок ведения портфолио.",
        "Портфолио является способом накопления индивидуальных достижений обучающегося.",
    ]),
    ("Цели и задачи ведения портфолио", [
        "Цель ведения портфолио – отслеживание индивидуального прогресса обучающегося.",
        ("Задачи ведения портфолио:", PORTFOLIO_TASKS),
    ]),
    ("Структура портфолио", [
        "Портфолио включает разделы «Мои достижения», «Мои работы», «Отзывы».",
        "Портфолио ведётся обучающимся при участии классного руководителя.",
    ]),
]


def _clauses(clauses):
    for clause in clauses:
        yield (clause, []) if isinstance(clause, str) else clause


def portfolio_docx() -> bytes:
    document = new_document()
    layout_table(document, [PORTFOLIO_ADOPTED, PORTFOLIO_APPROVED])
    blank(document)
    centred(document, *PORTFOLIO_TITLE, bold=True)
    blank(document)
    num = add_multilevel_list(document)
    for title, clauses in PORTFOLIO:
        numbered(document, title, num, 0).runs[0].bold = True
        for text, lines in _clauses(clauses):
            numbered(document, text, num, 1)
            body(document, *lines)
    return to_bytes(document)


def portfolio_txt() -> bytes:
    lines = [*PORTFOLIO_ADOPTED, "", *PORTFOLIO_APPROVED, "", "", *PORTFOLIO_TITLE, ""]
    for s, (title, clauses) in enumerate(PORTFOLIO, 1):
        lines.append(f"{s}. {title}")
        for c, (text, extra) in enumerate(_clauses(clauses), 1):
            lines += [f"{s}.{c}. {text}", *extra]
        lines.append("")
    return txt(*lines)


PORTFOLIO_EXPECTED = {
    "kind": "regulation",
    "kind_heading": "ПОЛОЖЕНИЕ",
    "title": "ПОЛОЖЕНИЕ о портфолио обучающегося",
    **UNREGISTERED,
    "approval": by_order("УТВЕРЖДЕНО", GYMNASIUM3_ORDER, "77-о/д", "2025-08-28",
                         position=None, name=None, date=None, appendix=None),
    "stamps": [
        protocol_stamp("adoption", "ПРИНЯТО", "на заседании педагогического совета", "1",
                       "2025-08-27", date=None, lines=PORTFOLIO_ADOPTED),
        order_stamp("УТВЕРЖДЕНО", GYMNASIUM3_ORDER, "77-о/д", "2025-08-28",
                    lines=PORTFOLIO_APPROVED),
    ],
    "preamble": "",
    "sections": [
        ("1", "Общие положения", ["1.1", "1.2", "1.3"]),
        ("2", "Цели и задачи ведения портфолио",
         ["2.1", ("2.2", "\n".join(["Задачи ведения портфолио:", *PORTFOLIO_TASKS]))]),
        ("3", "Структура портфолио", ["3.1", "3.2"]),
    ],
    "tables": [],
}

# --- МБОУ «СОШ № 14»: school mediation service, the title with the full name ---------------------

MEDIATION_SERVICE = [
    "Служба:",
    "1) проводит восстановительные программы для участников конфликтов;",
    "2) обучает обучающихся методам урегулирования конфликтов;",
    "3) информирует участников образовательных отношений о принципах медиации.",
]


def mediation_sosh14() -> bytes:
    document = new_document()
    layout_table(document, [
        ["СОГЛАСОВАНО", "Председатель профкома", "______ Е.П. Кузнецова", "27.08.2025"],
        ["УТВЕРЖДАЮ", "Директор МБОУ «СОШ № 14»", "________ С.М. Орлов", "«30» августа 2025 г."],
    ])
    blank(document, 2)
    centred(document, "ПОЛОЖЕНИЕ", "о школьной службе медиации",
            "муниципального бюджетного общеобразовательного учреждения",
            "«Средняя общеобразовательная школа № 14»", bold=True)
    blank(document)
    body(
        document,
        "1. Общие положения",
        f"1.1. Школьная служба медиации (далее – служба) создаётся в соответствии с {LAW_273} и "
        "Федеральным законом от 24.07.1998 № 124-ФЗ «Об основных гарантиях прав ребёнка в "
        "Российской Федерации».",
        "1.2. Служба – объединение обучающихся и педагогов, действующее на добровольных началах.",
        "2. Задачи службы",
        "2.1. Основная задача службы – разрешение конфликтов между участниками образовательных "
        "отношений.",
        f"2.2. {MEDIATION_SERVICE[0]}",
        *MEDIATION_SERVICE[1:],
        "3. Порядок работы службы",
        "3.1. Служба получает сведения о конфликтах от педагогов, обучающихся и родителей.",
        "3.2. Руководитель службы назначается приказом директора.",
    )
    return to_bytes(document)


# --- МАОУ «Лицей № 12»: the regulation as «Приложение № 2» to an order, with a criteria table -----

VSOKO_CRITERIA = [
    ["№", "Критерий", "Показатель", "Периодичность"],
    ["1", "Предметные результаты", "Доля обучающихся на «4» и «5»", "по четвертям"],
    ["2", "Метапредметные результаты", "Уровень сформированности УУД", "1 раз в год"],
    ["3", "Удовлетворённость родителей", "Доля удовлетворённых родителей", "1 раз в год"],
]


def vsoko_lyceum12() -> bytes:
    document = new_document()
    right(document, "Приложение № 2", "к приказу МАОУ «Лицей № 12»", "от 01.09.2025 № 203")
    blank(document)
    centred(document, "ПОЛОЖЕНИЕ", "о внутренней системе оценки качества образования", bold=True)
    blank(document)
    body(
        document,
        "1. Общие положения",
        f"1.1. Положение разработано в соответствии с {LAW_273} и приказом Министерства "
        "просвещения Российской Федерации от 22.03.2021 № 115.",
        "1.2. Внутренняя система оценки качества образования (далее – ВСОКО) – совокупность "
        "норм и правил, обеспечивающих оценку образовательных достижений обучающихся.",
        "2. Организация ВСОКО",
        "2.1. Оценка качества образования проводится по критериям таблицы 1.",
    )
    text_table(document, VSOKO_CRITERIA)
    body(
        document,
        "2.2. Результаты оценки обсуждаются на педагогическом совете.",
        "3. Заключительные положения",
        "3.1. Положение вступает в силу со дня его утверждения.",
    )
    return to_bytes(document)


# --- МБОУ СОШ № 5: stamp on one line, Roman sections, a consolidated revision --------------------

REVISION = "(в ред. приказов от 15.01.2026 № 5, от 10.03.2026 № 41)"


def journal_sosh5() -> bytes:
    document = new_document()
    right(document, "УТВЕРЖДЕНО", "приказом директора МБОУ СОШ № 5 от 01.09.2025 № 120",
          indent=9)
    blank(document)
    centred(document, "ПОЛОЖЕНИЕ", "о ведении электронного классного журнала", bold=True)
    centred(document, REVISION)
    blank(document)
    body(
        document,
        "I. Общие положения",
        f"1.1. Настоящее положение разработано в соответствии с {LAW_273} и Федеральным законом "
        "от 27.07.2006 № 152-ФЗ «О персональных данных».",
        "1.2. Ведение электронного журнала является обязательным для каждого учителя.",
        "II. Порядок ведения журнала",
        "2.1. Учитель заполняет журнал в день проведения урока.",
        "2.2. Отметки за письменные работы выставляются в течение трёх рабочих дней.",
        "(п. 2.2 в ред. приказа от 15.01.2026 № 5)",
        "2.3. Классный руководитель еженедельно проверяет заполнение журнала.",
        "III. Контроль за ведением журнала",
        "3.1. Контроль осуществляет заместитель директора по УВР не реже раза в месяц.",
        "(п. 3.1 в ред. приказа от 10.03.2026 № 41)",
    )
    return to_bytes(document)


# --- МКУ «ИМЦ»: a unit's regulation, УТВЕРЖДАЮ with «Приказ № 69/1 от «31» 08 2017 г.» -----------

UO_HEAD = "Начальник Управления образования и молодёжной политики администрации города Рязани"


def monitoring_department() -> bytes:
    document = new_document()
    right(document, "УТВЕРЖДАЮ", UO_HEAD, "______________ И.Н. Серёгина",
          "Приказ № 69/1 от «31» 08 2017 г.", indent=8.5)
    blank(document, 2)
    centred(document, "ПОЛОЖЕНИЕ", "ОБ ОТДЕЛЕ МОНИТОРИНГА",
            "МУНИЦИПАЛЬНОГО КАЗЁННОГО УЧРЕЖДЕНИЯ «ИНФОРМАЦИОННО-МЕТОДИЧЕСКИЙ ЦЕНТР»", bold=True)
    blank(document)
    num = add_multilevel_list(document)
    for level, text in [
        (0, "Общие положения"),
        (1, "Отдел мониторинга (далее – отдел) – структурное подразделение МКУ «ИМЦ»."),
        (1, "Отдел в своей деятельности руководствуется:"),
        (2, f"{LAW_273};"),
        (2, "уставом МКУ «ИМЦ» и настоящим положением."),
        (0, "Функции отдела"),
        (1, "Отдел организует мониторинговые исследования качества образования."),
        (1, "Отдел готовит аналитические материалы по итогам оценочных процедур."),
        (0, "Управление отделом"),
        (1, "Отдел возглавляет начальник отдела, назначаемый приказом директора МКУ «ИМЦ»."),
    ]:
        numbered(document, text, num, level)
    return to_bytes(document)


# --- МАОУ «Гимназия № 3»: organisation block left, УТВЕРЖДАЮ right; «а)» items by Word ----------

UO = "Управление образования и молодёжной политики администрации города Рязани"
GYMNASIUM3_FULL = "муниципальное автономное общеобразовательное учреждение «Гимназия № 3»"
COUNCIL_TASKS = [
    "координация деятельности школьных методических объединений;",
    "организация повышения квалификации педагогов;",
    "экспертиза рабочих программ учебных предметов.",
]


def methodical_council() -> bytes:
    document = new_document()
    layout_table(
        document,
        [[UO, GYMNASIUM3_FULL],
         ["УТВЕРЖДАЮ", "Директор МАОУ «Гимназия № 3»", "__________ О.А. Иванова", "28.08.2025"]],
        aligns=[WD_ALIGN_PARAGRAPH.CENTER, None],
    )
    blank(document)
    centred(document, "ПОЛОЖЕНИЕ", "о методическом совете", bold=True)
    num = add_multilevel_list(
        document, formats=(("decimal", "%1."), ("decimal", "%1.%2."), ("russianLower", "%3)"))
    )
    for level, text in [
        (0, "Общие положения"),
        (1, "Методический совет – коллегиальный орган, координирующий методическую работу."),
        (1, f"Методический совет создаётся в соответствии с {LAW_273} и уставом гимназии."),
        (0, "Задачи методического совета"),
        (1, "Задачами методического совета являются:"),
        *((2, task) for task in COUNCIL_TASKS),
        (0, "Организация работы"),
        (1, "Заседания методического совета проводятся не реже одного раза в четверть."),
        (1, "Решения методического совета оформляются протоколом."),
    ]:
        numbered(document, text, num, level)
    return to_bytes(document)


# --- МАОУ «Лицей № 12»: ПРИНЯТО left, «Приложение № 1» right; bullets in Word's list style -------

ASSESSMENT_FORMS = ["устного опроса;", "письменной контрольной работы;", "тестирования."]


def assessment_lyceum12() -> bytes:
    document = new_document()
    layout_table(document, [
        ["ПРИНЯТО", "педагогическим советом", "протокол от 29.08.2025 № 1"],
        ["Приложение № 1", "к приказу МАОУ «Лицей № 12»", "от 01.09.2025 № 203"],
    ])
    blank(document)
    centred(document, "ПОЛОЖЕНИЕ",
            "о формах, периодичности и порядке текущего контроля успеваемости",
            "и промежуточной аттестации обучающихся", bold=True)
    blank(document)
    body(
        document,
        "1. Общие положения",
        "1.1. Положение разработано в соответствии с частью 1 статьи 58 Федерального закона "
        "от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации».",
        "1.2. Текущий контроль успеваемости проводится в формах:",
    )
    for item in ASSESSMENT_FORMS:
        document.add_paragraph(item, style="List Bullet")
    body(
        document,
        "2. Промежуточная аттестация",
        "2.1. Промежуточная аттестация проводится в конце учебного года.",
        "2.2. Сроки промежуточной аттестации устанавливаются календарным учебным графиком.",
    )
    return to_bytes(document)


LYCEUM12_ORDER_203 = {"order_number": "203", "order_date": "2025-09-01"}
APPENDIX_203 = {"kind": "appendix", "act": act("приказ", "203", "2025-09-01")}

SAMPLES = [
    # Shapes 1 (order-form stamp, «Гимназия № 3» in the name), 3 (273-ФЗ in 1.1, no own
    # number), 6 (ПРИНЯТО left, УТВЕРЖДЕНО right in a table); Word multilevel numbering,
    # «- » bullets of clause 2.2.
    Sample("gymnasium3-portfolio-regulation", "gymnasium3-regulation.docx", portfolio_docx,
           PORTFOLIO_EXPECTED),
    # The same regulation saved as .txt (BOM, CRLF): typed numbers, stamps one under another.
    Sample("gymnasium3-portfolio-regulation-txt", "gymnasium3-regulation.txt", portfolio_txt,
           PORTFOLIO_EXPECTED),
    # Shapes 2 (title over four lines with the full name and «№ 14»), 3, 6 (СОГЛАСОВАНО left,
    # УТВЕРЖДАЮ with «30» августа 2025 г. right); typed numbers, «1)» items in clause 2.2.
    Sample("sosh14-mediation-regulation", "sosh14-mediation.docx", mediation_sosh14, {
        "kind": "regulation",
        "title": "ПОЛОЖЕНИЕ о школьной службе медиации муниципального бюджетного "
                 "общеобразовательного учреждения «Средняя общеобразовательная школа № 14»",
        **UNREGISTERED,
        "approval": signed_approval("УТВЕРЖДАЮ", "Директор МБОУ «СОШ № 14»", "С.М. Орлов",
                                    "2025-08-30"),
        "stamps": [
            signed("СОГЛАСОВАНО", "Председатель профкома", "Е.П. Кузнецова", "2025-08-27",
                   kind="agreement", act=None),
            signed("УТВЕРЖДАЮ", "Директор МБОУ «СОШ № 14»", "С.М. Орлов", "2025-08-30",
                   act=None),
        ],
        "preamble": "",
        "sections": [
            ("1", "Общие положения", ["1.1", "1.2"]),
            ("2", "Задачи службы", ["2.1", ("2.2", "\n".join(MEDIATION_SERVICE))]),
            ("3", "Порядок работы службы", ["3.1", "3.2"]),
        ],
    }),
    # Shapes 3, 8 («Приложение № 2 / к приказу МАОУ «Лицей № 12» / от 01.09.2025 № 203» as
    # right-aligned paragraphs); a criteria table of the text under clause 2.1.
    Sample("lyceum12-vsoko-regulation-appendix", "lyceum12-vsoko.docx", vsoko_lyceum12, {
        "kind": "regulation",
        "title": "ПОЛОЖЕНИЕ о внутренней системе оценки качества образования",
        **UNREGISTERED,
        "approval": {"stamp": "Приложение № 2", **LYCEUM12_ORDER_203, "appendix": "2",
                     "name": None},
        "stamps": [{**APPENDIX_203, "word": "Приложение № 2"}],
        "preamble": "",
        "sections": [
            ("1", "Общие положения", ["1.1", "1.2"]),
            ("2", "Организация ВСОКО", ["2.1", "2.2"]),
            ("3", "Заключительные положения", ["3.1"]),
        ],
        "tables": [{"rows": VSOKO_CRITERIA, "at": {"section": 1, "clause": "2.1"}}],
    }),
    # Shape 1 («приказом директора МБОУ СОШ № 5 от 01.09.2025 № 120», no quotes, on one line,
    # the stamp pushed right by an indent), 3; typed Roman sections, a consolidated revision
    # header and clause notes.
    Sample("sosh5-journal-regulation-revision", "sosh5-journal.docx", journal_sosh5, {
        "kind": "regulation",
        "title": "ПОЛОЖЕНИЕ о ведении электронного классного журнала",
        **UNREGISTERED,
        "revision_header": REVISION,
        "approval": by_order("УТВЕРЖДЕНО", "приказом директора МБОУ СОШ № 5", "120",
                             "2025-09-01"),
        "stamps": [order_stamp("УТВЕРЖДЕНО", "приказом директора МБОУ СОШ № 5", "120",
                               "2025-09-01")],
        "preamble": "",
        "sections": [
            ("I", "Общие положения", ["1.1", "1.2"]),
            ("II", "Порядок ведения журнала", [
                "2.1",
                ("2.2", {"note": "(п. 2.2 в ред. приказа от 15.01.2026 № 5)", "repealed": False}),
                ("2.3", {"note": ""}),
            ]),
            ("III", "Контроль за ведением журнала",
             [("3.1", {"note": "(п. 3.1 в ред. приказа от 10.03.2026 № 41)"})]),
        ],
    }),
    # Shape 1 (УТВЕРЖДАЮ with «Приказ № 69/1 от «31» 08 2017 г.», number before date), 2 (title
    # in capitals over three lines); Word multilevel numbering down to 1.2.1.
    Sample("imc-monitoring-department-regulation", "imc-monitoring.docx",
           monitoring_department, {
        "kind": "regulation",
        "title": "ПОЛОЖЕНИЕ ОБ ОТДЕЛЕ МОНИТОРИНГА МУНИЦИПАЛЬНОГО КАЗЁННОГО УЧРЕЖДЕНИЯ "
                 "«ИНФОРМАЦИОННО-МЕТОДИЧЕСКИЙ ЦЕНТР»",
        **UNREGISTERED,
        "approval": {"stamp": "УТВЕРЖДАЮ", "position": UO_HEAD, "name": "И.Н. Серёгина",
                     "order_number": "69/1", "order_date": "2017-08-31", "date": None},
        "stamps": [{"kind": "approval", "word": "УТВЕРЖДАЮ", "name": "И.Н. Серёгина",
                    "act": {"type": "приказ", "number": "69/1", "date": "2017-08-31"}}],
        "preamble": "",
        "sections": [
            ("1", "Общие положения", ["1.1", "1.2", "1.2.1", "1.2.2"]),
            ("2", "Функции отдела", ["2.1", "2.2"]),
            ("3", "Управление отделом", ["3.1"]),
        ],
    }),
    # Shapes 3, 11 (parent body and organisation in the left cell), УТВЕРЖДАЮ in the right cell;
    # Word numbering with «а)» letter items belonging to clause 2.1.
    Sample("gymnasium3-methodical-council-regulation", "gymnasium3-metsovet.docx",
           methodical_council, {
        "kind": "regulation",
        "title": "ПОЛОЖЕНИЕ о методическом совете",
        **UNREGISTERED,
        "organization": {"name": GYMNASIUM3_FULL, "parent": UO},
        "approval": signed_approval("УТВЕРЖДАЮ", "Директор МАОУ «Гимназия № 3»", "О.А. Иванова",
                                    "2025-08-28"),
        "stamps": [signed("УТВЕРЖДАЮ", "Директор МАОУ «Гимназия № 3»", "О.А. Иванова",
                          "2025-08-28")],
        "preamble": "",
        "sections": [
            ("1", "Общие положения", ["1.1", "1.2"]),
            ("2", "Задачи методического совета", [("2.1", "\n".join(
                ["Задачами методического совета являются:"]
                + [f"{letter}) {task}" for letter, task in zip("абв", COUNCIL_TASKS, strict=True)]
            ))]),
            ("3", "Организация работы", ["3.1", "3.2"]),
        ],
    }),
    # Shapes 2 (title over three lines), 3, 6 (ПРИНЯТО педагогическим советом left), 8
    # («Приложение № 1 к приказу …» right, the only approving stamp); Word «List Bullet» items.
    Sample("lyceum12-assessment-regulation", "lyceum12-assessment.docx", assessment_lyceum12, {
        "kind": "regulation",
        "title": "ПОЛОЖЕНИЕ о формах, периодичности и порядке текущего контроля успеваемости "
                 "и промежуточной аттестации обучающихся",
        **UNREGISTERED,
        "approval": {"stamp": "Приложение № 1", **LYCEUM12_ORDER_203, "appendix": "1"},
        "stamps": [
            protocol_stamp("adoption", "ПРИНЯТО", "педагогическим советом", "1", "2025-08-29"),
            {**APPENDIX_203, "word": "Приложение № 1"},
        ],
        "preamble": "",
        "sections": [
            ("1", "Общие положения", ["1.1", ("1.2", "\n".join(
                ["Текущий контроль успеваемости проводится в формах:"]
                + [f"- {form}" for form in ASSESSMENT_FORMS]
            ))]),
            ("2", "Промежуточная аттестация", ["2.1", "2.2"]),
        ],
    }),
]
