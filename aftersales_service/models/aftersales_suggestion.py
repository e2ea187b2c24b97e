# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

STATES = [
    ("new", "New"),
    ("review", "Under Review"),
    ("adopted", "Adopted"),
    ("declined", "Declined"),
]
# Context key of the action methods allowed to change the state
STATE_KEY = "aftersales_suggestion_state"


class AftersalesSuggestion(models.Model):
    """Suggestion box (意见箱, R31): customers' ideas from the portal or the
    suggestion email alias, reviewed by the managers, who reply."""

    _name = "aftersales.suggestion"
    _description = "Customer Suggestion"
    _inherit = ["mail.thread", "mail.activity.mixin"]  # noqa: RUF012
    _order = "create_date desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(string="Subject", required=True)
    description = fields.Text(string="Suggestion", required=True)
    partner_id = fields.Many2one("res.partner", string="Customer", index=True)
    email_from = fields.Char(string="Email")
    channel = fields.Selection(
        [("portal", "Portal"), ("email", "Email")], default="portal", readonly=True
    )
    state = fields.Selection(
        STATES, default="new", required=True, readonly=True, tracking=True
    )
    reply = fields.Text(
        string="Reply to the Customer",
        help="Sent to the customer when the suggestion is adopted or declined.",
    )
    reviewer_id = fields.Many2one("res.users", string="Reviewed By", readonly=True)
    review_date = fields.Datetime(string="Reviewed On", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if "state" in vals and not self.env.context.get(STATE_KEY):
            raise UserError(
                self.env._("The state of a suggestion changes through its buttons.")
            )
        return super().write(vals)

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A suggestion sent to the suggestion alias."""
        custom_values = dict(custom_values or {})
        email = msg_dict.get("email_from") or ""
        partner = self.env["res.partner"].browse(msg_dict.get("author_id")).exists()
        custom_values.setdefault(
            "name", msg_dict.get("subject") or self.env._("Suggestion")
        )
        custom_values.setdefault(
            "description", html2plaintext(msg_dict.get("body") or "") or "-"
        )
        custom_values.update(channel="email", email_from=email, partner_id=partner.id)
        return super().message_new(msg_dict, custom_values=custom_values)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_review(self):
        if any(s.state != "new" for s in self):
            raise UserError(self.env._("Only new suggestions can be taken in review."))
        self._set_state("review")

    def action_adopt(self):
        self._decide("adopted")

    def action_decline(self):
        self._decide("declined")

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _create_from_portal(self, partner, subject, description):
        """A suggestion typed in the portal by ``partner``'s user."""
        subject, description = (subject or "").strip(), (description or "").strip()
        if not subject or not description:
            raise UserError(
                self.env._("Give your suggestion a subject and describe it.")
            )
        suggestion = self.sudo().create(
            {
                "name": subject[:200],
                "description": description,
                "partner_id": partner.id,
                "email_from": partner.email,
                "channel": "portal",
            }
        )
        suggestion.message_subscribe(partner_ids=partner.ids)
        return suggestion

    def _set_state(self, state, **vals):
        self.with_context(**{STATE_KEY: True}).write(dict(vals, state=state))

    def _decide(self, state):
        for suggestion in self:
            if suggestion.state not in ("new", "review"):
                raise UserError(
                    self.env._(
                        "Suggestion %(name)s is already decided.", name=suggestion.name
                    )
                )
            if not (suggestion.reply or "").strip():
                raise UserError(
                    self.env._(
                        "Write the reply to the customer before deciding on "
                        "suggestion %(name)s.",
                        name=suggestion.name,
                    )
                )
        self._set_state(
            state, reviewer_id=self.env.user.id, review_date=fields.Datetime.now()
        )
        for suggestion in self:
            suggestion.message_post(
                body=suggestion.reply,
                partner_ids=suggestion.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
