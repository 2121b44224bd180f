"""Instructions, rules, procedures, reglaments, working programmes, analytical notes, letters,
an expert conclusion and minutes."""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from . import (
    LAW_273,
    UNREGISTERED,
    Prefix,
    Sample,
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
    signature,
    signed,
    signed_approval,
    small,
    text_table,
    to_bytes,
)

GYMNASIUM3_ORDER = "приказом МАОУ «Гимназия № 3»"
APPROVED_77 = [GYMNASIUM3_ORDER, "от 28.08.2025 № 77-о/д"]
SOSH14_ORDER = "приказом директора МБОУ «СОШ № 14»"


def _word_numbered(document, items, formats=None):
    num = add_multilevel_list(document, **({"formats": formats} if formats else {}))
    for level, text in items:
        numbered(document, text, num, level)


# --- ИНСТРУКЦИЯ: СОГЛАСОВАНО (профком) | УТВЕРЖДЕНА ---------------------------------------------

HAZARDS = [
    "При работе в кабинете информатики возможно воздействие опасных факторов:",
    "- поражение электрическим током;",
    "- повышенный уровень статического электричества;",
    "- зрительное утомление при длительной работе с компьютером.",
]


def it_teacher_instruction() -> bytes:
    document = new_document()
    layout_table(document, [
        ["СОГЛАСОВАНО", "Председатель профкома", "______ Е.П. Кузнецова", "27.08.2025"],
        ["УТВЕРЖДЕНА", *APPROVED_77],
    ])
    blank(document, 2)
    centred(document, "ИНСТРУКЦИЯ", "по охране труда для учителя информатики", bold=True)
    blank(document)
    body(
        document,
        "1. Общие требования охраны труда",
        "1.1. Инструкция разработана в соответствии с Трудовым кодексом Российской Федерации и "
        "Правилами по охране труда, утверждёнными приказом Минтруда России от 29.10.2021 № 772н.",
        f"1.2. {HAZARDS[0]}",
        *HAZARDS[1:],
        "2. Требования охраны труда перед началом работы",
        "2.1. Проверить исправность электропроводки и заземления оборудования.",
        "2.2. Проветрить помещение кабинета.",
        "3. Требования охраны труда по окончании работы",
        "3.1. Отключить компьютеры и проектор от электросети.",
    )
    return to_bytes(document)


# --- ПРАВИЛА: ПРИНЯТЫ and УТВЕРЖДЕНЫ stacked on the right, Word numbering ------------------------


def pupils_rules() -> bytes:
    document = new_document()
    right(document, "ПРИНЯТЫ", "на заседании педагогического совета",
          "протокол от 27.08.2025 № 1", indent=9)
    blank(document)
    right(document, "УТВЕРЖДЕНЫ", SOSH14_ORDER, "от 29.08.2025 № 214 о/д", indent=9)
    blank(document, 2)
    centred(document, "ПРАВИЛА", "внутреннего распорядка обучающихся", bold=True)
    blank(document)
    _word_numbered(document, [
        (0, "Общие положения"),
        (1, f"Правила разработаны в соответствии с {LAW_273} и уставом МБОУ «СОШ № 14»."),
        (1, "Правила обязательны для всех обучающихся школы."),
        (0, "Права и обязанности обучающихся"),
        (1, "Обучающиеся имеют право на уважение человеческого достоинства."),
        (1, "Обучающиеся обязаны добросовестно осваивать образовательную программу."),
        (2, "Обучающиеся приходят в школу не позднее чем за 15 минут до начала занятий."),
    ])
    return to_bytes(document)


# --- ПОРЯДОК: УТВЕРЖДЕН with a date in words, Roman sections typed -----------------------------

WAYS = [
    "Заявление подаётся одним из способов:",
    "1) лично в общеобразовательную организацию;",
    "2) через единый портал государственных и муниципальных услуг.",
]


