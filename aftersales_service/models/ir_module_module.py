# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, models
from odoo.tools.translate import TranslationImporter

from ..tools.extra_translations import ADDON, EXTRA_MODULES, get_extra_po_paths

_logger = logging.getLogger(__name__)


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _load_module_terms(self, modules, langs, overwrite=False):
        """Also import the translations this addon ships for helpdesk_mgmt.

        Called for this addon when it is installed or updated, and for every
        installed module when a language is installed or activated later.
        """
        res = super()._load_module_terms(modules, langs, overwrite=overwrite)
        if ADDON not in modules:
            return res
        importer = TranslationImporter(self.env.cr, verbose=False)
        for module_name in EXTRA_MODULES:
            for lang in langs:
                for po_path in get_extra_po_paths(module_name, lang):
                    _logger.info(
                        "module %s: loading translation file %s of %s for language %s",
                        ADDON,
                        po_path,
                        module_name,
                        lang,
                    )
                    importer.load_file(po_path, lang)
        importer.save(overwrite=overwrite)
        return res
