# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..tools.selections import PAUSE_REASONS
from ..tools.selections import SLA_OPEN_STATES as OPEN_STATES
from ..tools.worktime import WorkTime


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

    @api.depends("sla_received_date", "closed", "company_id")
    def _compute_cause_analysis_required(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.cause_analysis_required = ticket._sla_is_late_resolution(
                ticket.resolved_date or now
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
