# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from .aftersales_service_checklist_item import CHECK_TYPES


class AftersalesServiceCheck(models.Model):
    """A checklist item on one request, ticked by the technician; who and when
    are recorded."""

    _name = "aftersales.service.check"
    _description = "After-Sales Checklist Answer"
    _order = "ticket_id, check_type, sequence, id"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Request",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, index=True, precompute=True
    )
    item_id = fields.Many2one(
        "aftersales.service.checklist.item",
        string="Checklist Item",
        ondelete="set null",
    )
    check_type = fields.Selection(CHECK_TYPES, string="Type", required=True)
    name = fields.Char(string="Item", required=True)
    sequence = fields.Integer(default=10)
    done = fields.Boolean(string="Checked")
    done_by_id = fields.Many2one("res.users", string="Checked By", readonly=True)
    done_date = fields.Datetime(string="Checked On", readonly=True)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            {"done_by_id", "done_date"}.intersection(v) for v in vals_list
        ):
            raise AccessError(self.env._("Who checked an item is recorded by Odoo."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and {"done_by_id", "done_date"}.intersection(vals):
            raise AccessError(self.env._("Who checked an item is recorded by Odoo."))
        if "done" in vals:
            self.ticket_id._aftersales_check_not_completed()
        res = super().write(vals)
        if "done" in vals:
            self.sudo().write(
                {
                    "done_by_id": vals["done"] and self.env.user.id,
                    "done_date": vals["done"] and fields.Datetime.now(),
                }
            )
        return res
