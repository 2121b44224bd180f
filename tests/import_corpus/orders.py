"""Orders (ПРИКАЗ) on the blanks of schools and of the education authority."""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from . import (
    Prefix,
    Sample,
    add_multilevel_list,
    blank,
    body,
    centred,
    layout_table,
    new_document,
    numbered,
    small,
    to_bytes,
)

LEFT, RIGHT, CENTRE = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.CENTER
ACQUAINTED_LINE = "________ «__» ______ 2025 г."

# --- МАОУ «Гимназия № 3»: date and number in the blank's table, a letter cited in the preamble ---

GYMNASIUM3_PARENT = "Управление образования и молодёжной политики администрации города Рязани"
GYMNASIUM3_NAME = "МУНИЦИПАЛЬНОЕ АВТОНОМНОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ «ГИМНАЗИЯ № 3»"
GYMNASIUM3_DETAILS = [
    "390000, г. Рязань, ул. Ленина, д. 1",
    "тел. 8 (4912) 21-11-11, e-mail: gymnasium3@rzn.ru",
]


def vpr_gymnasium3() -> bytes:
    document = new_document()
    centred(document, GYMNASIUM3_PARENT)
    centred(document, GYMNASIUM3_NAME, bold=True)
    centred(document, *GYMNASIUM3_DETAILS, size=10)
    blank(document)
    centred(document, "ПРИКАЗ", bold=True)
    blank(document)
    layout_table(document, ["«12» марта 2025 г.", "№ 02-07/41"], aligns=[LEFT, RIGHT])
    centred(document, "г. Рязань")
    blank(document)
    centred(document, "О проведении всероссийских проверочных работ", "в 4–8 классах в 2025 году",
            bold=True)
    blank(document)
    body(
        document,
        "На основании письма министерства образования Рязанской области от 14.02.2025 "
        "№ 15-04/322 «О проведении всероссийских проверочных работ в 2025 году», в целях "
        "организованного проведения всероссийских проверочных работ (далее – ВПР)",
        "ПРИКАЗЫВАЮ:",
        "1. Провести ВПР в 4–8 классах с 15 апреля по 16 мая 2025 года по графику (приложение).",
        "2. Назначить школьным координатором ВПР заместителя директора по УВР Смирнову Т.В.",
        "3. Школьному координатору:",
        "1) ознакомить участников с порядком проведения ВПР;",
        "2) организовать получение и тиражирование материалов;",
        "3) представить отчёт о проведении ВПР до 20.05.2025.",
        "4. Контроль исполнения приказа оставляю за собой.",
    )
    blank(document, 2)
    document.add_paragraph("Директор ____________ О.А. Иванова")
    blank(document)
    document.add_paragraph("С приказом ознакомлены:")
    for person in ("Смирнова Т.В.", "Петров А.С."):
        document.add_paragraph(f"{person} {ACQUAINTED_LINE}")
    blank(document, 3)
    small(document, "Исп. Кузнецова Е.П., 8 (4912) 25-00-00")
    return to_bytes(document)


# --- МБОУ «СОШ № 14»: date | place | number in three cells, appendix note, two-line closing ------

SOSH14_NAME = (
    "Муниципальное бюджетное общеобразовательное учреждение "
    "«Средняя общеобразовательная школа № 14»"
)
MEDIATION_APPENDIX = "Приложение: положение о школьной службе медиации на 3 л. в 1 экз."


def mediation_order_sosh14() -> bytes:
    document = new_document()
    centred(document, SOSH14_NAME, bold=True)
    blank(document)
    centred(document, "ПРИКАЗ", bold=True)
    blank(document)
    layout_table(
        document,
        ['"31" августа 2025 г.', "г. Рязань", "№ 219 о/д"],
        aligns=[LEFT, CENTRE, RIGHT],
    )
    blank(document)
    document.add_paragraph("Об утверждении положения").runs[0].bold = True
    document.add_paragraph("о школьной службе медиации").runs[0].bold = True
    blank(document)
    body(
        document,
        "В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в "
        "Российской Федерации», распоряжением Правительства Российской Федерации от 22.03.2017 "
        "№ 520-р, на основании решения педагогического совета (протокол от 27.08.2025 № 1)",
        "п р и к а з ы в а ю:",
        "1. Утвердить положение о школьной службе медиации (приложение).",
        "2. Назначить руководителем службы медиации педагога-психолога Белову Т.В.",
        "3. Разместить положение на официальном сайте школы в срок до 05.09.2025.",
        "4. Контроль исполнения приказа оставляю за собой.",
    )
    blank(document)
    body(document, MEDIATION_APPENDIX)
    blank(document, 2)
    document.add_paragraph("Директор МБОУ «СОШ № 14»")
    document.add_paragraph("________________ С.М. Орлов")
    blank(document, 4)
    small(document, "Кузнецова Елена Петровна", "8 (4912) 25-14-14")
    return to_bytes(document)


