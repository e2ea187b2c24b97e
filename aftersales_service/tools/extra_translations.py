# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Translations this addon ships for the modules it builds on.

helpdesk_mgmt ships no zh_CN, yet its labels, menus, stages, channels and
portal strings are on every after-sales screen. Their translations live in
``i18n_extra/<module>.<lang>.po`` of this addon (a po file of module
``<module>``, so its entries name that module's xml ids). Two consumers:

* ``ir.module.module._load_module_terms`` imports the model and view terms
  into the database (install, ``-u``, a language installed later);
* ``patch_code_translations`` (run when the addon is imported) serves the code terms
  (``_()`` in helpdesk_mgmt's Python, its JavaScript) when helpdesk_mgmt's own
  po files have none for the language.
"""

import logging
from contextlib import suppress

from odoo.tools import file_open, file_path
from odoo.tools.translate import (
    CodeTranslations,
    code_translations,
    get_base_langs,
)

_logger = logging.getLogger(__name__)

ADDON = "aftersales_service"
# Modules whose missing translations this addon ships.
EXTRA_MODULES = ("helpdesk_mgmt",)


def get_extra_po_paths(module_name, lang):
    """Yield the po files this addon ships for ``module_name`` in ``lang``
    (base language first, as Odoo does: ``zh`` then ``zh_CN``)."""
    if module_name not in EXTRA_MODULES:
        return
    for code in get_base_langs(lang):
        with suppress(FileNotFoundError):
            yield file_path(f"{ADDON}/i18n_extra/{module_name}.{code}.po")


def patch_code_translations():
    """Let the code terms of ``EXTRA_MODULES`` fall back on our po files.

    Odoo reads code terms only from the module's own ``i18n`` folders and has
    no model hook for them; the module's own translations keep precedence.
    """
    if getattr(CodeTranslations._get_code_translations, "_aftersales_extra", False):
        return
    get_code_translations = CodeTranslations._get_code_translations

    def _get_code_translations(module_name, lang, filter_func):
        extra = {}
        for po_path in get_extra_po_paths(module_name, lang):
            with file_open(po_path, mode="rb") as fileobj:
                extra.update(
                    CodeTranslations._read_code_translations_file(fileobj, filter_func)
                )
        return extra | get_code_translations(module_name, lang, filter_func)

    _get_code_translations._aftersales_extra = True
    CodeTranslations._get_code_translations = staticmethod(_get_code_translations)
    # Drop what was read before the patch (another database of this server).
    for cache in (
        code_translations.python_translations,
        code_translations.web_translations,
    ):
        for key in [key for key in cache if key[0] in EXTRA_MODULES]:
            del cache[key]
    _logger.debug("code translations of %s extended", ", ".join(EXTRA_MODULES))
