"""The expert conclusion the process writes (seed 000 §6.2), built from its form: the content
first — sections, the criteria table — then exactly that content in the ГОСТ layout."""

import re

from docx.enum.text import WD_ALIGN_PARAGRAPH

from common.gost import para, signature_block, write_outline
from common.russian import balanced_quotes, inflect_phrase, initials_name, mid_sentence, ru_date
from common.text import lines
from documents.rendering import closing, opening
from documents.requisites import Generated

# Stored in every generated version's structure: never renamed (it predates this app).
GENERATOR = "workflows.conclusion"
VERDICTS = {
    "recommended": "рекомендуется к использованию",
    "after_revision": "рекомендуется к использованию после доработки",
    "not_recommended": "не рекомендуется к использованию",
}


# Raised with every change of what the generator writes from the same form (documents.
# requisites.GENERATOR_VERSIONS): 2 puts the object in the accusative, the way of collecting in
# the genitive, positions in lower case and the experts' signatures under the text.
WORDING = 2


def conclusion_title(form) -> str:
    return f"Экспертное заключение на {object_words(form['object_title'])}"


def object_words(title: str) -> str:
    """What the conclusion is on, after «на»: «рабочую программу курса „Финансовая
    грамотность“», or a name in quotes as it is («на «Цифровая школа»»)."""
    title = " ".join(title.split()).strip(" .")
    if title.startswith('"'):
        title = f"«{title.strip(chr(34))}»"
    if title.startswith("«"):
        return balanced_quotes(title)
    return balanced_quotes(mid_sentence(inflect_phrase(title, "accs")))


def _collected_by(method: str) -> str:
    """«анализ документов, посещение уроков» → «анализа документов, посещения уроков»,
    «анализ программы и посещение занятий» → «анализа программы и посещения занятий» (after
    «путём»)."""
    parts = re.split(r"(,\s*|\s+и\s+)", method.strip(" ."))  # the separators kept
    return "".join(
        part if i % 2 else mid_sentence(inflect_phrase(part.strip(), "gent"))
        for i, part in enumerate(parts)
    )


def _expert(entry: str) -> str:
    """«Соколова Нина Николаевна, Методист» → «…, методист»."""
    name, _, position = entry.partition(",")
    return f"{name.strip()}, {mid_sentence(position)}" if position.strip() else name.strip()


def conclusion_content(form) -> dict:
    """Seed 000 §6.2: object, experts, dates and way of collecting, theses, the criteria table,
    the conclusion, recommendations and the verdict."""
    sections, tables = [], []

    def section(title, lines):
        sections.append(
            {"number": str(len(sections) + 1), "title": title, "text": "\n".join(lines)}
        )

    section(
        "Объект экспертизы",
        [
            f"{label}: {form[key]}."
            for label, key in (
                ("Наименование", "object_title"),
                ("Автор (разработчик)", "object_author"),
                ("Предмет, класс", "object_subject"),
            )
            if form.get(key)
        ],
    )
    section("Экспертная группа", [_expert(name) for name in form.get("experts", []) if name])
    section(
        "Сроки и способ сбора информации",
        [
            f"Информация собрана с {ru_date(form['collected_from'])} по "
            f"{ru_date(form['collected_to'])} путём {_collected_by(form['method'])}."
        ],
    )
    section("Тезисы", lines(form["theses"]))
    if form.get("criteria"):
        section("Оценка по критериям", [])
        rows = [["№", "Критерий", "Балл", "Примечание"]] + [
            [str(i), row["criterion"], str(row.get("score", "")), row.get("remark", "")]
            for i, row in enumerate(form["criteria"], start=1)
        ]
        tables.append({"rows": rows, "header": True, "at": {"section": len(sections) - 1}})
    section("Заключение", lines(form["conclusion"]))
    section(
        "Рекомендации",
        [
            *lines(form["recommendations"]),
            f"Вывод экспертной группы: {VERDICTS[form['verdict']]}.",
        ],
    )
    for entry in sections:
        entry["clauses"] = []
    for table in tables:
        table["at"]["clause"] = None
    return {"preamble": "", "sections": sections, "tables": tables, "plan_items": []}


def build_conclusion(form, document, requisites) -> Generated:
    content = conclusion_content(form)
    out = opening(document, requisites, "ЭКСПЕРТНОЕ ЗАКЛЮЧЕНИЕ", requisites.get("approval"))
    para(
        out,
        f"на {object_words(form['object_title'])}",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=12,
    )
    write_outline(out, content["sections"], content["tables"], centred_headings=False)
    # The experts of the working group sign what they concluded; the head approves it above.
    for entry in form.get("experts", []):
        name, _, position = entry.partition(",")
        signature_block(
            out, {"position": position.strip() or "Эксперт", "name": initials_name(name)}
        )
    return Generated(closing(out, document, requisites), content)