def admission_procedure() -> bytes:
    document = new_document()
    right(document, "УТВЕРЖДЕН", "приказом директора МБОУ СОШ № 5",
          "от «29» августа 2025 г. № 118", indent=9)
    blank(document, 2)
    centred(document, "ПОРЯДОК", "приёма граждан на обучение по образовательным программам",
            "начального общего, основного общего и среднего общего образования", bold=True)
    blank(document)
    body(
        document,
        "I. Общие положения",
        "1.1. Порядок разработан в соответствии с приказом Министерства просвещения Российской "
        "Федерации от 02.09.2020 № 458 «Об утверждении Порядка приёма на обучение по "
        "образовательным программам начального общего, основного общего и среднего общего "
        "образования».",
        "1.2. Порядок регламентирует приём граждан в МБОУ СОШ № 5.",
        "II. Приём заявлений",
        "2.1. Приём заявлений в первый класс начинается 1 апреля.",
        f"2.2. {WAYS[0]}",
        *WAYS[1:],
    )
    return to_bytes(document)


# --- РЕГЛАМЕНТ of the authority, Word multilevel numbering --------------------------------------

UO_ORDER = "приказом управления образования и молодёжной политики администрации города Рязани"


def olympiad_reglament() -> bytes:
    document = new_document()
    right(document, "УТВЕРЖДЕН", UO_ORDER, "от 20.10.2025 № 1012", indent=8.5)
    blank(document, 2)
    centred(document, "РЕГЛАМЕНТ",
            "проведения муниципального этапа всероссийской олимпиады школьников",
            "в 2025/2026 учебном году", bold=True)
    _word_numbered(document, [
        (0, "Общие положения"),
        (1, "Регламент разработан в соответствии с Порядком проведения всероссийской олимпиады "
            "школьников, утверждённым приказом Минпросвещения России от 27.11.2020 № 678."),
        (1, "Организатором муниципального этапа является управление образования."),
        (0, "Порядок проведения"),
        (1, "Муниципальный этап проводится с 10 ноября по 20 декабря 2025 года."),
        (1, "Участники допускаются в аудиторию по документу, удостоверяющему личность."),
    ])
    return to_bytes(document)


# --- РАБОЧАЯ ПРОГРАММА: three stamps in a three-column table, thematic plan as a text table ------

THEMES = [
    ["№ п/п", "Наименование разделов и тем", "Количество часов"],
    ["1", "Натуральные числа и нуль", "46"],
    ["2", "Дроби", "90"],
    ["3", "Наглядная геометрия", "34"],
]


def maths_programme() -> bytes:
    document = new_document()
    layout_table(document, [
        ["РАССМОТРЕНО", "на заседании ШМО учителей математики", "протокол № 1 от 26.08.2025"],
        ["СОГЛАСОВАНО", "Заместитель директора по УВР", "________ Т.В. Смирнова", "27.08.2025"],
        ["УТВЕРЖДЕНА", *APPROVED_77],
    ])
    blank(document, 3)
    centred(document, "РАБОЧАЯ ПРОГРАММА", bold=True)
    centred(document, "учебного предмета «Математика»", "для обучающихся 5–6 классов")
    blank(document, 2)
    body(
        document,
        "1. Пояснительная записка",
        "1.1. Рабочая программа составлена на основе ФГОС основного общего образования и "
        "федеральной рабочей программы по математике.",
        "1.2. На изучение предмета отводится 5 часов в неделю.",
        "2. Содержание учебного предмета",
        "2.1. Натуральные числа. Дроби. Наглядная геометрия.",
        "3. Тематическое планирование",
    )
    text_table(document, THEMES)
    return to_bytes(document)


# --- АНАЛИТИЧЕСКАЯ СПРАВКА: results table, signature with a date under it ------------------------

RESULTS = [
    ["Класс", "Писали работу", "«5»", "«4»", "«3»", "«2»", "Качество, %"],
    ["5А", "26", "5", "11", "8", "2", "61,5"],
    ["5Б", "25", "3", "10", "10", "2", "52,0"],
]


def diagnostics_note() -> bytes:
    document = new_document()
    centred(document, "МБОУ «СОШ № 14»")
    blank(document)
    centred(document, "АНАЛИТИЧЕСКАЯ СПРАВКА", bold=True)
    centred(document, "по итогам входной диагностики по математике в 5-х классах")
    blank(document)
    body(
        document,
        "Цель: определение уровня подготовки обучающихся при переходе в основную школу.",
        "Сроки проведения: 15–19 сентября 2025 г.",
        "Результаты диагностики представлены в таблице.",
    )
    text_table(document, RESULTS)
    body(
        document,
        "Выводы: уровень подготовки обучающихся 5-х классов соответствует требованиям ФГОС.",
        "Рекомендации: учителям математики организовать повторение темы «Дроби».",
    )
    blank(document)
    document.add_paragraph("Заместитель директора по УВР ____________ Е.П. Кузнецова")
    document.add_paragraph("30.09.2025")
    return to_bytes(document)


