# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError


class AftersalesRequestDocument(models.AbstractModel):
    """What every document of a request shares: a reference from the
    sequence named after the model, the request it belongs to, the request's
    company and customer, and the messages the customer receives on the
    request's thread."""

    _name = "aftersales.request.document"
    _description = "After-Sales Request Document"
    _inherit = ["mail.thread", "mail.activity.mixin"]  # noqa: RUF012
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
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
    partner_id = fields.Many2one(
        related="ticket_id.partner_id", string="Customer", store=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        Sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = Sequence.next_by_code(self._get_sequence_code()) or "/"
        if not self.env.su:
            defaults = self.default_get(list(self._get_action_fields()))
            self._check_action_fields(
                {
                    key
                    for vals in vals_list
                    for key, value in vals.items()
                    if value and value != defaults.get(key)
                }
            )
        return super().create(vals_list)

    def write(self, vals):
        self._check_action_fields(set(vals))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _get_sequence_code(self):
        """Code of the ``ir.sequence`` numbering these documents."""
        return self._name

    @api.model
    def _get_action_fields(self):
        """Fields that change only through the document's actions (state,
        decision...): a plain ``write`` of them is refused."""
        return {"state", "decision_user_id", "decision_date"}

    def _check_action_fields(self, field_names):
        if self.env.su:
            return
        protected = self._get_action_fields() & field_names
        if protected:
            labels = sorted(
                self._fields[name]._description_string(self.env) for name in protected
            )
            raise AccessError(
                self.env._(
                    "%(fields)s of %(document)s change only through its buttons, "
                    "by the role allowed to press them.",
                    fields=", ".join(labels),
                    document=self.env["ir.model"]._get(self._name).sudo().name,
                )
            )

    def _write_by_action(self, vals):
        """Write what an action decided, once the action checked the role
        and the limits."""
        return self.sudo().write(vals)

    def _notify_customer(self, body):
        """Tell the customer on the request's thread (they follow it)."""
        for document in self:
            ticket = document.ticket_id.sudo()
            ticket.message_post(
                body=Markup("<p>%s</p>") % body,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=ticket.partner_id.ids,
            )
