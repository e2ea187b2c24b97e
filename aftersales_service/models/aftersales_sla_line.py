# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.selections import (
    SLA_LEVELS as LEVELS,
)
from ..tools.selections import (
    SLA_LINE_STATES,
    TARGET_TYPES,
)


class AftersalesSlaLine(models.Model):
    """The clock of one target on one request.

    States: *pending* (waiting for its start event), *running*, *paused*,
    *met* (event reached in time), *breached* (deadline passed; the line keeps
    its ``met_date`` if the event came late), *cancelled* (request cancelled or
    target no longer applying after a re-match).
    ``consumed_hours`` is the working time used before ``resume_date``; the
    deadline is ``resume_date`` + the remaining working time.
    """

    _name = "aftersales.sla.line"
    _description = "After-Sales SLA Line"
    _order = "ticket_id, sequence, id"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Request",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    policy_id = fields.Many2one("aftersales.sla.policy", ondelete="set null")
    target_id = fields.Many2one(
        "aftersales.sla.policy.target", string="Target Rule", ondelete="set null"
    )
    name = fields.Char(string="Target")
    target_type = fields.Selection(TARGET_TYPES, required=True)
    start_event = fields.Selection(
        [("creation", "Request Created")] + TARGET_TYPES,
        string="Clock Starts At",
        required=True,
        default="creation",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar", string="Working Time", help="Empty: 24/7."
    )
    duration_hours = fields.Float(
        string="Allowed (working hours)", required=True, digits=(16, 2)
    )
    warning_percent = fields.Integer(default=50)
    critical_percent = fields.Integer(default=75)
    state = fields.Selection(
        SLA_LINE_STATES,
        required=True,
        default="pending",
        index=True,
    )
    start_date = fields.Datetime(string="Started On")
    resume_date = fields.Datetime(string="Running Since")
    paused_since = fields.Datetime()
    consumed_hours = fields.Float(
        string="Consumed (working hours)",
        digits=(16, 2),
        help="Working time used before the last resume.",
    )
    paused_hours = fields.Float(string="Paused (working hours)", digits=(16, 2))
    deadline = fields.Datetime(index=True)
    warning_date = fields.Datetime(string="Warning On")
    critical_date = fields.Datetime(string="Escalation On")
    next_escalation_date = fields.Datetime(index="btree_not_null")
    met_date = fields.Datetime(string="Reached On")
    escalation_level = fields.Selection(
        LEVELS, string="Warning Level", required=True, default="0"
    )

    # ------------------------------------------------------------------
    # Business methods: clock
    # ------------------------------------------------------------------
    def _prepare_worktime(self, worktime, now):
        """Fetch the working intervals every line of ``self`` needs at once."""
        by_calendar = {}
        for line in self:
            if line.resource_calendar_id:
                start = min(line.resume_date or now, line.paused_since or now, now)
                end = worktime._horizon(
                    max(line.resume_date or now, now), line.duration_hours
                )
                bounds = by_calendar.setdefault(line.resource_calendar_id, [start, end])
                bounds[0], bounds[1] = min(bounds[0], start), max(bounds[1], end)
        for calendar, (start, end) in by_calendar.items():
            worktime.prepare(calendar, start, end)

    @api.model
    def _schedule_vals(
        self,
        worktime,
        calendar,
        resume_date,
        duration,
        consumed,
        warning_percent,
        critical_percent,
        level,
    ):
        """Deadline, threshold dates and the next escalation date of a running clock."""

        def at(share):
            return worktime.add_hours(
                calendar, resume_date, duration * share - consumed
            )

        vals = {
            "deadline": at(1.0),
            "warning_date": at(warning_percent / 100.0),
            "critical_date": at(critical_percent / 100.0),
        }
        vals["next_escalation_date"] = self._next_escalation(vals, level)
        return vals

    @api.model
    def _next_escalation(self, dates, level):
        level = int(level)
        if level < 1 and dates.get("warning_date"):
            return dates["warning_date"]
        if level < 2 and dates.get("critical_date"):
            return dates["critical_date"]
        if level < 3:
            return dates.get("deadline")
        return False

    @api.model
    def _schedule_new_lines(self, worktime, vals_list):
        """Add deadlines to the values of new running lines, planned from one
        fetch of working intervals per calendar."""
        Calendar = self.env["resource.calendar"]
        bounds = {}
        for vals in vals_list:
            if vals["resource_calendar_id"] and vals["start_date"]:
                end = worktime._horizon(vals["start_date"], vals["duration_hours"])
                low, high = bounds.get(
                    vals["resource_calendar_id"], (vals["start_date"], end)
                )
                bounds[vals["resource_calendar_id"]] = (
                    min(low, vals["start_date"]),
                    max(high, end),
                )
        for calendar_id, (low, high) in bounds.items():
            worktime.prepare(Calendar.browse(calendar_id), low, high)
        for vals in vals_list:
            if vals["start_date"]:
                vals.update(
                    self._schedule_vals(
                        worktime,
                        Calendar.browse(vals["resource_calendar_id"]),
                        vals["start_date"],
                        vals["duration_hours"],
                        0.0,
                        vals["warning_percent"],
                        vals["critical_percent"],
                        "0",
                    )
                )
        return vals_list

    def _reschedule(self, worktime, now):
        """Recompute deadlines of running lines (after a resume or a re-match)."""
        vals_list = []
        for line in self:
            if line.state not in ("running", "breached") or line.met_date:
                continue
            vals = self._schedule_vals(
                worktime,
                line.resource_calendar_id,
                line.resume_date or now,
                line.duration_hours,
                line.consumed_hours,
                line.warning_percent,
                line.critical_percent,
                line.escalation_level,
            )
            if vals["deadline"] and vals["deadline"] > now and line.state == "breached":
                vals.update(state="running", escalation_level="2")
                vals["next_escalation_date"] = vals["deadline"]
            vals_list.append((line, vals))
        for line, vals in vals_list:
            line.write(vals)

    def _start(self, worktime, start):
        for line in self:
            line.write(
                {
                    "state": "running",
                    "start_date": start,
                    "resume_date": start,
                    **self._schedule_vals(
                        worktime,
                        line.resource_calendar_id,
                        start,
                        line.duration_hours,
                        0.0,
                        line.warning_percent,
                        line.critical_percent,
                        line.escalation_level,
                    ),
                }
            )

    def _catch_up_pauses(self, worktime, now):
        """Clocks started in the past (a target promised after the request
        was received, e.g. when the agent sets its kind) stood still during
        the request's pauses since their start: replay them."""
        for line in self.filtered(lambda ln: ln.start_date and ln.start_date < now):
            pauses = line.ticket_id.sla_pause_ids.filtered(
                lambda p, ln=line: not p.end_date or p.end_date > ln.start_date
            )
            for pause in pauses.sorted("start_date"):
                line._pause(worktime, max(pause.start_date, line.start_date))
                if pause.end_date:
                    line._resume(worktime, pause.end_date)

    def _breach_overdue(self, now):
        """Breach is decided by the clock: running clocks of ``self`` whose
        deadline has passed and whose event did not happen are breached at
        once (the escalation job still notifies them)."""
        overdue = self.filtered(
            lambda ln: ln.state == "running" and not ln.met_date and ln._is_overdue(now)
        )
        if overdue:
            overdue.write({"state": "breached"})

    def _is_overdue(self, now):
        """Breach is decided by the clock: a running clock whose deadline has
        passed is breached, whether or not the escalation job saw it."""
        self.ensure_one()
        return self.state == "breached" or (
            self.state == "running" and bool(self.deadline) and self.deadline <= now
        )

    def _pause(self, worktime, now):
        """Stop the running clocks; the consumed working time is kept. A clock
        already past its deadline stays breached while paused."""
        for line in self.filtered(lambda ln: ln.state in ("running", "breached")):
            if line.met_date:
                continue
            line.write(
                {
                    "state": "breached" if line._is_overdue(now) else "paused",
                    "consumed_hours": line.consumed_hours
                    + worktime.hours_between(
                        line.resource_calendar_id, line.resume_date, now
                    ),
                    "resume_date": False,
                    "paused_since": now,
                    # a breach the job has not seen yet is still notified
                    "next_escalation_date": line.deadline
                    if line._is_overdue(now) and line.escalation_level != "3"
                    else False,
                }
            )

    def _resume(self, worktime, now):
        """Restart paused clocks: the deadline moves by the paused working time."""
        lines = self.filtered(lambda ln: ln.paused_since and not ln.met_date)
        for line in lines:
            line.write(
                {
                    "state": "running" if line.state == "paused" else line.state,
                    "paused_hours": line.paused_hours
                    + worktime.hours_between(
                        line.resource_calendar_id, line.paused_since, now
                    ),
                    "paused_since": False,
                    "resume_date": now,
                }
            )
        lines._reschedule(worktime, now)

    def _complete(self, event_date):
        """The target's event happened at ``event_date``."""
        for line in self:
            late = (
                bool(line.deadline)
                and line.state != "paused"
                and event_date > line.deadline
            )
            line.write(
                {
                    "met_date": event_date,
                    "state": "breached" if late or line.state == "breached" else "met",
                    "next_escalation_date": False,
                    "paused_since": False,
                }
            )

    def _reopen(self, worktime, now):
        """The event was undone (e.g. a request reopened): the clock runs again
        from where it stood at the event."""
        for line in self:
            line.write(
                {
                    "met_date": False,
                    "state": "breached"
                    if line.deadline and line.deadline <= now
                    else "running",
                    "resume_date": line.resume_date or line.start_date or now,
                }
            )
        self._reschedule(worktime, now)

    def _stop(self, now):
        """The one place where clocks stop without their event (request
        closed or cancelled, target no longer promised after a re-match):
        clocks already past their deadline stay breached and count in the
        compliance report, the others are cancelled. Met lines are kept."""
        lines = self.filtered(
            lambda ln: (
                ln.state in ("pending", "running", "paused", "breached")
                and not ln.met_date
            )
        )
        breached = lines.filtered(lambda ln: ln._is_overdue(now))
        if breached:
            breached.write({"state": "breached", "next_escalation_date": False})
        (lines - breached).write({"state": "cancelled", "next_escalation_date": False})
        # a late-met line has nothing left to escalate either
        self.filtered(lambda ln: ln.met_date and ln.next_escalation_date).write(
            {"next_escalation_date": False}
        )

    # ------------------------------------------------------------------
    # Business methods: escalation
    # ------------------------------------------------------------------
    @api.model
    def _cron_escalate(self, batch_size=2000):
        """Raise warning, escalation and breach levels that are due.

        Set-based: due lines come from the partial index on
        ``next_escalation_date`` in batches locked with ``FOR UPDATE SKIP
        LOCKED``, so several workers never take the same line; each batch is
        committed through ``ir.cron._commit_progress``.
        """
        now = fields.Datetime.now()
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        done = 0
        while True:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM aftersales_sla_line"
                    " WHERE next_escalation_date <= %s"
                    " ORDER BY next_escalation_date LIMIT %s"
                    " FOR UPDATE SKIP LOCKED",
                    now,
                    batch_size,
                )
            )
            ids = [row[0] for row in self.env.cr.fetchall()]
            if not ids:
                break
            self.browse(ids)._escalate(now)
            self.env.flush_all()
            done += len(ids)
            if in_cron and self.env["ir.cron"]._commit_progress(len(ids)) <= 0:
                break
            self.env.invalidate_all()
        return done

    def _escalate(self, now):
        """Raise, once, the highest level reached by each line of ``self``."""
        activity_vals = []
        activity_defaults = self._get_escalation_activity_defaults()
        by_vals = {}
        for line in self:
            if line.state not in ("running", "breached") or line.met_date:
                by_vals.setdefault((("next_escalation_date", False),), []).append(
                    line.id
                )
                continue
            level = int(line.escalation_level)
            reached = level
            if line.deadline and line.deadline <= now:
                reached = 3
            elif line.critical_date and line.critical_date <= now:
                reached = max(level, 2)
            elif line.warning_date and line.warning_date <= now:
                reached = max(level, 1)
            if reached > level:
                activity_vals += line._prepare_escalation_activity_vals(
                    reached, activity_defaults
                )
            vals = {
                "escalation_level": str(reached),
                "next_escalation_date": self._next_escalation(
                    {
                        "warning_date": line.warning_date,
                        "critical_date": line.critical_date,
                        "deadline": line.deadline,
                    },
                    reached,
                ),
            }
            if reached == 3:
                vals["state"] = "breached"
            by_vals.setdefault(tuple(sorted(vals.items())), []).append(line.id)
        for vals, ids in by_vals.items():
            self.browse(ids).write(dict(vals))
        if activity_vals:
            self.env["mail.activity"].sudo().with_context(
                mail_activity_quick_update=True
            ).create(activity_vals)

    def _get_escalation_user(self, level):
        """Agent for warnings and breaches, team leader for the escalation."""
        self.ensure_one()
        ticket = self.ticket_id
        if level == 2:
            return ticket.team_id.user_id or ticket.user_id
        return ticket.user_id or ticket.team_id.user_id

    @api.model
    def _get_escalation_activity_defaults(self):
        """Values shared by every activity of an escalation run."""
        return {
            "res_model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
            "activity_type_id": self.env["ir.model.data"]._xmlid_to_res_id(
                "mail.mail_activity_data_todo"
            ),
            "date_deadline": fields.Date.context_today(self),
        }

    def _prepare_escalation_activity_vals(self, level, defaults=None):
        self.ensure_one()
        defaults = defaults or self._get_escalation_activity_defaults()
        user = self._get_escalation_user(level)
        if not user:
            return []
        target = self.name or dict(
            self._fields["target_type"]._description_selection(self.env)
        ).get(self.target_type)
        ticket = self.ticket_id
        if level == 3:
            summary = self.env._("SLA breached: %(target)s", target=target)
            note = self.env._(
                "The deadline of %(target)s has passed. Inform the customer first "
                "and agree a new plan with them.",
                target=target,
            )
        elif level == 2:
            summary = self.env._("SLA escalation: %(target)s", target=target)
            note = self.env._(
                "%(target)s of request %(ticket)s is close to its deadline: "
                "make sure it is handled in time.",
                target=target,
                ticket=ticket.display_name,
            )
        else:
            summary = self.env._("SLA warning: %(target)s", target=target)
            note = self.env._(
                "%(target)s is due soon: handle it before the deadline.",
                target=target,
            )
        return [
            {
                **defaults,
                "res_id": ticket.id,
                "user_id": user.id,
                "summary": summary,
                "note": note,
            }
        ]
