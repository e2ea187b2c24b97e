# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from .aftersales_sla_line import OPEN_STATES, WorkTime
from .aftersales_sla_pause import PAUSE_REASONS

IMPACTS = [("1", "Minor"), ("2", "Significant"), ("3", "Blocking")]
URGENCIES = [("1", "Low"), ("2", "Normal"), ("3", "Urgent")]


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    aftersales_kind = fields.Selection(
        string="Kind",
        related="category_id.aftersales_kind",
        store=True,
        index=True,
    )
    service_tier = fields.Selection(
        string="Service Tier",
        related="commercial_partner_id.aftersales_tier",
        store=True,
    )
    product_id = fields.Many2one(
        "product.product",
        check_company=True,
        index="btree_not_null",
        tracking=True,
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Serial",
        check_company=True,
        index="btree_not_null",
        domain="[('product_id', '=?', product_id)]",
        tracking=True,
    )
    delivery_id = fields.Many2one(
        "stock.picking",
        string="Original Delivery",
        check_company=True,
        index="btree_not_null",
        domain="[('picking_type_code', '=', 'outgoing'), ('state', '=', 'done')]",
        tracking=True,
    )
    purchase_date = fields.Date()
    install_location = fields.Char()
    expected_resolution = fields.Text(
        help="What the customer expects: repair, replacement, refund, visit...",
    )
    expected_date = fields.Date(string="Expected By")
    impact = fields.Selection(IMPACTS, default="2", tracking=True)
    urgency = fields.Selection(URGENCIES, default="2", tracking=True)
    priority = fields.Selection(
        default=None,
        compute="_compute_priority",
        store=True,
        readonly=False,
        tracking=True,
    )
    priority_manual = fields.Boolean(
        string="Priority Set Manually",
        copy=False,
        tracking=True,
        help="Set when someone overrides the priority the matrix gives; "
        "impact, urgency and tier changes no longer move it.",
    )
    aftersales_ack_pending = fields.Boolean(
        string="Acknowledgement Pending",
        copy=False,
        readonly=True,
        help="The customer's acknowledgement email is about to be sent.",
    )
    aftersales_missing_info = fields.Char(
        string="Missing Information",
        compute="_compute_aftersales_missing_info",
        help="Information the request's kind requires and that is still missing.",
    )
    task_force_ids = fields.Many2many(
        "res.users",
        "helpdesk_ticket_task_force_rel",
        "ticket_id",
        "user_id",
        domain=[("share", "=", False)],
        help="Extra people working on a complex request (专项小组).",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("impact", "urgency", "service_tier", "company_id")
    def _compute_priority(self):
        matrix = self.env["aftersales.priority.matrix"]
        for ticket in self:
            if ticket.priority_manual:
                ticket.priority = ticket.priority
                continue
            ticket.priority = matrix._get_priority(
                ticket.company_id or self.env.company,
                ticket.impact,
                ticket.urgency,
                ticket.service_tier,
            )

    @api.depends(
        "category_id",
        "product_id",
        "lot_id",
        "delivery_id",
        "purchase_date",
        "install_location",
        "attachment_ids",
    )
    def _compute_aftersales_missing_info(self):
        labels = {"attachment_ids": self.env._("Photos or videos")}
        for ticket in self:
            ticket.aftersales_missing_info = ", ".join(
                labels.get(name) or ticket._fields[name]._description_string(self.env)
                for name in ticket._aftersales_missing_fields()
            )

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------
    @api.constrains("lot_id", "product_id")
    def _check_aftersales_lot_product(self):
        for ticket in self:
            if ticket.lot_id and ticket.lot_id.product_id != ticket.product_id:
                raise ValidationError(
                    self.env._(
                        "Lot/serial %(lot)s belongs to %(lot_product)s, not to "
                        "%(product)s. Choose a lot of the request's product.",
                        lot=ticket.lot_id.name,
                        lot_product=ticket.lot_id.product_id.display_name,
                        product=ticket.product_id.display_name
                        or self.env._("no product"),
                    )
                )

    @api.constrains("delivery_id", "partner_id")
    def _check_aftersales_delivery(self):
        for ticket in self.filtered("delivery_id"):
            delivery = ticket.delivery_id
            if delivery.picking_type_code != "outgoing" or delivery.state != "done":
                raise ValidationError(
                    self.env._(
                        "%(delivery)s is not a completed delivery to a customer.",
                        delivery=delivery.name,
                    )
                )
            customer = ticket.commercial_partner_id
            if customer and delivery.partner_id.commercial_partner_id != customer:
                raise ValidationError(
                    self.env._(
                        "Delivery %(delivery)s went to %(other)s, not to "
                        "%(customer)s. Choose one of this customer's deliveries.",
                        delivery=delivery.name,
                        other=delivery.partner_id.commercial_partner_id.display_name,
                        customer=customer.display_name,
                    )
                )

    @api.constrains("purchase_date")
    def _check_aftersales_purchase_date(self):
        today = fields.Date.context_today(self)
        for ticket in self:
            if ticket.purchase_date and ticket.purchase_date > today:
                raise ValidationError(
                    self.env._(
                        "The purchase date %(date)s is in the future.",
                        date=ticket.purchase_date,
                    )
                )

    @api.onchange("delivery_id")
    def _onchange_delivery_id(self):
        for ticket in self.filtered("delivery_id"):
            ticket.update(ticket._aftersales_values_from_delivery(ticket.delivery_id))

    @api.onchange("lot_id")
    def _onchange_lot_id(self):
        for ticket in self.filtered("lot_id"):
            ticket.update(ticket._aftersales_values_from_lot(ticket.lot_id))

    @api.onchange("category_id")
    def _onchange_category_id_team(self):
        for ticket in self:
            team = ticket.category_id.aftersales_team_id
            if team and ticket.team_id != team:
                ticket.team_id = team

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._aftersales_prepare_create_vals(vals_list)
        tickets = super().create(vals_list)
        tickets._sla_after_create()
        if any(vals.get("aftersales_ack_pending") for vals in vals_list):
            # Acknowledgements go out in batches right after the commit (the
            # cron is data of this module: no existence check needed)
            cron_id = self.env["ir.model.data"]._xmlid_to_res_id(
                "aftersales_service.ir_cron_request_acknowledgement"
            )
            self.env["ir.cron"].sudo().browse(cron_id)._trigger()
        return tickets

    def write(self, vals):
        if "stage_id" in vals:
            self._aftersales_check_intake_before_stage(vals["stage_id"])
        sla_before = self._sla_before_write(vals)
        if "priority" in vals and not self.env.context.get("aftersales_auto_priority"):
            res = self._aftersales_write_priority(vals)
        else:
            res = super().write(vals)
        self._sla_after_write(vals, sla_before)
        return res

    @api.model
    def message_new(self, msg, custom_values=None):
        custom_values = dict(custom_values or {})
        if "channel_id" not in custom_values:
            email = self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_channel_email", raise_if_not_found=False
            )
            if email:
                custom_values["channel_id"] = email.id
        return super().message_new(msg, custom_values=custom_values)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_aftersales_reset_priority(self):
        """Give the priority back to the matrix."""
        matrix = self.env["aftersales.priority.matrix"]
        for ticket in self:
            ticket.with_context(aftersales_auto_priority=True).write(
                {
                    "priority_manual": False,
                    "priority": matrix._get_priority(
                        ticket.company_id,
                        ticket.impact,
                        ticket.urgency,
                        ticket.service_tier,
                    ),
                }
            )

    def action_aftersales_request_missing_info(self):
        """Ask the customer, by email, for what the request still lacks."""
        incomplete = self.filtered("aftersales_missing_info")
        if not incomplete:
            raise ValidationError(self.env._("Nothing is missing on these requests."))
        template = self.env.ref("aftersales_service.mail_template_request_missing_info")
        incomplete.message_post_with_source(
            template, message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _aftersales_missing_fields(self):
        """Names of the intake fields the kind requires and that are empty."""
        self.ensure_one()
        category = self.category_id
        requirements = {
            "product_id": category.require_product,
            "lot_id": category.require_lot,
            "delivery_id": category.require_delivery,
            "purchase_date": category.require_purchase_date,
            "install_location": category.require_install_location,
            "attachment_ids": category.require_evidence,
        }
        return [
            name
            for name, required in requirements.items()
            if required and not self[name]
        ]

    def _aftersales_check_intake_before_stage(self, stage_id):
        stage = self.env["helpdesk.ticket.stage"].browse(stage_id)
        if stage.closed:
            # Closing or cancelling straight away is always possible.
            return
        for ticket in self:
            first_stage = ticket.team_id._get_applicable_stages()[:1]
            if ticket.stage_id != first_stage or stage == first_stage:
                continue
            if ticket.aftersales_missing_info:
                raise ValidationError(
                    self.env._(
                        "Request %(number)s cannot leave %(stage)s yet: "
                        "%(missing)s missing. Complete the request or ask the "
                        "customer for it.",
                        number=ticket.number,
                        stage=ticket.stage_id.name,
                        missing=ticket.aftersales_missing_info,
                    )
                )

    def _aftersales_write_priority(self, vals):
        """A priority different from the matrix's is a manual override."""
        matrix = self.env["aftersales.priority.matrix"]
        manual, automatic = self.browse(), self.browse()
        for ticket in self:
            expected = matrix._get_priority(
                ticket.company_id,
                vals.get("impact", ticket.impact),
                vals.get("urgency", ticket.urgency),
                ticket.service_tier,
            )
            if vals["priority"] == expected:
                automatic |= ticket
            else:
                manual |= ticket
        if manual:
            super(HelpdeskTicket, manual).write(dict(vals, priority_manual=True))
        if automatic:
            super(HelpdeskTicket, automatic).write(vals)
        return True

    @api.model
    def _aftersales_values_from_delivery(self, delivery):
        """Product, lot and purchase date a delivery tells."""
        lines = delivery.move_line_ids
        products = delivery.move_ids.product_id
        vals = {}
        if len(products) == 1:
            vals["product_id"] = products.id
        lots = lines.lot_id
        if len(lots) == 1:
            vals["lot_id"] = lots.id
        if delivery.date_done:
            vals["purchase_date"] = delivery.date_done.date()
        if delivery.partner_id:
            vals.setdefault("partner_id", delivery.partner_id.id)
        return vals

    @api.model
    def _aftersales_values_from_lot(self, lot, partner=None):
        """Product, delivery, customer and date a lot tells (the lot knows
        where it was delivered)."""
        vals = {"product_id": lot.product_id.id}
        # Not lot.delivery_ids: that non-stored field is never invalidated
        # within a transaction, and a delivery may have just been validated.
        delivery_ids = lot._find_delivery_ids_by_lot()[lot.id]
        deliveries = self.env["stock.picking"].browse(delivery_ids)
        if partner:
            deliveries = deliveries.filtered(
                lambda p: (
                    p.partner_id.commercial_partner_id == partner.commercial_partner_id
                )
            )
        if len(deliveries.partner_id.commercial_partner_id) == 1:
            delivery = deliveries.sorted("date_done")[-1:]
            vals["delivery_id"] = delivery.id
            if delivery.date_done:
                vals["purchase_date"] = delivery.date_done.date()
            if not partner:
                vals["partner_id"] = delivery.partner_id.id
        return vals

    @api.model
    def _aftersales_prepare_create_vals(self, vals_list):
        """Complete intake, route and assign a batch of new requests with a
        fixed number of queries."""
        Partner = self.env["res.partner"]
        # One prefetch for every category of the batch
        categories = self.env["helpdesk.ticket.category"].browse(
            {vals["category_id"] for vals in vals_list if vals.get("category_id")}
        )
        for vals in vals_list:
            if vals.get("lot_id") and not vals.get("delivery_id"):
                lot = self.env["stock.lot"].browse(vals["lot_id"])
                partner = Partner.browse(vals.get("partner_id"))
                completion = self._aftersales_values_from_lot(lot, partner or None)
            elif vals.get("delivery_id"):
                delivery = self.env["stock.picking"].browse(vals["delivery_id"])
                completion = self._aftersales_values_from_delivery(delivery)
            else:
                completion = {}
            for key, value in completion.items():
                if not vals.get(key):
                    vals[key] = value
            category = categories.browse(vals.get("category_id"))
            if not vals.get("team_id") and category.aftersales_team_id:
                vals["team_id"] = category.aftersales_team_id.id
            if vals.get("partner_id") or vals.get("partner_email"):
                vals.setdefault("aftersales_ack_pending", True)
        self._aftersales_set_default_categories(vals_list)
        self._aftersales_assign(vals_list)

    @api.model
    def _aftersales_set_default_categories(self, vals_list):
        """Give requests without a kind the kind their team handles, when it
        handles exactly one (a request arriving at the team's email alias),
        with one grouped query for the batch."""
        todo = [v for v in vals_list if not v.get("category_id") and v.get("team_id")]
        if not todo:
            return
        kinds_by_team = {
            team.id: kinds
            for team, kinds in self.env["helpdesk.ticket.category"]._read_group(
                [
                    ("aftersales_team_id", "in", list({v["team_id"] for v in todo})),
                    ("parent_id", "=", False),
                ],
                ["aftersales_team_id"],
                ["id:recordset"],
            )
        }
        for vals in todo:
            kinds = kinds_by_team.get(vals["team_id"])
            if kinds and len(kinds) == 1:
                vals["category_id"] = kinds.id

    @api.model
    def _aftersales_assign(self, vals_list):
        """Dedicated agent of the customer, else the least-loaded available
        member of the team; ties go to the longest-serving member."""
        todo = [v for v in vals_list if not v.get("user_id") and v.get("team_id")]
        if not todo:
            return
        partners = self.env["res.partner"].browse(
            {v["partner_id"] for v in todo if v.get("partner_id")}
        )
        teams = self.env["helpdesk.ticket.team"].browse({v["team_id"] for v in todo})
        members = teams.user_ids.filtered(lambda u: u.aftersales_available and u.active)
        load = dict.fromkeys(members.ids, 0)
        if members:
            for user, count in self.sudo()._read_group(
                Domain("user_id", "in", members.ids)
                & Domain("stage_id.closed", "=", False),
                ["user_id"],
                ["__count"],
            ):
                load[user.id] = count
        for vals in todo:
            partner = partners.browse(vals.get("partner_id")).commercial_partner_id
            team = teams.browse(vals["team_id"])
            agent = partner.aftersales_agent_id
            if agent:
                vals["user_id"] = agent.id
                continue
            candidates = [u.id for u in team.user_ids if u.id in load]
            if candidates:
                user_id = min(candidates, key=lambda uid: (load[uid], uid))
                vals["user_id"] = user_id
                load[user_id] += 1

    @api.model
    def _cron_send_acknowledgements(self, batch_size=200):
        """Send the pending acknowledgements (R3), oldest first, in batches.

        Requests are created without rendering an email (the cost of a mail
        template would be paid in the agent's, the portal's or the mail
        gateway's transaction); ``create`` triggers this job, which runs as soon
        as the creating transaction is committed. Safe with several workers:
        each batch is locked with ``SKIP LOCKED``."""
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        done = 0
        while True:
            self.env.cr.execute(
                """SELECT id FROM helpdesk_ticket
                    WHERE aftersales_ack_pending
                    ORDER BY id LIMIT %s
                    FOR UPDATE SKIP LOCKED""",
                [batch_size],
            )
            ids = [row[0] for row in self.env.cr.fetchall()]
            if not ids:
                break
            tickets = self.browse(ids)
            tickets._aftersales_send_acknowledgement()
            tickets.write({"aftersales_ack_pending": False})
            done += len(ids)
            if not in_cron or self.env["ir.cron"]._commit_progress(len(ids)) <= 0:
                break
        return done

    def _aftersales_send_acknowledgement(self):
        """Tell each customer that the request was received, its number,
        next steps and expected handling time (R3). An automatic
        acknowledgement is not the first reply of the staff."""
        default = self.env.company.aftersales_ack_template_id or self.env.ref(
            "aftersales_service.mail_template_request_ack", raise_if_not_found=False
        )
        for ticket in self.with_context(aftersales_sla_auto_message=True):
            if not (ticket.partner_id or ticket.partner_email):
                continue
            template = ticket.category_id.aftersales_ack_template_id or default
            if template:
                ticket.message_post_with_source(
                    template, message_type="comment", subtype_xmlid="mail.mt_comment"
                )

    # Service events: each is written once by the flow that produces it and
    # completes the SLA targets waiting for it (see aftersales.sla.target).
    first_reply_date = fields.Datetime(
        string="First Reply On",
        readonly=True,
        copy=False,
        help="First public message of the service staff to the customer.",
    )
    visit_date = fields.Datetime(
        string="Visit Scheduled For", copy=False, tracking=True
    )
    visit_scheduled_date = fields.Datetime(
        string="Visit Scheduled On", readonly=True, copy=False
    )
    plan_proposed_date = fields.Datetime(
        string="Plan Proposed On", readonly=True, copy=False
    )
    return_reviewed_date = fields.Datetime(
        string="Return Reviewed On", readonly=True, copy=False
    )
    resolved_date = fields.Datetime(
        string="Resolved On",
        readonly=True,
        copy=False,
        help="When the request reached a closing stage other than a cancellation; "
        "cleared when it is reopened.",
    )

    # --- SLA ---
    # Fields, computes and hooks of the SLA engine (aftersales.sla.*). The
    # lead's create/write call _sla_after_create, _sla_before_write and
    # _sla_after_write.
    sla_received_date = fields.Datetime(
        string="Received On",
        default=fields.Datetime.now,
        readonly=True,
        copy=False,
        help="When the request was recorded: the clocks starting at creation "
        "start here.",
    )
    sla_line_ids = fields.One2many(
        "aftersales.sla.line", "ticket_id", string="SLA Targets", copy=False
    )
    sla_pause_ids = fields.One2many(
        "aftersales.sla.pause", "ticket_id", string="SLA Pauses", copy=False
    )
    sla_deadline = fields.Datetime(
        string="SLA Deadline",
        compute="_compute_sla_status",
        store=True,
        help="Next deadline among the running targets.",
    )
    sla_at_risk = fields.Boolean(
        string="SLA at Risk", compute="_compute_sla_status", store=True
    )
    sla_breached = fields.Boolean(
        string="SLA Breached", compute="_compute_sla_status", store=True, index=True
    )
    sla_pause_reason = fields.Selection(
        PAUSE_REASONS,
        string="Clock Paused",
        copy=False,
        tracking=True,
        help="Set a reason to stop the SLA clocks while the request waits on "
        "someone else; clear it (or let the customer reply) to restart them.",
    )
    sla_pause_message = fields.Char(
        string="Status for the Customer", compute="_compute_sla_pause_message"
    )
    cause_category_id = fields.Many2one(
        "aftersales.cause.category", string="Delay Cause", tracking=True
    )
    cause_explanation = fields.Text(string="Cause Analysis")
    cause_analysis_required = fields.Boolean(compute="_compute_cause_analysis_required")

    @api.depends(
        "sla_line_ids.state",
        "sla_line_ids.deadline",
        "sla_line_ids.met_date",
        "sla_line_ids.escalation_level",
    )
    def _compute_sla_status(self):
        for ticket in self:
            lines = ticket.sla_line_ids
            running = lines.filtered(
                lambda ln: ln.state in ("running", "breached") and not ln.met_date
            )
            ticket.sla_deadline = min(
                (ln.deadline for ln in running if ln.deadline), default=False
            )
            ticket.sla_breached = any(ln.state == "breached" for ln in lines)
            ticket.sla_at_risk = any(
                ln.state == "running" and ln.escalation_level in ("1", "2")
                for ln in running
            )

    @api.depends("sla_pause_reason")
    def _compute_sla_pause_message(self):
        messages = self._sla_pause_messages()
        for ticket in self:
            ticket.sla_pause_message = messages.get(ticket.sla_pause_reason, False)

    @api.depends("sla_received_date", "closed", "company_id")
    def _compute_cause_analysis_required(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.cause_analysis_required = ticket._sla_is_late_resolution(
                ticket.resolved_date or now
            )

    def _sla_pause_messages(self):
        """What the customer reads while the clocks are paused."""
        return {
            "customer": self.env._("We are waiting for your reply."),
            "supplier": self.env._("We are waiting for a part from our supplier."),
            "carrier": self.env._("Your parcel is on its way with the carrier."),
            "warehouse": self.env._("Our warehouse is handling your goods."),
        }

    def action_sla_mark_plan_proposed(self):
        self.filtered(lambda t: not t.plan_proposed_date).write(
            {"plan_proposed_date": fields.Datetime.now()}
        )

    def action_sla_rematch(self):
        self._sla_rematch()

    def _sla_is_late_resolution(self, when):
        self.ensure_one()
        limit = self.company_id.aftersales_cause_analysis_hours
        start = self.sla_received_date
        return bool(limit and start and (when - start).total_seconds() > limit * 3600)

    def _sla_after_create(self):
        now = fields.Datetime.now()
        worktime = WorkTime(self.env)
        self._sla_rematch(now=now, worktime=worktime, new=True)
        if any(self.mapped(lambda t: t.visit_date and not t.visit_scheduled_date)):
            self._sla_set_visit_scheduled(now)
            self._sla_sync_events(worktime, now)

    def _sla_before_write(self, vals):
        """Checks before the write, and what the after-write hook needs."""
        before = {}
        if vals.get("stage_id"):
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if stage.closed and not stage.aftersales_cancel:
                self._sla_check_cause_analysis(vals)
        if "sla_pause_reason" in vals:
            before["pause"] = {t.id: t.sla_pause_reason for t in self}
        return before

    def _sla_after_write(self, vals, before):
        now = fields.Datetime.now()
        worktime = WorkTime(self.env)
        if vals.get("visit_date"):
            self._sla_set_visit_scheduled(now)
        if vals.get("stage_id"):
            self._sla_stage_changed(now)
        if self._sla_rematch_fields() & set(vals):
            self.filtered(lambda t: not t.closed)._sla_rematch(
                now=now, worktime=worktime
            )
        if "pause" in before:
            self._sla_pause_changed(before["pause"], worktime, now)
        events = set(
            self.env["aftersales.sla.policy.target"]._get_event_fields().values()
        )
        if (events | {"stage_id", "visit_date"}) & set(vals):
            self._sla_sync_events(worktime, now)
        if vals.get("stage_id"):
            self._sla_stop_closed_clocks()

    def _sla_stop_closed_clocks(self):
        """A closed request stops its remaining clocks: targets not reached
        are cancelled (not counted), breached ones stay breached."""
        lines = self.filtered("closed").sla_line_ids.sudo()
        lines.filtered(
            lambda ln: ln.state in ("pending", "running", "paused") and not ln.met_date
        )._cancel()
        lines.filtered(
            lambda ln: ln.state == "breached" and ln.next_escalation_date
        ).write({"next_escalation_date": False})

    @api.model
    def _sla_rematch_fields(self):
        """Changes that re-match the request with the policies."""
        return {
            "category_id",
            "team_id",
            "priority",
            "impact",
            "urgency",
            "partner_id",
            "company_id",
        }

    def _sla_check_cause_analysis(self, vals):
        now = fields.Datetime.now()
        Cause = self.env["aftersales.cause.category"]
        for ticket in self:
            if ticket.closed or not ticket._sla_is_late_resolution(now):
                continue
            cause = (
                Cause.browse(vals["cause_category_id"])
                if "cause_category_id" in vals
                else ticket.cause_category_id
            )
            explanation = vals.get("cause_explanation", ticket.cause_explanation)
            if not cause or not (explanation or "").strip():
                raise UserError(
                    self.env._(
                        "Request %(ticket)s took more than %(hours)s hours: record "
                        "the delay cause and the cause analysis before closing it.",
                        ticket=ticket.display_name,
                        hours=ticket.company_id.aftersales_cause_analysis_hours,
                    )
                )

    def _sla_set_visit_scheduled(self, now):
        tickets = self.filtered(lambda t: t.visit_date and not t.visit_scheduled_date)
        if tickets:
            return super(HelpdeskTicket, tickets).write({"visit_scheduled_date": now})
        return True

    def _sla_stage_changed(self, now):
        """Closing sets the resolution date, reopening clears it; a
        cancellation never meets a target, it cancels the open ones."""
        resolved = self.filtered(
            lambda t: (
                t.closed and not t.stage_id.aftersales_cancel and not t.resolved_date
            )
        )
        reopened = self.filtered(lambda t: not t.closed and t.resolved_date)
        cancelled = self.filtered(lambda t: t.stage_id.aftersales_cancel)
        if resolved:
            super(HelpdeskTicket, resolved).write({"resolved_date": now})
        if reopened | cancelled.filtered("resolved_date"):
            super(HelpdeskTicket, reopened | cancelled.filtered("resolved_date")).write(
                {"resolved_date": False}
            )
        if cancelled:
            cancelled.sla_line_ids.filtered(
                lambda ln: ln.state in OPEN_STATES and not ln.met_date
            ).sudo()._cancel()
        revived = self.filtered(
            lambda t: (
                not t.closed
                and t.sla_line_ids
                and all(ln.state == "cancelled" for ln in t.sla_line_ids)
            )
        )
        if revived:
            revived._sla_rematch(now=now)
        return True

    def _sla_pause_changed(self, previous, worktime, now):
        Pause = self.env["aftersales.sla.pause"].sudo()
        new_pauses = []
        for ticket in self:
            old = previous.get(ticket.id)
            if old == ticket.sla_pause_reason:
                continue
            lines = ticket.sla_line_ids.sudo()
            if old:
                ticket.sla_pause_ids.sudo().filtered(lambda p: not p.end_date).write(
                    {"end_date": now}
                )
            if ticket.sla_pause_reason:
                new_pauses.append(
                    {
                        "ticket_id": ticket.id,
                        "reason": ticket.sla_pause_reason,
                        "start_date": now,
                    }
                )
                if not old:
                    lines._prepare_worktime(worktime, now)
                    lines._pause(worktime, now)
            else:
                lines._prepare_worktime(worktime, now)
                lines._resume(worktime, now)
        if new_pauses:
            Pause.create(new_pauses)

    def _sla_rematch(self, now=None, worktime=None, new=False):
        """Apply the first matching policy of each request.

        Carry-over rule: an open line whose target type is still promised keeps
        its start, consumed and paused time; it takes the new duration,
        calendar and thresholds and its deadline is recomputed. Met (and late
        met) lines stay as they are. Open lines of target types no longer
        promised are cancelled. New target types start their clock now (or at
        their start event). Deadlines of a whole batch are planned from one
        fetch of working intervals per calendar.
        """
        now = now or fields.Datetime.now()
        worktime = worktime or WorkTime(self.env)
        matches = self.env["aftersales.sla.policy"]._match_tickets(self)
        event_fields = self.env["aftersales.sla.policy.target"]._get_event_fields()
        Line = self.env["aftersales.sla.line"].sudo()
        to_create, to_update, to_cancel, to_start = [], [], Line, Line
        for ticket, policy in matches:
            existing = {}
            if not new:
                for line in ticket.sla_line_ids.sudo():
                    if line.state != "cancelled":
                        existing.setdefault(line.target_type, line)
            for target in policy.target_ids:
                line = existing.pop(target.target_type, None)
                vals = ticket._sla_prepare_line_vals(target, now, event_fields, line)
                if not line:
                    to_create.append(vals)
                    continue
                if line.state == "pending" and target.start_event == "creation":
                    to_start |= line
                if not line.met_date:
                    to_update.append((line, vals))
            for line in existing.values():
                if not line.met_date:
                    to_cancel |= line
        Line._schedule_new_lines(worktime, to_create)
        to_cancel._cancel()
        updated = Line
        for line, vals in to_update:
            line.write(vals)
            updated |= line
        if to_start:
            to_start._prepare_worktime(worktime, now)
            to_start._start(worktime, now)
        if updated:
            updated._prepare_worktime(worktime, now)
            updated._reschedule(worktime, now)
        if to_create:
            Line.create(to_create)
        if not new:
            self._sla_sync_events(worktime, now)

    @api.model
    def _sla_rematch_open_requests(self, domain):
        """Re-match the open requests of ``domain`` after a change made
        elsewhere (a customer's tier, a team's working hours)."""
        self.sudo().search(
            Domain.AND([domain, [("stage_id.closed", "=", False)]])
        )._sla_rematch()

    def _sla_prepare_line_vals(self, target, now, event_fields, line=None):
        """Values of the SLA line of ``target``: a new line, or the update of
        the existing ``line`` of the same target type."""
        self.ensure_one()
        calendar = target._get_calendar(self)
        vals = {
            "policy_id": target.policy_id.id,
            "target_id": target.id,
            "name": target.display_name,
            "sequence": target.sequence,
            "resource_calendar_id": calendar.id,
            "duration_hours": target._get_duration_hours(calendar),
            "warning_percent": target.warning_percent,
            "critical_percent": target.critical_percent,
        }
        if line:
            if line.state == "pending":
                # not started yet: it takes the new start event
                vals["start_event"] = target.start_event
            return vals
        start = (
            now
            if target.start_event == "creation"
            else self[event_fields[target.start_event]]
        )
        vals.update(
            ticket_id=self.id,
            target_type=target.target_type,
            start_event=target.start_event,
            state="running" if start else "pending",
            start_date=start,
            resume_date=start,
        )
        return vals

    def _sla_sync_events(self, worktime, now):
        """Complete, start or reopen lines from the ticket's event fields."""
        event_fields = self.env["aftersales.sla.policy.target"]._get_event_fields()
        to_start, to_complete, to_reopen = [], {}, self.env["aftersales.sla.line"]
        for line in self.sla_line_ids.sudo():
            if line.state == "cancelled":
                continue
            ticket = line.ticket_id
            end_value = ticket[event_fields[line.target_type]]
            if line.state == "pending":
                start_value = ticket[event_fields[line.start_event]]
                if start_value:
                    to_start.append((line, start_value))
                    if end_value and end_value >= start_value:
                        to_complete.setdefault(end_value, []).append(line.id)
                continue
            if end_value and not line.met_date:
                to_complete.setdefault(end_value, []).append(line.id)
            elif line.met_date and not end_value:
                to_reopen |= line
        Line = self.env["aftersales.sla.line"].sudo()
        for line, start in to_start:
            line._prepare_worktime(worktime, start)
            line._start(worktime, start)
        for event_date, ids in to_complete.items():
            Line.browse(ids)._complete(event_date)
        if to_reopen:
            to_reopen._prepare_worktime(worktime, now)
            to_reopen._reopen(worktime, now)

    def _message_post_after_hook(self, message, msg_values):
        """The first public message of the staff completes the first reply; a
        message of the customer restarts clocks waiting on them."""
        res = super()._message_post_after_hook(message, msg_values)
        if message.message_type not in ("comment", "email") or (
            message.subtype_id and message.subtype_id.internal
        ):
            return res
        author = message.author_id
        if (
            not author
            or self.env.context.get("aftersales_sla_auto_message")
            or author == self.env.ref("base.partner_root")
        ):
            return res
        staff = any(not user.share for user in author.user_ids)
        for ticket in self:
            customer = ticket.commercial_partner_id or ticket.partner_id
            if author.commercial_partner_id == customer and not staff:
                if ticket.sla_pause_reason == "customer":
                    ticket.sudo().write({"sla_pause_reason": False})
            elif staff and not ticket.first_reply_date:
                ticket.sudo().write({"first_reply_date": fields.Datetime.now()})
        return res

    # --- Returns and stock ---------------------------------------------
    # Return eligibility (R24), operations (aftersales.return), transfers,
    # refund decision, lot quality (R20-R23). Business rules live in
    # aftersales.return, aftersales.quality.inspection and stock.lot.
    return_reason = fields.Selection(
        [("quality", "Quality Defect"), ("other", "Other Reason")],
        compute="_compute_return_reason",
        store=True,
        readonly=False,
        help="Quality returns have a longer window, no conditions and "
        "company-paid shipping.",
    )
    return_unused = fields.Boolean(string="Unused")
    return_packaging_intact = fields.Boolean(string="Packaging Intact")
    return_resaleable = fields.Boolean(string="Resaleable")
    return_deadline = fields.Date(
        string="Return Window Ends", compute="_compute_return_eligibility"
    )
    return_eligible = fields.Boolean(compute="_compute_return_eligibility")
    return_eligibility_reason = fields.Char(
        string="Return Rule", compute="_compute_return_eligibility"
    )
    return_shipping_payer = fields.Selection(
        [("company", "Company"), ("customer", "Customer")],
        string="Return Shipping Paid By",
        compute="_compute_return_eligibility",
    )
    aftersales_return_ids = fields.One2many(
        "aftersales.return", "ticket_id", string="Returns and Exchanges"
    )
    picking_ids = fields.One2many(
        "stock.picking", "aftersales_ticket_id", string="Transfers", readonly=True
    )
    picking_count = fields.Integer(
        string="Transfer Count", compute="_compute_picking_count"
    )
    quality_inspection_ids = fields.One2many(
        "aftersales.quality.inspection", "ticket_id", string="Quality Inspections"
    )
    refund_decision = fields.Selection(
        [("refund", "Refund"), ("no_refund", "No Refund")],
        tracking=True,
    )
    refund_amount = fields.Monetary(
        currency_field="aftersales_currency_id", tracking=True
    )
    refund_reason = fields.Text()
    aftersales_currency_id = fields.Many2one(related="company_id.currency_id")
    lot_quant_ids = fields.Many2many(
        "stock.quant",
        string="Same-Lot Stock",
        compute="_compute_lot_quality_info",
        help="Stock of the request's lot by internal location.",
    )
    lot_customer_ids = fields.Many2many(
        "res.partner",
        string="Other Customers of the Lot",
        compute="_compute_lot_quality_info",
    )

    @api.depends("aftersales_kind")
    def _compute_return_reason(self):
        for ticket in self:
            if ticket.aftersales_kind == "quality":
                ticket.return_reason = "quality"
            elif not ticket.return_reason:
                ticket.return_reason = "other"

    @api.depends(
        "return_reason",
        "purchase_date",
        "delivery_id",
        "return_unused",
        "return_packaging_intact",
        "return_resaleable",
        "company_id",
    )
    def _compute_return_eligibility(self):
        today = fields.Date.context_today(self)
        for ticket in self:
            ticket.update(ticket._get_return_eligibility(today))

    def _get_return_eligibility(self, today):
        """Which return rule applies, whether it is met and why (R24)."""
        self.ensure_one()
        company = self.company_id or self.env.company
        quality = self.return_reason == "quality"
        days = (
            company.aftersales_quality_return_days
            if quality
            else company.aftersales_other_return_days
        )
        payer = "company" if quality else "customer"
        purchased = self.purchase_date or (
            self.delivery_id.date_done and self.delivery_id.date_done.date()
        )
        if not purchased:
            return {
                "return_deadline": False,
                "return_eligible": False,
                "return_shipping_payer": payer,
                "return_eligibility_reason": self.env._(
                    "No purchase date: record it or the original delivery to "
                    "check the return window."
                ),
            }
        deadline = fields.Date.add(purchased, days=days)
        vals = {"return_deadline": deadline, "return_shipping_payer": payer}
        if today > deadline:
            reason = self.env._(
                "Returns for this reason are accepted within %(days)s days of "
                "purchase; the window ended on %(deadline)s.",
                days=days,
                deadline=fields.Date.to_string(deadline),
            )
            return dict(vals, return_eligible=False, return_eligibility_reason=reason)
        if quality:
            reason = self.env._(
                "Quality return within %(days)s days of purchase (until "
                "%(deadline)s): accepted unconditionally, shipping paid by the "
                "company.",
                days=days,
                deadline=fields.Date.to_string(deadline),
            )
            return dict(vals, return_eligible=True, return_eligibility_reason=reason)
        missing = [
            label
            for label, ok in (
                (self.env._("unused"), self.return_unused),
                (self.env._("packaging intact"), self.return_packaging_intact),
                (self.env._("resaleable"), self.return_resaleable),
            )
            if not ok
        ]
        if missing:
            reason = self.env._(
                "Non-quality return within %(days)s days: the product must be "
                "unused, in intact packaging and resaleable (not confirmed: "
                "%(missing)s).",
                days=days,
                missing=", ".join(missing),
            )
            return dict(vals, return_eligible=False, return_eligibility_reason=reason)
        reason = self.env._(
            "Non-quality return within %(days)s days of purchase (until "
            "%(deadline)s): unused, packaging intact and resaleable; shipping "
            "both ways paid by the customer; needs the supervisor's approval.",
            days=days,
            deadline=fields.Date.to_string(deadline),
        )
        return dict(vals, return_eligible=True, return_eligibility_reason=reason)

    @api.depends("picking_ids")
    def _compute_picking_count(self):
        counts = dict(
            self.env["stock.picking"]
            .sudo()
            ._read_group(
                Domain("aftersales_ticket_id", "in", self.ids),
                ["aftersales_ticket_id"],
                ["__count"],
            )
        )
        for ticket in self:
            ticket.picking_count = counts.get(ticket, 0)

    @api.depends("lot_id", "commercial_partner_id")
    def _compute_lot_quality_info(self):
        lots = self.lot_id.sudo()
        quants = lots._aftersales_get_internal_quants()
        for ticket in self:
            lot = ticket.lot_id.sudo()
            ticket.lot_quant_ids = quants.filtered(lambda q, lot=lot: q.lot_id == lot)
            ticket.lot_customer_ids = lot.partner_ids.commercial_partner_id - (
                ticket.commercial_partner_id
            )

    def action_aftersales_view_pickings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action.update(
            {
                "domain": [("aftersales_ticket_id", "=", self.id)],
                "context": {"create": False},
            }
        )
        return action

    def action_aftersales_new_operation(self):
        """Open a new return, exchange, replenishment or compensation."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.return",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_ticket_id": self.id,
                "default_operation": self.env.context.get(
                    "aftersales_operation", "return"
                ),
            },
        }

    def action_aftersales_request_inspection(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.quality.inspection",
            "view_mode": "form",
            "target": "current",
            "context": {"default_ticket_id": self.id},
        }

    def action_aftersales_quarantine_lot(self):
        """One click: every free unit of the request's lot to quarantine."""
        self.ensure_one()
        if not self.env.user.has_group("aftersales_service.group_aftersales_warehouse"):
            raise ValidationError(
                self.env._("Only a warehouse keeper can quarantine stock.")
            )
        pickings = self.lot_id._aftersales_quarantine(self)
        self.message_post(
            body=self.env._(
                "Lot %(lot)s quarantined: %(pickings)s.",
                lot=self.lot_id.name,
                pickings=", ".join(pickings.mapped("name")),
            )
        )
        return True