# --- МАОУ «Лицей № 12»: typed registration line, signature with tabs, two-line appendix note ----

LYCEUM12_APPENDIX = [
    "Приложение: 1. Положение о формах, периодичности и порядке текущего контроля успеваемости "
    "и промежуточной аттестации обучающихся на 4 л. в 1 экз.",
    "2. Положение о внутренней системе оценки качества образования на 5 л. в 1 экз.",
]


def local_acts_lyceum12() -> bytes:
    document = new_document()
    centred(document, "Муниципальное автономное общеобразовательное учреждение «Лицей № 12»",
            bold=True)
    blank(document)
    centred(document, "ПРИКАЗ", bold=True)
    blank(document)
    document.add_paragraph("01.09.2025\t\t\t\t\t\t\t\t\t№ 203")
    centred(document, "г. Рязань")
    blank(document)
    document.add_paragraph("Об утверждении локальных нормативных актов").runs[0].bold = True
    blank(document)
    body(
        document,
        "В соответствии с частью 1 статьи 30 Федерального закона от 29.12.2012 № 273-ФЗ "
        "«Об образовании в Российской Федерации», на основании решения педагогического совета "
        "МАОУ «Лицей № 12» (протокол от 29.08.2025 № 1)",
        "ПРИКАЗЫВАЮ:",
        "1. Утвердить:",
        "1) положение о формах, периодичности и порядке текущего контроля успеваемости и "
        "промежуточной аттестации обучающихся (приложение № 1);",
        "2) положение о внутренней системе оценки качества образования (приложение № 2).",
        "2. Заместителю директора по УВР Беловой Т.В. ознакомить педагогов с положениями.",
        "3. Контроль исполнения приказа оставляю за собой.",
    )
    blank(document)
    body(document, *LYCEUM12_APPENDIX)
    blank(document, 2)
    document.add_paragraph("Директор МАОУ «Лицей № 12»\t\t\t\t\tН.В. Смирнова")
    blank(document)
    document.add_paragraph("С приказом ознакомлена:")
    document.add_paragraph(f"Белова Т.В. {ACQUAINTED_LINE}")
    blank(document, 2)
    small(document, "Исп. Белова Т.В., 8 (4912) 24-12-12")
    return to_bytes(document)


# --- the authority: blank in capitals, long preamble, Word-numbered items with «- » lines -------


def olympiad_order() -> bytes:
    document = new_document()
    centred(document, "АДМИНИСТРАЦИЯ ГОРОДА РЯЗАНИ", bold=True)
    centred(document, "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ И МОЛОДЁЖНОЙ ПОЛИТИКИ", bold=True)
    blank(document)
    centred(document, "ПРИКАЗ", bold=True)
    blank(document)
    document.add_paragraph("20.10.2025\t\t\t\t\t\t\t\t\t\t№ 1012")
    blank(document)
    centred(
        document,
        "Об утверждении регламента проведения муниципального этапа",
        "всероссийской олимпиады школьников в 2025/2026 учебном году",
        bold=True,
    )
    blank(document)
    body(
        document,
        "В соответствии с приказом Министерства просвещения Российской Федерации от 27.11.2020 "
        "№ 678 «Об утверждении Порядка проведения всероссийской олимпиады школьников», "
        "приказом министерства образования Рязанской области от 09.10.2025 № 1340 "
        "«О проведении муниципального этапа всероссийской олимпиады школьников»",
        "ПРИКАЗЫВАЮ:",
    )
    num = add_multilevel_list(document, formats=(("decimal", "%1."),))
    numbered(document, "Утвердить регламент проведения муниципального этапа олимпиады "
             "(приложение).", num)
    numbered(document, "Руководителям общеобразовательных организаций обеспечить:", num)
    body(document, "- участие обучающихся в соответствии с квотой;",
         "- сопровождение участников к месту проведения олимпиады.")
    numbered(document, "Контроль исполнения приказа возложить на заместителя начальника "
             "управления Лебедеву А.В.", num)
    blank(document, 2)
    document.add_paragraph("Начальник управления\t\t\t\t\t\tТ.Н. Морозова")
    blank(document, 3)
    small(document, "Исп. Иванова О.А., 8 (4912) 25-00-00")
    return to_bytes(document)


