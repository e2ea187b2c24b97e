# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    aftersales_quarantine_location_id = fields.Many2one(
        "stock.location",
        string="After-Sales Quarantine",
        check_company=True,
        copy=False,
        help="Internal location where returned goods and quarantined lots wait "
        "for inspection. Created on first use.",
    )

    def _aftersales_get_quarantine_location(self):
        """The warehouse's quarantine location, created on first use. It sits
        outside the warehouse, so nothing in it is reserved or sold."""
        self.ensure_one()
        if not self.aftersales_quarantine_location_id:
            location = (
                self.env["stock.location"]
                .sudo()
                .create(self._aftersales_prepare_quarantine_location_vals())
            )
            self.sudo().aftersales_quarantine_location_id = location
        return self.aftersales_quarantine_location_id

    def _aftersales_prepare_quarantine_location_vals(self):
        """Outside the warehouse's view location: quarantined goods are on
        hand (per lot and location) but never free or forecast stock of the
        warehouse for sales."""
        self.ensure_one()
        parent = self.env.ref(
            "stock.stock_location_locations", raise_if_not_found=False
        )
        return {
            "name": self.env._(
                "%(warehouse)s After-Sales Quarantine", warehouse=self.code
            ),
            "usage": "internal",
            "location_id": parent.id if parent else False,
            "company_id": self.company_id.id,
            "replenish_location": False,
        }
