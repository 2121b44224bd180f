"""The Russian catalogue is complete and the compiled .mo matches the .po source."""

import gettext
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "ru" / "LC_MESSAGES"


def po_entries():
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    entries = {}
    for block in text.split("\n\n"):
        ctxt = re.search(r'^msgctxt "(.*)"$', block, re.M)
        msgid = re.search(r'^msgid ((?:".*"\n)+)', block, re.M)
        msgstr = re.search(r'^msgstr ((?:".*"\n?)+)', block, re.M)
        if not msgid or "#~" in block:
            continue
        key = "".join(re.findall(r'"(.*)"', msgid.group(1)))
        if not key:
            continue
        if ctxt:
            key = f"{ctxt.group(1)}\x04{key}"
        entries[key] = ("".join(re.findall(r'"(.*)"', msgstr.group(1))), "#, fuzzy" in block)
    return entries


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = po_entries()
    assert entries
    untranslated = [k for k, (v, _fuzzy) in entries.items() if not v]
    fuzzy = [k for k, (_v, f) in entries.items() if f]
    assert not untranslated and not fuzzy


def test_compiled_catalogue_is_up_to_date():
    with open(CATALOGUE / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    compiled_ids = {k for k in compiled._catalog if k}  # noqa: SLF001 - no public accessor
    assert compiled_ids == set(po_entries()), "run: make messages"


def test_ui_strings_come_out_in_russian():
    with translation.override("ru"):
        assert translation.gettext("Tasks") == "Задачи"
        assert translation.pgettext("unit kind", "Administration") == "Администрация"
        # Django's and Viewflow's own catalogues still apply where ours is silent.
        assert translation.gettext("Administration") == "Администрирование"


def test_viewflow_frontend_words_come_from_the_russian_javascript_catalogue(client):
    """viewflow.min.js asks window.gettext for «N selected» and the calendar's months; base.html
    loads the catalogue from the `javascript-catalog` URL."""
    import json
    import re

    script = client.get("/jsi18n/").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalogue["%(sel)s selected"] == "Выбрано: %(sel)s"
    assert catalogue["January"] == "Январь"
    page = client.get("/accounts/login/").content.decode()
    assert 'src="/jsi18n/"' in page