# --- letters: the authority's blank in a table, and a school's letter with the addressee right ---

UO_DETAILS = ["ул. Радищева, д. 28, г. Рязань, 390000", "тел. 8 (4912) 25-10-10, e-mail: uo@rzn.ru"]
GYMNASIUM3_DETAILS = ["390000, г. Рязань, ул. Ленина, д. 1", "тел. 8 (4912) 21-11-11"]


def authority_letter() -> bytes:
    document = new_document()
    layout_table(
        document,
        [["АДМИНИСТРАЦИЯ ГОРОДА РЯЗАНИ", "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ И МОЛОДЁЖНОЙ ПОЛИТИКИ",
          *UO_DETAILS, "17.03.2025 № 02-12/518", "На № ____________ от ____________"],
         ["Руководителям общеобразовательных организаций"]],
        aligns=[WD_ALIGN_PARAGRAPH.CENTER, None],
    )
    blank(document)
    document.add_paragraph("О проведении родительских собраний")
    blank(document)
    centred(document, "Уважаемые руководители!")
    body(
        document,
        "Управление образования и молодёжной политики администрации города Рязани просит "
        "провести до 10.04.2025 родительские собрания по вопросам безопасного поведения детей "
        "в весенний период.",
        "Информацию о проведённых собраниях направить до 15.04.2025 на адрес электронной почты "
        "управления.",
    )
    blank(document, 2)
    document.add_paragraph("Начальник управления\t\t\t\t\t\tТ.Н. Морозова")
    blank(document, 4)
    small(document, "Исп. Иванова О.А., 8 (4912) 25-00-00")
    return to_bytes(document)


def school_letter() -> bytes:
    document = new_document()
    centred(document, "МАОУ «Гимназия № 3»", bold=True)
    centred(document, *GYMNASIUM3_DETAILS, size=10)
    document.add_paragraph("05.09.2025 № 112")
    blank(document)
    right(document, "Начальнику управления образования", "и молодёжной политики",
          "администрации города Рязани", "Т.Н. Морозовой", indent=9)
    blank(document)
    document.add_paragraph("О направлении информации")
    blank(document)
    centred(document, "Уважаемая Татьяна Николаевна!")
    body(document, "МАОУ «Гимназия № 3» направляет информацию о комплектовании 1-х классов на "
         "2025/2026 учебный год: сформировано 4 класса, зачислено 112 обучающихся.")
    blank(document, 2)
    document.add_paragraph("Директор МАОУ «Гимназия № 3»\t\tО.А. Иванова")
    blank(document, 4)
    small(document, "Кузнецова Елена Петровна", "8 (4912) 21-11-12")
    return to_bytes(document)


# --- ЭКСПЕРТНОЕ ЗАКЛЮЧЕНИЕ: criteria table under clause 3, two experts and a date ----------------

CRITERIA = [
    ["Критерий", "Балл", "Замечание"],
    ["Соответствие ФГОС", "2", "—"],
    ["Новизна и практическая значимость", "1", "требуется доработка"],
]


def expert_conclusion() -> bytes:
    document = new_document()
    right(document, "УТВЕРЖДАЮ", "Директор МКУ «ИМЦ»", "____________ Л.В. Петрова", "18.04.2025")
    blank(document)
    centred(document, "ЭКСПЕРТНОЕ ЗАКЛЮЧЕНИЕ", "на методическую разработку «Формирование "
            "читательской грамотности на уроках литературы»", bold=True)
    blank(document)
    body(
        document,
        "1. Объект экспертизы: методическая разработка учителя МБОУ «СОШ № 14» Волковой Л.М.",
        "2. Сроки и способ сбора информации: с 07.04.2025 по 15.04.2025, анализ материалов.",
        "3. Оценка по критериям:",
    )
    text_table(document, CRITERIA)
    body(
        document,
        "4. Вывод: рекомендована к использованию после доработки.",
        "5. Рекомендации: дополнить разработку диагностическими материалами.",
    )
    blank(document)
    document.add_paragraph("Эксперт ____________ Н.Н. Соколова")
    document.add_paragraph("Эксперт ____________ В.В. Егорова")
    document.add_paragraph("17.04.2025")
    return to_bytes(document)


