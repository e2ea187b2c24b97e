# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from ..tools.selections import PAUSE_REASONS
from ..tools.worktime import WorkTime, format_duration


class HelpdeskTicket(models.Model):
    """Service events of a request and its SLA clocks (R8-R14).

    The request reports what happened (an event date written, a stage, a
    pause); the clocks are ``aftersales.sla.line`` records matched from
    ``aftersales.sla.policy``.
    """

    _inherit = "helpdesk.ticket"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
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

    sla_received_date = fields.Datetime(
        string="Received On",
        default=fields.Datetime.now,
        readonly=True,
        copy=False,
        help="When the request was recorded: the clocks starting at creation "
        "start here.",
    )
    sla_rematch_pending = fields.Boolean(
        string="SLA Re-match Pending",
        copy=False,
        readonly=True,
        help="The customer's tier or the team's working time changed: the "
        "re-matching job is about to apply it.",
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
    aftersales_complex = fields.Boolean(
        string="Complex",
        copy=False,
        tracking=True,
        help="Set by the agent or the supervisor when the request needs an "
        "investigation (several departments, a task force): it then follows "
        "the policies for complex requests (R11).",
    )
    aftersales_complex_reason = fields.Char(
        string="Why Complex", copy=False, tracking=True
    )
    task_force_ids = fields.Many2many(
        "res.users",
        "helpdesk_ticket_task_force_rel",
        "ticket_id",
        "user_id",
        domain=[("share", "=", False)],
        help="Extra people working on a complex request (专项小组).",
    )
    cause_category_id = fields.Many2one(
        "aftersales.cause.category", string="Delay Cause", tracking=True
    )
    cause_explanation = fields.Text(string="Cause Analysis", groups="base.group_user")
    cause_analysis_required = fields.Boolean(compute="_compute_cause_analysis_required")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
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

    @api.depends(
        "sla_received_date",
        "closed",
        "category_id.aftersales_cause_analysis_hours",
        "sla_line_ids.state",
        "sla_line_ids.deadline",
    )
    def _compute_cause_analysis_required(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.cause_analysis_required = bool(
                ticket._sla_cause_analysis_reason(ticket.resolved_date or now)
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("aftersales_complex", "aftersales_complex_reason")
    def _check_aftersales_complex_reason(self):
        for ticket in self:
            if (
                ticket.aftersales_complex
                and not (ticket.aftersales_complex_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Say why request %(ticket)s is complex before flagging it.",
                        ticket=ticket.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets._sla_after_create()
        return tickets

    def write(self, vals):
        before = self._sla_before_write(vals)
        res = super().write(vals)
        self._sla_after_write(vals, before)
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_sla_mark_plan_proposed(self):
        self.filtered(lambda t: not t.plan_proposed_date).write(
            {"plan_proposed_date": fields.Datetime.now()}
        )

    def action_sla_rematch(self):
        self._sla_rematch()

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _sla_pause_messages(self):
        """What the customer reads while the clocks are paused."""
        return {
            "customer": self.env._("We are waiting for your reply."),
            "supplier": self.env._("We are waiting for a part from our supplier."),
            "carrier": self.env._("Your parcel is on its way with the carrier."),
            "warehouse": self.env._("Our warehouse is handling your goods."),
        }

    def _sla_cause_analysis_limit(self):
        """Hours after which a resolution needs a cause analysis: the kind's
        setting, else the company's."""
        self.ensure_one()
        if self.category_id:
            return self.category_id.aftersales_cause_analysis_hours
        return self.company_id.aftersales_cause_analysis_hours

    def _sla_cause_analysis_reason(self, when):
        """Why closing at ``when`` needs a cause analysis (R13), or False: a
        resolution target missed, or a resolution longer than the kind's
        threshold."""
        self.ensure_one()
        missed = self.sla_line_ids.filtered(
            lambda ln: (
                ln.target_type == "resolved"
                and (
                    ln.state == "breached"
                    or (ln.state == "running" and ln.deadline and ln.deadline < when)
                )
            )
        )
        if missed:
            return self.env._(
                "Request %(ticket)s missed its resolution target %(target)s",
                ticket=self.display_name,
                target=missed[0].name,
            )
        limit = self._sla_cause_analysis_limit()
        start = self.sla_received_date
        if limit and start and (when - start).total_seconds() > limit * 3600:
            return self.env._(
                "Request %(ticket)s took more than %(duration)s",
                ticket=self.display_name,
                duration=format_duration(self.env, limit),
            )
        return False

    def _sla_after_create(self):
        now = fields.Datetime.now()
        worktime = WorkTime(self.env)
        self._sla_rematch(now=now, worktime=worktime, new=True)
        if any(self.mapped(lambda t: t.visit_date and not t.visit_scheduled_date)):
            self._sla_set_visit_scheduled(now)
            self._sla_sync_events(worktime, now)

    @api.model
    def _sla_event_fields(self):
        """Fields whose change is an SLA event: a stage, a pause, an event
        date, or a criterion of the policies (re-match)."""
        events = set(
            self.env["aftersales.sla.policy.target"]._get_event_fields().values()
        )
        return (
            events
            | self._sla_rematch_fields()
            | {"stage_id", "visit_date", "sla_pause_reason"}
        )

    def _sla_before_write(self, vals):
        """Checks before the write, and what the after-write hook needs."""
        before = {}
        if not self._sla_event_fields() & set(vals):
            return before
        if vals.get("stage_id"):
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if stage.closed and not stage.aftersales_cancel:
                self._sla_check_cause_analysis(vals)
        if "sla_pause_reason" in vals:
            before["pause"] = {t.id: t.sla_pause_reason for t in self}
        return before

    def _sla_after_write(self, vals, before):
        if not self._sla_event_fields() & set(vals):
            return
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
            self._sla_stop_closed_clocks(now)

    def _sla_stop_closed_clocks(self, now):
        """A closed (resolved or cancelled) request stops its remaining
        clocks, see ``aftersales.sla.line._stop``."""
        self.filtered("closed").sla_line_ids.sudo()._stop(now)

    @api.model
    def _sla_rematch_fields(self):
        """Changes that re-match the request with the policies."""
        return {
            "category_id",
            "team_id",
            "priority",
            "service_tier",
            "impact",
            "urgency",
            "partner_id",
            "company_id",
            "aftersales_complex",
        }

    def _sla_check_cause_analysis(self, vals):
        now = fields.Datetime.now()
        Cause = self.env["aftersales.cause.category"]
        for ticket in self:
            reason = not ticket.closed and ticket._sla_cause_analysis_reason(now)
            if not reason:
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
                        "%(reason)s: record the delay cause and the cause "
                        "analysis before closing it.",
                        reason=reason,
                    )
                )

    def _sla_set_visit_scheduled(self, now):
        tickets = self.filtered(lambda t: t.visit_date and not t.visit_scheduled_date)
        if tickets:
            return super(HelpdeskTicket, tickets).write({"visit_scheduled_date": now})
        return True

    def _sla_stage_changed(self, now):
        """Closing sets the resolution date, reopening clears it; a
        cancellation never meets a target (its clocks stop with the others of
        a closed request)."""
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
        # a reopened request whose clocks were all stopped gets them again
        revived = self.filtered(
            lambda t: (
                not t.closed
                and t.sla_line_ids
                and all(
                    ln.state == "cancelled"
                    or (ln.state == "breached" and not ln.next_escalation_date)
                    for ln in t.sla_line_ids
                )
            )
        )
        if revived:
            revived._sla_rematch(now=now, restart=True)
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

    def _sla_rematch(self, now=None, worktime=None, new=False, restart=False):
        """Apply the first matching policy of each request.

        Carry-over rule: an open line whose target type is still promised keeps
        its start, consumed and paused time; it takes the new duration,
        calendar and thresholds and its deadline is recomputed. Met (and late
        met) lines stay as they are. Open lines of target types no longer
        promised are cancelled. New target types start their clock at their
        start event: a clock counted from the creation counts from when the
        request was received, not from the change that promised it (a kind
        set at triage), and stands still during the pauses since; with
        ``restart`` (a reopened request gets fresh clocks) it counts from
        ``now``. Deadlines of a whole batch are planned from one fetch of
        working intervals per calendar.
        """
        now = now or fields.Datetime.now()
        worktime = worktime or WorkTime(self.env)
        matches = self.env["aftersales.sla.policy"]._match_tickets(self)
        event_fields = self.env["aftersales.sla.policy.target"]._get_event_fields()
        Line = self.env["aftersales.sla.line"].sudo()
        to_create, to_update, to_cancel = [], [], Line
        for ticket, policy in matches:
            existing = {}
            if not new:
                for line in ticket.sla_line_ids.sudo():
                    if line.state != "cancelled":
                        existing.setdefault(line.target_type, line)
            for target in policy.target_ids:
                line = existing.pop(target.target_type, None)
                vals = target._prepare_line_vals(
                    ticket, now, event_fields, line, restart=restart
                )
                if not line:
                    to_create.append(vals)
                    continue
                # a pending line now counted from the creation is started
                # at the reception by _sla_sync_events below
                if not line.met_date:
                    to_update.append((line, vals))
            for line in existing.values():
                if not line.met_date:
                    to_cancel |= line
        Line._schedule_new_lines(worktime, to_create)
        to_cancel._stop(now)
        updated = Line
        for line, vals in to_update:
            line.write(vals)
            updated |= line
        if updated:
            updated._prepare_worktime(worktime, now)
            updated._reschedule(worktime, now)
        created = Line.create(to_create) if to_create else Line
        if not new:
            created._catch_up_pauses(worktime, now)
            self._sla_sync_events(worktime, now)
            created._breach_overdue(now)

    @api.model
    def _sla_request_rematch(self, domain):
        """Mark the open requests of ``domain`` for a re-match after a change
        made elsewhere (a customer's tier, a team's working hours) and trigger
        the job doing it: the editor's transaction only sets a flag."""
        tickets = self.sudo().search(domain & Domain("stage_id.closed", "=", False))
        if not tickets:
            return
        tickets.with_context(tracking_disable=True).write({"sla_rematch_pending": True})
        self.env.ref("aftersales_service.ir_cron_aftersales_sla_rematch")._trigger()

    @api.model
    def _cron_sla_rematch(self, batch_size=200):
        """Re-match the marked requests, oldest first, in batches locked with
        ``SKIP LOCKED`` (several workers never take the same request), each
        batch committed through ``ir.cron._commit_progress``. An open request
        takes its customer's current tier (a tracked change that moves the
        priority the matrix gives); a request closed meanwhile keeps its tier,
        priority and clocks."""
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        done = 0
        self.flush_model(["sla_rematch_pending"])
        while True:
            self.env.cr.execute(
                """SELECT id FROM helpdesk_ticket
                    WHERE sla_rematch_pending
                    ORDER BY id LIMIT %s
                    FOR UPDATE SKIP LOCKED""",
                [batch_size],
            )
            ids = [row[0] for row in self.env.cr.fetchall()]
            if not ids:
                break
            tickets = self.browse(ids)
            tickets.write({"sla_rematch_pending": False})
            open_tickets = tickets.filtered(lambda t: not t.closed)
            retiered = open_tickets._sla_follow_customer_tier()
            (open_tickets - retiered)._sla_rematch()
            done += len(ids)
            if not in_cron or self.env["ir.cron"]._commit_progress(len(ids)) <= 0:
                break
        return done

    def _sla_follow_customer_tier(self):
        """Give each request its customer's current tier, one write per tier
        (the write re-matches them); return the requests that changed."""
        by_tier = {}
        for ticket in self:
            tier = ticket.commercial_partner_id.aftersales_tier or False
            if tier != ticket.service_tier:
                by_tier.setdefault(tier, []).append(ticket.id)
        changed = self.browse()
        for tier, ids in by_tier.items():
            tickets = self.browse(ids)
            tickets.write({"service_tier": tier})
            changed |= tickets
        return changed

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
