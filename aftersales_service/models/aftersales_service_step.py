# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class AftersalesServiceStep(models.Model):
    """One step of the work done on a request (R18): when, who, what, with
    photos. Printed on the service report."""

    _name = "aftersales.service.step"
    _description = "After-Sales Work Step"
    _order = "ticket_id, date, id"
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
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users",
        string="Technician",
        required=True,
        default=lambda self: self.env.user,
    )
    visit_id = fields.Many2one(
        "calendar.event",
        domain="[('aftersales_ticket_id', '=', ticket_id)]",
    )
    note = fields.Text(required=True, string="What Was Done")
    photo_ids = fields.Many2many(
        "ir.attachment", "aftersales_service_step_photo_rel", string="Photos"
    )

    # ------------------------------------------------------------------
    # Constrains
    # ------------------------------------------------------------------
    @api.constrains("date")
    def _check_date(self):
        now = fields.Datetime.now()
        for step in self:
            if step.date > now:
                raise UserError(
                    self.env._(
                        "A step is recorded once done: its time cannot be ahead."
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        steps = super().create(vals_list)
        steps.ticket_id._aftersales_check_not_completed()
        steps.photo_ids.sudo().write({"res_model": self._name})
        return steps

    def write(self, vals):
        self.ticket_id._aftersales_check_not_completed()
        return super().write(vals)

    def unlink(self):
        self.ticket_id._aftersales_check_not_completed()
        return super().unlink()
