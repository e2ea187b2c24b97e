# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.1.0: the acknowledgement tells an unclassified request when it will
be classified, and the shipped customer-service team has a default kind.

Both are no-update data, which an update leaves as they were: the template is
reloaded from the module (its translations follow at the end of the update),
the team gets the default kind unless one was chosen."""

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools import file_open
from odoo.tools.convert import xml_import
from odoo.tools.translate import TranslationImporter

RELOADED = {
    "data/mail_template_data.xml": ("mail_template_request_ack",),
}


def _reload_records(env, path, xmlids):
    with file_open(f"aftersales_service/{path}", "rb") as file:
        root = etree.parse(file).getroot()
    for node in list(root):
        if node.tag != "record" or node.get("id") not in xmlids:
            root.remove(node)
    root.set("noupdate", "1")
    importer = xml_import(env, "aftersales_service", {}, mode="init", xml_filename=path)
    importer.parse(root)


def _reload_translations(env, xmlids):
    """The reloaded records' translations from the module's catalogues, over
    the old ones (the update keeps those of no-update records)."""
    importer = TranslationImporter(env.cr, verbose=False)
    for lang, _name in env["res.lang"].get_installed():
        if lang != "en_US":
            importer.load_file(
                f"aftersales_service/i18n/{lang}.po",
                lang,
                xmlids={f"aftersales_service.{xmlid}" for xmlid in xmlids},
            )
    importer.save(force_overwrite=True)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for path, xmlids in RELOADED.items():
        _reload_records(env, path, xmlids)
        _reload_translations(env, xmlids)
    team = env.ref("aftersales_service.team_service", raise_if_not_found=False)
    kind = env.ref("aftersales_service.kind_consultation", raise_if_not_found=False)
    if team and kind and not team.aftersales_default_category_id:
        team.aftersales_default_category_id = kind
