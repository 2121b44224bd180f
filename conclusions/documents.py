"""The expert conclusion the process writes (seed 000 §6.2), built from its form: the content
first — sections, the criteria table — then exactly that content in the ГОСТ layout."""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from common.gost import para, write_outline
from common.russian import ru_date
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


def conclusion_title(form) -> str:
    # The object's name stays in quotes, so it keeps its own case after «на».
    return f"Экспертное заключение на «{_unquoted(form['object_title'])}»"


def _unquoted(value: str) -> str:
    return value.strip().strip('«»" ')


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
    section("Экспертная группа", [name for name in form.get("experts", []) if name])
    section(
        "Сроки и способ сбора информации",
        [
            f"Информация собрана с {ru_date(form['collected_from'])} по "
            f"{ru_date(form['collected_to'])} путём: {form['method']}."
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
        f"на «{_unquoted(form['object_title'])}»",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=12,
    )
    write_outline(out, content["sections"], content["tables"], centred_headings=False)
    return Generated(closing(out, document, requisites), content)