# --- ПРОТОКОЛ of the pedagogical council -------------------------------------------------------

GYMNASIUM3_FULL = "Муниципальное автономное общеобразовательное учреждение «Гимназия № 3»"


def council_minutes() -> bytes:
    document = new_document()
    centred(document, GYMNASIUM3_FULL)
    blank(document)
    centred(document, "ПРОТОКОЛ", bold=True)
    document.add_paragraph("27.08.2025\t\t\t\t\t\t\t\t\t№ 1")
    centred(document, "г. Рязань")
    blank(document)
    document.add_paragraph("заседания педагогического совета")
    blank(document)
    body(
        document,
        "Председатель – Иванова О.А.",
        "Секретарь – Петрова Н.В.",
        "Присутствовали: 48 человек.",
        "Повестка дня:",
        "1. О принятии положения о портфолио обучающегося.",
        "1. СЛУШАЛИ: Кузнецову Е.П. – о проекте положения о портфолио обучающегося.",
        "РЕШИЛИ: принять положение о портфолио обучающегося.",
    )
    blank(document)
    document.add_paragraph("Председатель ____________ О.А. Иванова")
    document.add_paragraph("Секретарь ____________ Н.В. Петрова")
    return to_bytes(document)


NO_STAMPS = {"approval": None, "stamps": []}