# --- МБОУ СОШ № 5: «от «31» 08 2017 г.», signature in a borderless table ------------------------


def catering_sosh5() -> bytes:
    document = new_document()
    centred(document, "МБОУ СОШ № 5", bold=True)
    centred(document, "ПРИКАЗ", bold=True)
    document.add_paragraph("от «31» 08 2017 г.\t\t\t\t\t\t\t№ 112-од")
    blank(document)
    document.add_paragraph("Об организации горячего питания обучающихся")
    blank(document)
    body(
        document,
        "В целях сохранения здоровья обучающихся и организации горячего питания в 2017/2018 "
        "учебном году",
        "ПРИКАЗЫВАЮ:",
        "1. Организовать горячее питание обучающихся 1–11 классов с 01.09.2017.",
        "2. Назначить ответственным за организацию питания социального педагога Волкову Л.М.",
        "3. Классным руководителям ежедневно подавать заявку на питание до 9.00.",
    )
    blank(document)
    layout_table(document, ["Директор МБОУ СОШ № 5", "А.П. Громов"], aligns=[LEFT, RIGHT])
    blank(document)
    document.add_paragraph("С приказом ознакомлены:")
    document.add_paragraph("Волкова Л.М. __________")
    return to_bytes(document)


# --- МАОУ «Гимназия № 3»: the order approving the local acts, «Исп.» note over two lines --------


def local_acts_gymnasium3() -> bytes:
    document = new_document()
    layout_table(
        document,
        [[GYMNASIUM3_PARENT, GYMNASIUM3_NAME, *GYMNASIUM3_DETAILS], ""],
        aligns=[CENTRE, None],
    )
    blank(document)
    centred(document, "ПРИКАЗ", bold=True)
    document.add_paragraph("28.08.2025\t\t\t\t\t\t\t\t\t№ 77-о/д")
    blank(document)
    document.add_paragraph("Об утверждении локальных нормативных актов")
    blank(document)
    body(
        document,
        "В соответствии с частью 1 статьи 30 Федерального закона от 29.12.2012 № 273-ФЗ "
        "«Об образовании в Российской Федерации», с учётом мнения педагогического совета "
        "(протокол от 27.08.2025 № 1)",
        "ПРИКАЗЫВАЮ:",
    )
    num = add_multilevel_list(document, formats=(("decimal", "%1."),))
    for text in (
        "Утвердить положение о портфолио обучающегося (приложение № 1).",
        "Утвердить инструкцию по охране труда для учителя информатики (приложение № 2).",
        "Контроль исполнения приказа оставляю за собой.",
    ):
        numbered(document, text, num)
    blank(document)
    body(document, "Приложение: на 10 л. в 1 экз.")
    blank(document, 2)
    document.add_paragraph("Директор МАОУ «Гимназия № 3»\t\tО.А. Иванова")
    blank(document, 3)
    small(document, "Исп. Кузнецова Е.П.", "8 (4912) 25-00-00")
    return to_bytes(document)


ORDER_SECTION = None, ""  # an order's items stand in one section without number or title

