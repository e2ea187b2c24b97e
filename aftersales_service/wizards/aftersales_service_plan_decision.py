# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesServicePlanDecision(models.TransientModel):
    """An agent records the customer's answer to a plan given by phone or in
    writing."""

    _name = "aftersales.service.plan.decision"
    _description = "Record the Customer's Answer to a Plan"

    plan_id = fields.Many2one("aftersales.service.plan", required=True)
    decision = fields.Selection(
        [("accept", "Accepted"), ("refuse", "Refused")], required=True, default="accept"
    )
    method = fields.Selection(
        [("phone", "By Phone"), ("written", "In Writing")],
        required=True,
        default="written",
    )
    written_confirmation_required = fields.Boolean(
        related="plan_id.written_confirmation_required"
    )
    signed_by = fields.Char(
        string="Confirmed By", help="Who answered for the customer."
    )
    note = fields.Text(string="Note / Reason")
    attachment_ids = fields.Many2many("ir.attachment", string="Documents")

    def action_confirm(self):
        self.ensure_one()
        if self.decision == "refuse":
            self.plan_id._action_refuse(self.note)
        else:
            self.plan_id._action_accept_recorded(
                self.method,
                self.signed_by,
                note=self.note,
                attachments=self.attachment_ids,
            )
        return {"type": "ir.actions.act_window_close"}
