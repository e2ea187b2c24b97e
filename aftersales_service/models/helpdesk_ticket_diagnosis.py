# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import html_sanitize

PAST_CASES_LIMIT = 10


class HelpdeskTicket(models.Model):
    """Diagnosis on the request (R15): past cases of the same product or
    kind, solution articles sent to the customer, escalation to an
    engineer."""

    _inherit = "helpdesk.ticket"  # pylint: disable=R8180

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    service_past_case_ids = fields.Many2many(
        "helpdesk.ticket",
        string="Past Cases",
        compute="_compute_service_past_case_ids",
        help="Solved requests of the same product, then of the same kind, with "
        "their resolution.",
    )
    solution_page_ids = fields.Many2many(
        "document.page",
        "aftersales_ticket_document_page_rel",
        "ticket_id",
        "page_id",
        string="Solution Articles",
        domain=[("type", "=", "content")],
        copy=False,
        help="Knowledge base articles that answer this request; "
        "'Send to Customer' posts them on the request for the customer.",
    )
    escalated_to_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    escalation_reason = fields.Text(readonly=True, copy=False, tracking=True)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("product_id", "category_id")
    def _compute_service_past_case_ids(self):
        """Two searches per request at most: same product first, then the
        same kind to fill up to the limit."""
        solved = Domain("resolution_summary", "!=", False) & Domain(
            "service_completed_date", "!=", False
        )
        Ticket = self.env["helpdesk.ticket"]
        for ticket in self:
            own = Domain("id", "not in", ticket._origin.ids)
            cases = Ticket
            if ticket.product_id:
                cases = Ticket.search(
                    solved & own & Domain("product_id", "=", ticket.product_id.id),
                    order="service_completed_date desc",
                    limit=PAST_CASES_LIMIT,
                )
            if len(cases) < PAST_CASES_LIMIT and ticket.category_id:
                cases |= Ticket.search(
                    solved
                    & own
                    & Domain("id", "not in", cases.ids)
                    & Domain("category_id", "=", ticket.category_id.id),
                    order="service_completed_date desc",
                    limit=PAST_CASES_LIMIT - len(cases),
                )
            ticket.service_past_case_ids = cases

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_aftersales_send_articles(self):
        """Posts the linked solution articles to the customer (R15): a public
        message in the chatter, emailed to them, with each article's text."""
        for ticket in self:
            ticket._aftersales_send_articles()
        return True

    def action_aftersales_escalate(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Escalate to an Engineer"),
            "res_model": "aftersales.service.escalate",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _aftersales_send_articles(self):
        self.ensure_one()
        if not self.solution_page_ids:
            raise UserError(
                self.env._("Link the solution articles to send to the customer first.")
            )
        if not self.partner_id:
            raise UserError(
                self.env._("Set the customer of %(request)s first.", request=self.name)
            )
        self.check_access("write")
        customer = self.partner_id
        lang_env = self.with_context(lang=customer.lang or self.env.lang).env
        body = Markup("<p>%s</p>") % lang_env._(
            "Here is how to solve the problem of your request:"
        )
        for page in self.solution_page_ids:
            body += Markup("<h4>%s</h4>%s") % (
                page.name,
                Markup(html_sanitize(page.content or "")),
            )
        return self.message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=customer.ids,
        )

    def _aftersales_escalate(self, engineer, reason):
        self.ensure_one()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the request goes to an engineer."))
        self.check_access("write")
        vals = {"user_id": engineer.id}
        if engineer not in self.task_force_ids:
            vals["task_force_ids"] = [Command.link(engineer.id)]
        self.write(vals)
        self.sudo().write({"escalated_to_id": engineer.id, "escalation_reason": reason})
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Escalated: diagnose the request"),
            note=reason,
            user_id=engineer.id,
        )
        return True