SAMPLES = [
    # Shapes 3 (clause 1.1 cites «от 29.10.2021 № 772н»), 6 (СОГЛАСОВАНО Председатель профкома
    # left), 9 (ИНСТРУКЦИЯ, УТВЕРЖДЕНА приказом right); typed numbers, «- » items of clause 1.2.
    Sample("gymnasium3-it-teacher-instruction", "gymnasium3-iot-informatics.docx",
           it_teacher_instruction, {
        "kind": "instruction",
        "kind_heading": "ИНСТРУКЦИЯ",
        "title": "ИНСТРУКЦИЯ по охране труда для учителя информатики",
        **UNREGISTERED,
        "approval": by_order("УТВЕРЖДЕНА", GYMNASIUM3_ORDER, "77-о/д", "2025-08-28",
                             position=None, name=None),
        "stamps": [
            signed("СОГЛАСОВАНО", "Председатель профкома", "Е.П. Кузнецова", "2025-08-27",
                   kind="agreement", body=None, act=None),
            order_stamp("УТВЕРЖДЕНА", GYMNASIUM3_ORDER, "77-о/д", "2025-08-28",
                        lines=["УТВЕРЖДЕНА", *APPROVED_77]),
        ],
        "preamble": "",
        "sections": [
            ("1", "Общие требования охраны труда", ["1.1", ("1.2", "\n".join(HAZARDS))]),
            ("2", "Требования охраны труда перед началом работы", ["2.1", "2.2"]),
            ("3", "Требования охраны труда по окончании работы", ["3.1"]),
        ],
        "tables": [],
    }),
    # Shapes 2 (ПРАВИЛА over two lines), 6 (ПРИНЯТЫ above УТВЕРЖДЕНЫ, both as paragraphs pushed
    # right), 9 (rules, «УТВЕРЖДЕНЫ приказом директора МБОУ «СОШ № 14» … № 214 о/д»); Word
    # multilevel numbering.
    Sample("sosh14-pupils-rules", "sosh14-rules.docx", pupils_rules, {
        "kind": "rules",
        "kind_heading": "ПРАВИЛА",
        "title": "ПРАВИЛА внутреннего распорядка обучающихся",
        **UNREGISTERED,
        "approval": by_order("УТВЕРЖДЕНЫ", SOSH14_ORDER, "214 о/д", "2025-08-29"),
        "stamps": [
            protocol_stamp("adoption", "ПРИНЯТЫ", "на заседании педагогического совета", "1",
                           "2025-08-27"),
            order_stamp("УТВЕРЖДЕНЫ", SOSH14_ORDER, "214 о/д", "2025-08-29"),
        ],
        "preamble": "",
        "sections": [
            ("1", "Общие положения", ["1.1", "1.2"]),
            ("2", "Права и обязанности обучающихся", ["2.1", "2.2", "2.2.1"]),
        ],
    }),
    # Shapes 1 («приказом директора МБОУ СОШ № 5 / от «29» августа 2025 г. № 118»), 2 (title
    # over three lines), 3, 9 (ПОРЯДОК, УТВЕРЖДЕН); typed Roman sections, «1)» items.
    Sample("sosh5-admission-procedure", "sosh5-admission.docx", admission_procedure, {
        "kind": "procedure",
        "kind_heading": "ПОРЯДОК",
        "title": "ПОРЯДОК приёма граждан на обучение по образовательным программам начального "
                 "общего, основного общего и среднего общего образования",
        **UNREGISTERED,
        "approval": by_order("УТВЕРЖДЕН", "приказом директора МБОУ СОШ № 5", "118", "2025-08-29"),
        "stamps": [order_stamp("УТВЕРЖДЕН", "приказом директора МБОУ СОШ № 5", "118",
                               "2025-08-29")],
        "preamble": "",
        "sections": [
            ("I", "Общие положения", ["1.1", "1.2"]),
            ("II", "Приём заявлений", ["2.1", ("2.2", "\n".join(WAYS))]),
        ],
    }),
    # Shapes 2, 3 (clause 1.1 cites «от 27.11.2020 № 678»), 9 (РЕГЛАМЕНТ, УТВЕРЖДЕН приказом
    # управления … от 20.10.2025 № 1012); Word multilevel numbering.
    Sample("uo-olympiad-reglament", "uo-olympiad-reglament.docx", olympiad_reglament, {
        "kind": "reglament",
        "kind_heading": "РЕГЛАМЕНТ",
        "title": "РЕГЛАМЕНТ проведения муниципального этапа всероссийской олимпиады школьников "
                 "в 2025/2026 учебном году",
        **UNREGISTERED,
        "approval": by_order("УТВЕРЖДЕН", UO_ORDER, "1012", "2025-10-20"),
        "stamps": [order_stamp("УТВЕРЖДЕН", UO_ORDER, "1012", "2025-10-20")],
        "preamble": "",
        "sections": [
            ("1", "Общие положения", ["1.1", "1.2"]),
            ("2", "Порядок проведения", ["2.1", "2.2"]),
        ],
    }),
    # Shapes 2 (РАБОЧАЯ ПРОГРАММА over three lines), 6 (РАССМОТРЕНО | СОГЛАСОВАНО | УТВЕРЖДЕНА in
    # a three-column table), 9 (programme); the thematic plan is a table of the text, not a plan.
    Sample("gymnasium3-maths-programme", "gymnasium3-rp-math-5-6.docx", maths_programme, {
        "kind": "programme",
        "kind_heading": "РАБОЧАЯ ПРОГРАММА",
        "title": "РАБОЧАЯ ПРОГРАММА учебного предмета «Математика» для обучающихся 5–6 классов",
        **UNREGISTERED,
        "approval": by_order("УТВЕРЖДЕНА", GYMNASIUM3_ORDER, "77-о/д", "2025-08-28"),
        "stamps": [
            protocol_stamp("consideration", "РАССМОТРЕНО", "на заседании ШМО учителей математики",
                           "1", "2025-08-26"),
            signed("СОГЛАСОВАНО", "Заместитель директора по УВР", "Т.В. Смирнова", "2025-08-27",
                   kind="agreement"),
            order_stamp("УТВЕРЖДЕНА", GYMNASIUM3_ORDER, "77-о/д", "2025-08-28"),
        ],
        "preamble": "",
        "sections": [
            ("1", "Пояснительная записка", ["1.1", "1.2"]),
            ("2", "Содержание учебного предмета", ["2.1"]),
            ("3", "Тематическое планирование", []),
        ],
        "tables": [{"rows": THEMES, "at": {"section": 2, "clause": None}}],
        "plan_items": [],
    }),
    # Shape 9 (АНАЛИТИЧЕСКАЯ СПРАВКА, note), 7 (signature with underscores), the date alone by
    # the signature as the document's date; a results table of the text.
    Sample("sosh14-diagnostics-note", "sosh14-spravka-math5.docx", diagnostics_note, {
        "kind": "note",
        "kind_heading": "АНАЛИТИЧЕСКАЯ СПРАВКА",
        "title": "АНАЛИТИЧЕСКАЯ СПРАВКА по итогам входной диагностики по математике в 5-х классах",
        "number": None,
        "date": "2025-09-30",
        "organization": {"name": "МБОУ «СОШ № 14»", "parent": None},
        **NO_STAMPS,
        "preamble": Prefix("Цель: определение уровня подготовки обучающихся"),
        "tables": [{"rows": RESULTS}],
        "signatures": [signature("Заместитель директора по УВР", "Е.П. Кузнецова")],
    }),
    # Shapes 9 (a letter by its form: addressee, «Уважаемые руководители!»), 11 (parent and
    # organisation in capitals, address and phone lines, in the blank's left cell with the
    # registration «17.03.2025 № 02-12/518»), 7 (signature with tabs, «Исп.»).
    Sample("uo-letter-parents-meetings", "uo-letter-518.docx", authority_letter, {
        "kind": "letter",
        "title": "О проведении родительских собраний",
        "number": "02-12/518",
        "date": "2025-03-17",
        "organization": {"name": "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ И МОЛОДЁЖНОЙ ПОЛИТИКИ",
                         "parent": "АДМИНИСТРАЦИЯ ГОРОДА РЯЗАНИ", "details": UO_DETAILS},
        **NO_STAMPS,
        "sections": [],
        "signatures": [signature("Начальник управления", "Т.Н. Морозова")],
        "executor": {"name": "Иванова О.А.", "phone": "8 (4912) 25-00-00",
                     "text": "Исп. Иванова О.А., 8 (4912) 25-00-00"},
    }),
    # Shapes 9 (a school's letter: addressee block pushed right, «Уважаемая Татьяна
    # Николаевна!»), 7 (signature with tabs, executor as name and phone lines), 11 (details).
    Sample("gymnasium3-letter-to-authority", "gymnasium3-letter-112.docx", school_letter, {
        "kind": "letter",
        "title": "О направлении информации",
        "number": "112",
        "date": "2025-09-05",
        "organization": {"name": "МАОУ «Гимназия № 3»", "details": GYMNASIUM3_DETAILS},
        **NO_STAMPS,
        "signatures": [signature("Директор МАОУ «Гимназия № 3»", "О.А. Иванова")],
        "executor": {"name": "Кузнецова Елена Петровна", "phone": "8 (4912) 21-11-12"},
    }),
    # ЭКСПЕРТНОЕ ЗАКЛЮЧЕНИЕ under УТВЕРЖДАЮ; shape 7 (two expert signatures, the date alone by
    # them, the document's date); a criteria table under clause 3.
    Sample("imc-expert-conclusion", "imc-conclusion.docx", expert_conclusion, {
        "kind": "conclusion",
        "kind_heading": "ЭКСПЕРТНОЕ ЗАКЛЮЧЕНИЕ",
        "title": "ЭКСПЕРТНОЕ ЗАКЛЮЧЕНИЕ на методическую разработку «Формирование читательской "
                 "грамотности на уроках литературы»",
        "number": None,
        "date": "2025-04-17",
        "approval": signed_approval("УТВЕРЖДАЮ", "Директор МКУ «ИМЦ»", "Л.В. Петрова",
                                    "2025-04-18"),
        "preamble": "",
        "sections": [(None, "", ["1", "2", "3", "4", "5"])],
        "tables": [{"rows": CRITERIA, "at": {"section": 0, "clause": "3"}}],
        "signatures": [signature("Эксперт", "Н.Н. Соколова"), signature("Эксперт", "В.В. Егорова")],
    }),
    # ПРОТОКОЛ on the blank: registration «27.08.2025 … № 1», place, title under them; shape 7
    # (chair and secretary signatures).
    Sample("gymnasium3-pedagogical-council-minutes", "gymnasium3-protocol-1.docx",
           council_minutes, {
        "kind": "minutes",
        "kind_heading": "ПРОТОКОЛ",
        "title": "ПРОТОКОЛ заседания педагогического совета",
        "number": "1",
        "date": "2025-08-27",
        "place": "г. Рязань",
        "organization": {"name": GYMNASIUM3_FULL, "parent": None},
        **NO_STAMPS,
        "signatures": [signature("Председатель", "О.А. Иванова"),
                       signature("Секретарь", "Н.В. Петрова")],
    }),
]
