# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

STATES = [
    ("draft", "Draft"),
    ("sent", "Sent"),
    ("accepted", "Accepted"),
    ("refused", "Refused"),
    ("superseded", "Superseded"),
]
PAYERS = [
    ("warranty", "Warranty"),
    ("customer", "Customer"),
    ("company", "Company"),
]
CONFIRMATION_METHODS = [
    ("signature", "Signed in the Portal"),
    ("phone", "By Phone"),
    ("written", "In Writing"),
]
# Written only by the actions (as superuser once the checks passed)
PROTECTED_FIELDS = {
    "state",
    "version",
    "sent_date",
    "signed_by",
    "signature",
    "signed_on",
    "confirmation_method",
    "confirmed_by_id",
    "refusal_reason",
}
# The content the customer agrees to: frozen once the plan is sent
CONTENT_FIELDS = {
    "ticket_id",
    "cause",
    "steps",
    "expected_effect",
    "lead_time_days",
    "payer",
    "risks",
    "valid_until",
    "line_ids",
}


class AftersalesServicePlan(models.Model):
    """The solution plan of a request (R16-R17): cause, steps, effect, lead
    time, costs and risks in plain language, sent to the customer who accepts
    it with their signature in the portal (or whose phone / written consent an
    agent records). A change after sending is a new version."""

    _name = "aftersales.service.plan"
    _description = "After-Sales Solution Plan"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]  # noqa: RUF012
    _order = "ticket_id, version desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(compute="_compute_name", store=True)
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
    version = fields.Integer(default=1, readonly=True, copy=False)
    state = fields.Selection(
        STATES, required=True, default="draft", readonly=True, tracking=True, copy=False
    )
    cause = fields.Text(required=True, help="What causes the problem, in plain words.")
    steps = fields.Text(help="What the service team will do.")
    expected_effect = fields.Text(help="What the customer will see once it is done.")
    lead_time_days = fields.Integer(
        string="Lead Time (days)", help="Days from acceptance to completion."
    )
    risks = fields.Text(help="What could go wrong, and what the customer should know.")
    payer = fields.Selection(
        PAYERS, string="Paid By", required=True, default="warranty", tracking=True
    )
    valid_until = fields.Date(
        help="The customer can accept the plan until this day included."
    )
    line_ids = fields.One2many(
        "aftersales.service.plan.line", "plan_id", string="Costs", copy=True
    )
    amount_total = fields.Monetary(
        string="Total Cost", compute="_compute_amounts", store=True
    )
    amount_customer = fields.Monetary(
        string="Customer Pays", compute="_compute_amounts", store=True
    )
    written_confirmation_required = fields.Boolean(
        compute="_compute_confirmation_rules",
        help="The plan costs the customer money or takes longer than the "
        "company's limit: a phone consent is not enough.",
    )
    supervisor_required = fields.Boolean(
        compute="_compute_confirmation_rules",
        help="The plan costs more than the agents' limit: a supervisor sends it.",
    )
    sent_date = fields.Datetime(string="Sent On", readonly=True, copy=False)
    confirmation_method = fields.Selection(
        CONFIRMATION_METHODS, readonly=True, copy=False, tracking=True
    )
    signed_by = fields.Char(readonly=True, copy=False)
    signature = fields.Image(
        max_width=1024, max_height=1024, readonly=True, copy=False, attachment=True
    )
    signed_on = fields.Datetime(string="Confirmed On", readonly=True, copy=False)
    confirmed_by_id = fields.Many2one(
        "res.users",
        string="Recorded By",
        readonly=True,
        copy=False,
        help="The agent who recorded a phone or written consent.",
    )
    confirmation_attachment_ids = fields.Many2many(
        "ir.attachment",
        "aftersales_service_plan_attachment_rel",
        string="Written Confirmation",
        copy=False,
    )
    refusal_reason = fields.Text(readonly=True, copy=False, tracking=True)
    is_expired = fields.Boolean(compute="_compute_is_expired")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("ticket_id.number", "version")
    def _compute_name(self):
        for plan in self:
            plan.name = self.env._(
                "%(request)s plan v%(version)s",
                request=plan.ticket_id.number or plan.ticket_id.name or "",
                version=plan.version,
            )

    @api.depends("line_ids.amount", "payer")
    def _compute_amounts(self):
        for plan in self:
            plan.amount_total = sum(plan.line_ids.mapped("amount"))
            plan.amount_customer = (
                plan.amount_total if plan.payer == "customer" else 0.0
            )

    @api.depends("amount_customer", "amount_total", "lead_time_days", "company_id")
    def _compute_confirmation_rules(self):
        for plan in self:
            company = plan.company_id or self.env.company
            lead_limit = company.aftersales_plan_written_lead_days
            cost_limit = company.aftersales_plan_cost_limit
            plan.written_confirmation_required = bool(
                plan.amount_customer > 0
                or (lead_limit and plan.lead_time_days > lead_limit)
            )
            plan.supervisor_required = bool(
                cost_limit and plan.amount_total > cost_limit
            )

    @api.depends("valid_until")
    @api.depends_context("tz")
    def _compute_is_expired(self):
        today = fields.Date.context_today(self)
        for plan in self:
            plan.is_expired = bool(plan.valid_until and plan.valid_until < today)

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for plan in self:
            plan.access_url = f"/my/service/plan/{plan.id}"
        return res

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if PROTECTED_FIELDS.intersection(vals):
                    raise AccessError(
                        self.env._(
                            "The state and the confirmation of a plan are set by "
                            "its buttons only."
                        )
                    )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and PROTECTED_FIELDS.intersection(vals):
            raise AccessError(
                self.env._(
                    "The state and the confirmation of a plan are set by its "
                    "buttons only: send it, record the customer's answer or "
                    "make a new version."
                )
            )
        if CONTENT_FIELDS.intersection(vals):
            self.check_access("write")
            self._check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if self.filtered(lambda p: p.state != "draft"):
            raise UserError(
                self.env._(
                    "A plan the customer has seen is kept: make a new version "
                    "instead of deleting it."
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_send(self):
        """Email the plan to the customer in their language with the link to
        accept or refuse it in the portal; meets the "plan proposed" target."""
        today = fields.Date.context_today(self)
        is_supervisor = self.env.user.has_group(
            "aftersales_service.group_aftersales_supervisor"
        )
        for plan in self:
            if plan.state != "draft":
                raise UserError(
                    self.env._("%(plan)s was already sent.", plan=plan.name)
                )
            if not plan.ticket_id.partner_id.email:
                raise UserError(
                    self.env._(
                        "Give the customer of %(plan)s an email address to send "
                        "the plan to.",
                        plan=plan.name,
                    )
                )
            if plan.valid_until and plan.valid_until < today:
                raise UserError(
                    self.env._(
                        "%(plan)s is valid until %(date)s, a day already past: "
                        "set a later date.",
                        plan=plan.name,
                        date=plan.valid_until,
                    )
                )
            if plan.supervisor_required and not is_supervisor:
                raise UserError(
                    self.env._(
                        "%(plan)s costs %(amount)s, above the agents' limit of "
                        "%(limit)s: a supervisor must send it.",
                        plan=plan.name,
                        amount=plan.amount_total,
                        limit=plan.company_id.aftersales_plan_cost_limit,
                    )
                )
        now = fields.Datetime.now()
        self.sudo().write({"state": "sent", "sent_date": now})
        self._portal_ensure_token()
        template = self.env.ref("aftersales_service.mail_template_service_plan_sent")
        for plan in self:
            plan.message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        self.ticket_id.action_sla_mark_plan_proposed()
        return True

    def action_new_version(self):
        """A changed plan is a new draft version; the previous one can no
        longer be accepted, and an accepted one needs a new confirmation."""
        self.ensure_one()
        if self.state == "draft":
            raise UserError(
                self.env._("%(plan)s is a draft: change it directly.", plan=self.name)
            )
        if self.state == "superseded" or self.ticket_id.service_plan_id != self:
            raise UserError(
                self.env._(
                    "%(plan)s is not the latest version: change the latest one.",
                    plan=self.name,
                )
            )
        new = self.copy({"ticket_id": self.ticket_id.id})
        new.sudo().version = self.version + 1
        if self.state in ("sent", "accepted"):
            self.sudo().state = "superseded"
            self.message_post(
                body=self.env._("Superseded by %(plan)s.", plan=new.name),
                subtype_xmlid="mail.mt_note",
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    def action_record_confirmation(self):
        """Opens the wizard where an agent records a phone or written answer."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customer's Answer"),
            "res_model": "aftersales.service.plan.decision",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id},
        }

    def action_preview(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": self.get_portal_url(),
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _check_editable(self):
        locked = self.filtered(lambda p: p.state != "draft")
        if locked:
            raise UserError(
                self.env._(
                    "%(plan)s was sent to the customer and cannot change: make a "
                    "new version.",
                    plan=locked[0].name,
                )
            )

    def _check_answerable(self):
        """The customer (or the agent for them) can answer only the sent,
        latest, unexpired version."""
        for plan in self:
            if plan.state == "superseded":
                raise UserError(
                    self.env._(
                        "%(plan)s was replaced by a newer version: answer the "
                        "latest one.",
                        plan=plan.name,
                    )
                )
            if plan.state != "sent":
                raise UserError(
                    self.env._("%(plan)s is not waiting for an answer.", plan=plan.name)
                )
            if plan.is_expired:
                raise UserError(
                    self.env._(
                        "%(plan)s expired on %(date)s: ask us for a new version.",
                        plan=plan.name,
                        date=plan.valid_until,
                    )
                )

    def _action_accept(self, vals):
        self._check_answerable()
        now = fields.Datetime.now()
        self.sudo().write(dict(vals, state="accepted", signed_on=now))
        tickets = self.ticket_id.filtered(lambda t: not t.plan_confirmed_date)
        if tickets:
            tickets.sudo().write({"plan_confirmed_date": now})
        # the kind's safety and functional checklist, to tick on site
        self.ticket_id.sudo().action_aftersales_load_checklist()
        for plan in self:
            plan.ticket_id.message_post(
                body=self.env._(
                    "The customer accepted %(plan)s (%(method)s, %(name)s).",
                    plan=plan.name,
                    method=dict(
                        self._fields["confirmation_method"]._description_selection(
                            self.env
                        )
                    ).get(plan.confirmation_method),
                    name=plan.signed_by or "",
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _action_accept_signature(self, name, signature):
        """The customer signs in the portal (or on the technician's screen)."""
        self.ensure_one()
        name = (name or "").strip()
        if not name or not signature:
            raise UserError(self.env._("Type your name and sign to accept the plan."))
        return self._action_accept(
            {
                "confirmation_method": "signature",
                "signed_by": name,
                "signature": signature,
            }
        )

    def _action_accept_recorded(self, method, name, note=None, attachments=None):
        """An agent records the consent the customer gave by phone or in
        writing; a written one carries its document."""
        self.ensure_one()
        if method == "phone" and self.written_confirmation_required:
            raise UserError(
                self.env._(
                    "%(plan)s costs the customer money or takes long: a phone "
                    "consent is not enough, record a written one with its document.",
                    plan=self.name,
                )
            )
        if method == "written" and not attachments:
            raise UserError(
                self.env._(
                    "Attach the customer's written confirmation (scan, photo or email)."
                )
            )
        self._check_answerable()
        if attachments:
            attachments.sudo().write({"res_model": self._name, "res_id": self.id})
        vals = {
            "confirmation_method": method,
            "signed_by": name or self.partner_id.name,
            "confirmed_by_id": self.env.user.id,
            "confirmation_attachment_ids": [Command.link(a.id) for a in attachments]
            if attachments
            else [],
        }
        res = self._action_accept(vals)
        if note:
            self.message_post(body=note, subtype_xmlid="mail.mt_note")
        return res

    def _action_refuse(self, reason):
        self.ensure_one()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(
                self.env._(
                    "Tell us why you refuse the plan, so we can propose another."
                )
            )
        self._check_answerable()
        self.sudo().write({"state": "refused", "refusal_reason": reason})
        self.ticket_id.message_post(
            body=self.env._(
                "The customer refused %(plan)s: %(reason)s",
                plan=self.name,
                reason=reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
        self.ticket_id.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Plan refused: propose another one"),
            note=reason,
            user_id=self.ticket_id.user_id.id or self.env.user.id,
        )
        return True
