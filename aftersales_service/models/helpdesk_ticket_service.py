# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

# Written only by the service actions (as superuser once their checks passed)
SERVICE_PROTECTED_FIELDS = {
    "plan_confirmed_date",
    "service_work_started_date",
    "service_completed_date",
    "service_signed_by",
    "service_signature",
    "service_signed_date",
    "escalated_to_id",
    "escalation_reason",
    "service_agreed_date",
    "service_delay_reason",
}


# The service procedure lives in its own file beside helpdesk_ticket.py (intake,
# SLA, returns), so that each part of the request reads on its own.
class HelpdeskTicket(models.Model):
    """The service procedure on the request (R15-R19): handling method,
    solution plan and its confirmation."""

    _inherit = "helpdesk.ticket"  # pylint: disable=R8180

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    handling_method_id = fields.Many2one(
        "aftersales.handling.method",
        tracking=True,
        index="btree_not_null",
    )
    service_plan_ids = fields.One2many(
        "aftersales.service.plan", "ticket_id", string="Solution Plans"
    )
    service_plan_id = fields.Many2one(
        "aftersales.service.plan",
        string="Current Plan",
        compute="_compute_service_plan",
        help="The latest version of the solution plan.",
    )
    service_plan_state = fields.Selection(
        # the plan's labels, translated (a callable selection is not in the
        # catalogues of its own)
        lambda self: (
            self.env["aftersales.service.plan"]
            ._fields["state"]
            ._description_selection(self.env)
        ),
        string="Plan Status",
        compute="_compute_service_plan",
    )
    service_plan_count = fields.Integer(compute="_compute_service_plan")
    plan_confirmed_date = fields.Datetime(
        string="Plan Confirmed On",
        readonly=True,
        copy=False,
        help="When the customer first accepted a solution plan.",
    )

    service_visit_ids = fields.One2many(
        "calendar.event", "aftersales_ticket_id", string="Visits"
    )
    service_visit_count = fields.Integer(compute="_compute_service_visit_count")
    service_part_ids = fields.One2many(
        "aftersales.service.part", "ticket_id", string="Spare Parts"
    )

    service_step_ids = fields.One2many(
        "aftersales.service.step", "ticket_id", string="Work Steps"
    )
    service_check_ids = fields.One2many(
        "aftersales.service.check", "ticket_id", string="Checklist"
    )
    service_hours = fields.Float(
        string="Time on Site (hours)",
        compute="_compute_service_hours",
        help="Duration of the request's visits.",
    )
    service_work_started_date = fields.Datetime(
        string="Work Started On", readonly=True, copy=False
    )
    service_completed_date = fields.Datetime(
        string="Completed On", readonly=True, copy=False, tracking=True
    )
    service_signed_by = fields.Char(
        string="Accepted By", readonly=True, copy=False, help="The customer's name."
    )
    service_signature = fields.Image(
        string="Customer's Acceptance",
        max_width=1024,
        max_height=1024,
        readonly=True,
        copy=False,
        attachment=True,
    )
    # Delays (R14, R18)
    service_agreed_date = fields.Date(
        string="Agreed Date",
        readonly=True,
        copy=False,
        tracking=True,
        help="The new date agreed with the customer when a planned date or a "
        "target was going to be missed.",
    )
    service_delay_reason = fields.Text(
        string="Delay Explanation",
        readonly=True,
        copy=False,
        tracking=True,
        help="What the customer was told about the last delay.",
    )
    service_signed_date = fields.Datetime(
        string="Accepted On", readonly=True, copy=False, tracking=True
    )
    service_acceptance_state = fields.Selection(
        [("awaiting", "Awaiting the Customer's Signature"), ("signed", "Signed")],
        string="Customer's Acceptance Status",
        compute="_compute_service_acceptance_state",
        help="A completed service waits for the customer's signature when they "
        "sign the report in their portal.",
    )
    resolution_summary = fields.Text(
        copy=False,
        help="What solved the problem, filled at completion: shown on later "
        "requests of the same product or kind as a past case.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("service_plan_ids.version", "service_plan_ids.state")
    def _compute_service_plan(self):
        """One search for the whole batch: the latest version per request."""
        plans = self.env["aftersales.service.plan"].search(
            [("ticket_id", "in", self._origin.ids)], order="version desc, id desc"
        )
        latest, counts = {}, {}
        for plan in plans:
            latest.setdefault(plan.ticket_id.id, plan)
            counts[plan.ticket_id.id] = counts.get(plan.ticket_id.id, 0) + 1
        Plan = self.env["aftersales.service.plan"]
        for ticket in self:
            plan = latest.get(ticket._origin.id, Plan)
            ticket.service_plan_id = plan
            ticket.service_plan_state = plan.state
            ticket.service_plan_count = counts.get(ticket._origin.id, 0)

    @api.depends("service_visit_ids")
    def _compute_service_visit_count(self):
        counts = dict(
            self.env["calendar.event"]._read_group(
                [("aftersales_ticket_id", "in", self.ids)],
                ["aftersales_ticket_id"],
                ["__count"],
            )
        )
        for ticket in self:
            ticket.service_visit_count = counts.get(ticket._origin, 0)

    @api.depends("service_visit_ids.duration")
    def _compute_service_hours(self):
        for ticket in self:
            ticket.service_hours = sum(ticket.service_visit_ids.mapped("duration"))

    @api.depends("service_completed_date", "service_signed_by")
    def _compute_service_acceptance_state(self):
        for ticket in self:
            if not ticket.service_completed_date:
                ticket.service_acceptance_state = False
            elif ticket.service_signed_by:
                ticket.service_acceptance_state = "signed"
            else:
                ticket.service_acceptance_state = "awaiting"

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su and SERVICE_PROTECTED_FIELDS.intersection(vals):
            raise AccessError(
                self.env._(
                    "The confirmation, start and completion of the service are "
                    "recorded by their buttons only."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_aftersales_new_plan(self):
        """Opens the current plan, or a new draft one."""
        self.ensure_one()
        action = {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.service.plan",
            "view_mode": "form",
            "context": {"default_ticket_id": self.id},
        }
        if self.service_plan_id:
            action["res_id"] = self.service_plan_id.id
        return action

    def action_aftersales_view_plans(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Solution Plans"),
            "res_model": "aftersales.service.plan",
            "view_mode": "list,form",
            "domain": [("ticket_id", "=", self.id)],
            "context": {"default_ticket_id": self.id},
        }

    def action_aftersales_schedule_visit(self):
        """A new visit at the customer's address with the assignee as
        technician; the event form lets the agent pick date and people."""
        self.ensure_one()
        technicians = self.user_id.partner_id or self.env.user.partner_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Schedule a Visit"),
            "res_model": "calendar.event",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "aftersales_service.calendar_event_view_form_visit"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": {
                "default_aftersales_ticket_id": self.id,
                "default_name": self._aftersales_visit_name(),
                "default_location": self._aftersales_visit_location(),
                "default_partner_ids": technicians.ids,
                "default_duration": 2.0,
                "default_res_model": self._name,
                "default_res_id": self.id,
            },
        }

    def action_aftersales_view_visits(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Visits"),
            "res_model": "calendar.event",
            "view_mode": "list,form,calendar",
            "domain": [("aftersales_ticket_id", "=", self.id)],
            "context": {"default_aftersales_ticket_id": self.id},
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _aftersales_visit_name(self):
        self.ensure_one()
        return self.env._(
            "Visit %(request)s: %(customer)s",
            request=self.number or self.name,
            customer=self.partner_id.name or "",
        )

    def _aftersales_visit_location(self):
        self.ensure_one()
        partner = self.partner_id
        if self.install_location:
            return self.install_location
        parts = [partner.street, partner.street2, partner.zip, partner.city]
        return ", ".join(p for p in parts if p)

    def _aftersales_sync_visit_date(self):
        """The request's "visit scheduled for" is its next visit (or the last
        one once all are past); the first one meets the SLA target."""
        now = fields.Datetime.now()
        for ticket in self:
            starts = sorted(ticket.service_visit_ids.mapped("start"))
            upcoming = [s for s in starts if s >= now]
            date = (upcoming or starts[-1:] or [False])[0]
            if ticket.visit_date != date:
                ticket.write({"visit_date": date})

    def action_aftersales_load_checklist(self):
        """Copies the kind's checklist (and its parent kinds') onto the
        request, once per item."""
        Item = self.env["aftersales.service.checklist.item"]
        vals_list = []
        for ticket in self:
            categories = ticket.category_id
            while categories[-1:].parent_id:
                categories |= categories[-1].parent_id
            loaded = ticket.service_check_ids.item_id
            for item in Item.search([("category_id", "in", categories.ids)]):
                if item not in loaded:
                    vals_list.append(
                        {
                            "ticket_id": ticket.id,
                            "item_id": item.id,
                            "check_type": item.check_type,
                            "name": item.name,
                            "sequence": item.sequence,
                        }
                    )
        self.env["aftersales.service.check"].create(vals_list)
        return True

    def action_aftersales_start_work(self):
        """Work starts once every safety item is ticked."""
        self.action_aftersales_load_checklist()
        for ticket in self:
            ticket._aftersales_check_ticked("safety")
        self.filtered(lambda t: not t.service_work_started_date).sudo().write(
            {"service_work_started_date": fields.Datetime.now()}
        )
        return True

    def action_aftersales_complete(self):
        """Opens the completion dialog (summary and customer's signature)."""
        self.ensure_one()
        self._aftersales_check_can_complete()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Complete the Service"),
            "res_model": "aftersales.service.complete",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_ticket_id": self.id,
                "default_signed_by": self.partner_id.name,
                "default_resolution_summary": self.resolution_summary,
            },
        }

    def action_aftersales_print_service_report(self):
        return self.env.ref("aftersales_service.action_report_service").report_action(
            self
        )

    def action_aftersales_inform_delay(self):
        self.ensure_one()
        self._aftersales_check_not_completed()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Inform the Customer of a Delay"),
            "res_model": "aftersales.service.delay",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_ticket_id": self.id,
                "default_agreed_date": self.service_agreed_date,
            },
        }

    # ------------------------------------------------------------------
    # Business methods (execution and completion)
    # ------------------------------------------------------------------
    def _aftersales_check_not_completed(self):
        done = self.filtered("service_completed_date")
        if done:
            raise UserError(
                self.env._(
                    "%(request)s was completed and its report handed over: it "
                    "cannot change any more.",
                    request=done[0].display_name,
                )
            )

    def _aftersales_check_ticked(self, check_type):
        self.ensure_one()
        missing = self.service_check_ids.filtered(
            lambda c: c.check_type == check_type and not c.done
        )
        if missing:
            if check_type == "safety":
                message = self.env._(
                    "Tick the safety items before the work starts: %(items)s",
                    items=", ".join(missing.mapped("name")),
                )
            else:
                message = self.env._(
                    "Check with the customer before completing: %(items)s",
                    items=", ".join(missing.mapped("name")),
                )
            raise UserError(message)

    def _aftersales_check_can_complete(self):
        self.ensure_one()
        self._aftersales_check_not_completed()
        if self.service_plan_ids and self.service_plan_state != "accepted":
            raise UserError(
                self.env._(
                    "The customer has not accepted the latest plan of %(request)s: "
                    "confirm it before completing.",
                    request=self.display_name,
                )
            )
        self.action_aftersales_load_checklist()
        self._aftersales_check_ticked("safety")
        self._aftersales_check_ticked("functional")
        if self.service_part_ids.filtered(lambda p: p.state == "draft"):
            raise UserError(
                self.env._(
                    "Use or remove the spare parts still to use before completing."
                )
            )

    def _aftersales_complete(self, signed_by, signature, summary, in_portal=False):
        """Completion (R19): the customer accepts with their signature on the
        technician's screen, or later in their portal (``in_portal``); the
        service report is attached and emailed to them."""
        self.ensure_one()
        self.check_access("write")
        self._aftersales_check_can_complete()
        signed_by = (signed_by or "").strip()
        if not in_portal and (not signed_by or not signature):
            raise UserError(
                self.env._("The customer signs to accept the work: name and signature.")
            )
        if not (summary or "").strip():
            raise UserError(self.env._("Summarise what solved the problem."))
        if in_portal and not self.partner_id:
            raise UserError(
                self.env._("Set the customer of %(request)s first.", request=self.name)
            )
        now = fields.Datetime.now()
        self.resolution_summary = summary.strip()
        vals = {
            "service_work_started_date": self.service_work_started_date or now,
            "service_completed_date": now,
        }
        if not in_portal:
            vals.update(
                service_signed_by=signed_by,
                service_signature=signature,
                service_signed_date=now,
            )
        self.sudo().write(vals)
        self._aftersales_send_service_report()
        return True

    def _aftersales_accept_signature(self, signed_by, signature):
        """The customer signs the report of a completed service in the
        portal; the signed report is sent to them again."""
        self.ensure_one()
        if self.service_acceptance_state != "awaiting":
            raise UserError(
                self.env._(
                    "%(request)s is not waiting for your signature.",
                    request=self.number or self.name,
                )
            )
        signed_by = (signed_by or "").strip()
        if not signed_by or not signature:
            raise UserError(
                self.env._("Sign to accept the work: your name and signature.")
            )
        self.sudo().write(
            {
                "service_signed_by": signed_by,
                "service_signature": signature,
                "service_signed_date": fields.Datetime.now(),
            }
        )
        self.with_context(
            aftersales_signed_in_portal=True
        )._aftersales_send_service_report()
        return True

    def _aftersales_render_service_report(self):
        self.ensure_one()
        pdf, _type = (
            self.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("aftersales_service.action_report_service", self.ids)
        )
        return pdf

    def _aftersales_service_report_name(self):
        self.ensure_one()
        return self.env._(
            "Service Report %(request)s.pdf", request=self.number or self.id
        )

    def _aftersales_send_service_report(self):
        self.ensure_one()
        pdf = self._aftersales_render_service_report()
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self._aftersales_service_report_name(),
                    "datas": base64.b64encode(pdf),
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/pdf",
                }
            )
        )
        customer = self.partner_id
        lang_env = self.with_context(lang=customer.lang or self.env.lang).env
        if self.service_acceptance_state == "awaiting":
            body = Markup('<p>%s</p><p><a href="%s">%s</a></p>') % (
                lang_env._(
                    "The work on your request is complete. Please check the "
                    "service report attached and sign it in your account to "
                    "accept the work."
                ),
                self.get_base_url() + self.get_portal_url(),
                lang_env._("Sign the service report"),
            )
        elif self.env.context.get("aftersales_signed_in_portal"):
            body = lang_env._(
                "Thank you for accepting the work: here is your signed service "
                "report; you can also download it from your account."
            )
        else:
            body = lang_env._(
                "The work on your request is complete. Please find the service "
                "report attached; you can also download it from your account."
            )
        # signed in the portal: the report comes from the request's assignee
        author = self.env.user.partner_id
        if self.env.user.share:
            author = self.user_id.partner_id or self.company_id.partner_id
        self.message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=customer.ids,
            attachment_ids=[attachment.id],
            author_id=author.id,
        )
        return attachment

    def _aftersales_inform_delay(self, reason, agreed_date):
        """Tells the customer, in their language, why the service is late and
        the new date agreed with them; both are kept (tracked) on the request."""
        self.ensure_one()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Explain the delay to the customer."))
        agreed_date = fields.Date.to_date(agreed_date)
        today = fields.Date.context_today(self)
        if not agreed_date or agreed_date <= today:
            raise UserError(
                self.env._(
                    "The new agreed date must be after today (%(today)s).",
                    today=format_date(self.env, today),
                )
            )
        if not self.partner_id:
            raise UserError(
                self.env._("Set the customer of %(request)s first.", request=self.name)
            )
        self.check_access("write")
        self._aftersales_check_not_completed()
        self.sudo().write(
            {"service_agreed_date": agreed_date, "service_delay_reason": reason}
        )
        customer = self.partner_id
        lang = customer.lang or self.env.lang
        lang_env = self.with_context(lang=lang).env
        body = Markup("<p>%s</p><p>%s</p>") % (
            lang_env._(
                "We are sorry: your request %(request)s will take longer than "
                "planned. The new date agreed with you is %(date)s.",
                request=self.number or self.name,
                date=format_date(lang_env, agreed_date, lang_code=lang),
            ),
            reason,
        )
        return self.message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=customer.ids,
        )