SAMPLES = [
    # Shapes 4 (preamble citing a letter «от 14.02.2025 № 15-04/322»), 5 (date | number in a
    # table row, place under it), 7 (signature with underscores, «С приказом ознакомлены:»,
    # «Исп. …, phone» in small print), 11 (parent, organisation in capitals, address and phone);
    # «1)» items in clause 3.
    Sample("gymnasium3-vpr-order-table-blank", "gymnasium3-vpr-order.docx", vpr_gymnasium3, {
        "kind": "order",
        "kind_heading": "ПРИКАЗ",
        "title": "ПРИКАЗ О проведении всероссийских проверочных работ в 4–8 классах в 2025 году",
        "number": "02-07/41",
        "date": "2025-03-12",
        "place": "г. Рязань",
        "organization": {"name": GYMNASIUM3_NAME, "parent": GYMNASIUM3_PARENT,
                         "details": GYMNASIUM3_DETAILS},
        "approval": None,
        "stamps": [],
        "preamble": Prefix("На основании письма министерства образования Рязанской области от "
                           "14.02.2025 № 15-04/322"),
        "operative": "ПРИКАЗЫВАЮ:",
        "sections": [(*ORDER_SECTION, ["1", "2", (
            "3",
            "Школьному координатору:\n1) ознакомить участников с порядком проведения ВПР;\n"
            "2) организовать получение и тиражирование материалов;\n"
            "3) представить отчёт о проведении ВПР до 20.05.2025.",
        ), ("4", "Контроль исполнения приказа оставляю за собой.")])],
        "tables": [],
        "signatures": [{"position": "Директор", "name": "О.А. Иванова"}],
        "executor": {"name": "Кузнецова Е.П.", "phone": "8 (4912) 25-00-00",
                     "text": "Исп. Кузнецова Е.П., 8 (4912) 25-00-00"},
        "acknowledgements": {"heading": Prefix("С приказом ознакомлены"),
                             "people": [Prefix("Смирнова Т.В."), Prefix("Петров А.С.")]},
    }),
    # Shapes 5 (three cells «"31" августа 2025 г.» | «г. Рязань» | «№ 219 о/д»), 7 (appendix
    # note, two-line signature, executor as name and phone lines in small print); spaced
    # operative word «п р и к а з ы в а ю:».
    Sample("sosh14-mediation-order-three-cells", "sosh14-order.docx", mediation_order_sosh14, {
        "kind": "order",
        "kind_heading": "ПРИКАЗ",
        "title": "ПРИКАЗ Об утверждении положения о школьной службе медиации",
        "number": "219 о/д",
        "date": "2025-08-31",
        "place": "г. Рязань",
        "organization": {"name": SOSH14_NAME, "parent": None},
        "preamble": Prefix("В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ"),
        "sections": [(*ORDER_SECTION, ["1", "2", "3", (
            "4", "Контроль исполнения приказа оставляю за собой.")])],
        "appendix_notes": [MEDIATION_APPENDIX],
        "signatures": [{"position": "Директор МБОУ «СОШ № 14»", "name": "С.М. Орлов"}],
        "executor": {"name": "Кузнецова Елена Петровна", "phone": "8 (4912) 25-14-14"},
        "acknowledgements": None,
    }),
    # Shapes 4 (preamble citing «протокол от 29.08.2025 № 1»), 7 (signature «Директор МАОУ
    # «Лицей № 12»<tabs>Н.В. Смирнова», appendix note over two lines, acknowledgement, «Исп.»);
    # typed registration line with tabs; «1)» items.
    Sample("lyceum12-local-acts-order", "lyceum12-order-203.docx", local_acts_lyceum12, {
        "kind": "order",
        "title": "ПРИКАЗ Об утверждении локальных нормативных актов",
        "number": "203",
        "date": "2025-09-01",
        "place": "г. Рязань",
        "organization": {"name": "Муниципальное автономное общеобразовательное учреждение "
                                 "«Лицей № 12»"},
        "preamble": Prefix("В соответствии с частью 1 статьи 30 Федерального закона"),
        "operative": "ПРИКАЗЫВАЮ:",
        "sections": [(*ORDER_SECTION, [(
            "1",
            "Утвердить:\n1) положение о формах, периодичности и порядке текущего контроля "
            "успеваемости и промежуточной аттестации обучающихся (приложение № 1);\n"
            "2) положение о внутренней системе оценки качества образования (приложение № 2).",
        ), "2", ("3", "Контроль исполнения приказа оставляю за собой.")])],
        "appendix_notes": LYCEUM12_APPENDIX,
        "signatures": [{"position": "Директор МАОУ «Лицей № 12»", "name": "Н.В. Смирнова"}],
        "executor": {"name": "Белова Т.В.", "phone": "8 (4912) 24-12-12"},
        "acknowledgements": {"heading": Prefix("С приказом ознакомлена"),
                             "people": [Prefix("Белова Т.В.")]},
    }),
    # Shapes 2 (title over two lines), 4 (preamble citing two orders with dates and numbers),
    # 7 (signature with tabs, «Исп.»), 11 (parent and organisation in capitals); Word-numbered
    # items, «- » lines of item 2.
    Sample("uo-olympiad-order", "uo-order-1012.docx", olympiad_order, {
        "kind": "order",
        "title": "ПРИКАЗ Об утверждении регламента проведения муниципального этапа "
                 "всероссийской олимпиады школьников в 2025/2026 учебном году",
        "number": "1012",
        "date": "2025-10-20",
        "organization": {"name": "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ И МОЛОДЁЖНОЙ ПОЛИТИКИ",
                         "parent": "АДМИНИСТРАЦИЯ ГОРОДА РЯЗАНИ"},
        "approval": None,
        "preamble": Prefix("В соответствии с приказом Министерства просвещения Российской "
                           "Федерации от 27.11.2020 № 678"),
        "operative": "ПРИКАЗЫВАЮ:",
        "sections": [(*ORDER_SECTION, ["1", (
            "2",
            "Руководителям общеобразовательных организаций обеспечить:\n"
            "- участие обучающихся в соответствии с квотой;\n"
            "- сопровождение участников к месту проведения олимпиады.",
        ), "3"])],
        "signatures": [{"position": "Начальник управления", "name": "Т.Н. Морозова"}],
        "executor": {"name": "Иванова О.А.", "phone": "8 (4912) 25-00-00",
                     "text": "Исп. Иванова О.А., 8 (4912) 25-00-00"},
    }),
    # Registration «от «31» 08 2017 г. … № 112-од»; shape 7 (signature as position | name in a
    # borderless table, acknowledgement); a preamble without any act cited.
    Sample("sosh5-catering-order-2017", "sosh5-order-112.docx", catering_sosh5, {
        "kind": "order",
        "title": "ПРИКАЗ Об организации горячего питания обучающихся",
        "number": "112-од",
        "date": "2017-08-31",
        "organization": {"name": "МБОУ СОШ № 5", "parent": None},
        "preamble": Prefix("В целях сохранения здоровья обучающихся"),
        "operative": "ПРИКАЗЫВАЮ:",
        "sections": [(*ORDER_SECTION, ["1", "2", "3"])],
        "signatures": [{"position": "Директор МБОУ СОШ № 5", "name": "А.П. Громов"}],
        "executor": None,
        "acknowledgements": {"heading": Prefix("С приказом ознакомлены"),
                             "people": [Prefix("Волкова Л.М.")]},
    }),
    # Shapes 7 (signature «Директор МАОУ «Гимназия № 3»<tabs>О.А. Иванова», «Исп.» over two
    # lines, appendix note), 11 (organisation block with details in the left cell of a layout
    # table); Word-numbered items; the order «№ 77-о/д» that the gymnasium's stamps cite.
    Sample("gymnasium3-local-acts-order", "gymnasium3-order-77.docx", local_acts_gymnasium3, {
        "kind": "order",
        "title": "ПРИКАЗ Об утверждении локальных нормативных актов",
        "number": "77-о/д",
        "date": "2025-08-28",
        "organization": {"name": GYMNASIUM3_NAME, "parent": GYMNASIUM3_PARENT,
                         "details": GYMNASIUM3_DETAILS},
        "stamps": [],
        "preamble": Prefix("В соответствии с частью 1 статьи 30 Федерального закона"),
        "operative": "ПРИКАЗЫВАЮ:",
        "sections": [(*ORDER_SECTION, ["1", "2", "3"])],
        "appendix_notes": ["Приложение: на 10 л. в 1 экз."],
        "signatures": [{"position": "Директор МАОУ «Гимназия № 3»", "name": "О.А. Иванова"}],
        "executor": {"name": "Кузнецова Е.П.", "phone": "8 (4912) 25-00-00"},
    }),
]
