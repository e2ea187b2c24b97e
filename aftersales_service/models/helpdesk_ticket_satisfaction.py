# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# The request model is split by topic on purpose (one file per flow):
# pylint: disable=consider-merging-classes-inherited
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .survey_user_input import ANSWER_CHANNELS

SATISFACTION_STATES = [
    ("pending", "To Invite"),
    ("invited", "Invited"),
    ("answered", "Answered"),
    ("expired", "Expired"),
]
# Context key of the methods allowed to write the satisfaction results
WRITE_KEY = "aftersales_satisfaction_write"


class HelpdeskTicket(models.Model):
    """Satisfaction and follow-up (R30): every completed request asks the
    customer, a dissatisfied or unsolved answer reopens it."""

    _inherit = "helpdesk.ticket"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    satisfaction_state = fields.Selection(
        SATISFACTION_STATES,
        string="Satisfaction Survey",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    satisfaction_input_id = fields.Many2one(
        "survey.user_input",
        string="Current Survey Invitation",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    satisfaction_input_ids = fields.One2many(
        "survey.user_input",
        "aftersales_ticket_id",
        string="Satisfaction Answers",
        readonly=True,
        copy=False,
        groups="survey.group_survey_user",
    )
    satisfaction_invited_date = fields.Datetime(
        string="Survey Sent On", readonly=True, copy=False
    )
    satisfaction_score = fields.Integer(
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Overall satisfaction of the last answer, from 1 to 5.",
    )
    satisfaction_speed_score = fields.Integer(
        string="Speed Score", readonly=True, copy=False, aggregator="avg"
    )
    satisfaction_attitude_score = fields.Integer(
        string="Attitude Score", readonly=True, copy=False, aggregator="avg"
    )
    satisfaction_comment = fields.Text(
        string="Customer Comment", readonly=True, copy=False
    )
    satisfaction_satisfied = fields.Boolean(
        string="Satisfied",
        readonly=True,
        copy=False,
        help="The last answer gave 4 or 5 out of 5.",
    )
    satisfaction_solved = fields.Boolean(
        string="Problem Solved", readonly=True, copy=False
    )
    satisfaction_answered_date = fields.Datetime(
        string="Answered On", readonly=True, copy=False
    )
    satisfaction_channel = fields.Selection(
        ANSWER_CHANNELS, string="Answered By", readonly=True, copy=False
    )
    satisfaction_reopen_count = fields.Integer(
        string="Reopened after Feedback", readonly=True, copy=False
    )
    satisfaction_close_reason = fields.Text(
        string="Closed Unsatisfied Because",
        readonly=True,
        copy=False,
        help="Why the supervisor closed the request although the customer "
        "was not satisfied.",
    )
    followup_date = fields.Datetime(
        string="Follow-up Call Done On",
        readonly=True,
        copy=False,
        help="When the agent called the customer after completion (回访).",
    )
    followup_user_id = fields.Many2one(
        "res.users", string="Follow-up Call By", readonly=True, copy=False
    )
    satisfaction_url = fields.Char(
        string="Survey Link",
        compute="_compute_satisfaction_url",
        compute_sudo=True,
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("satisfaction_state", "satisfaction_input_id")
    def _compute_satisfaction_url(self):
        for ticket in self:
            answer = ticket.satisfaction_input_id
            ticket.satisfaction_url = (
                answer.get_start_url()
                if ticket.satisfaction_state == "invited"
                and answer.aftersales_channel == "web"
                else False
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        protected = self._satisfaction_protected_fields() & set(vals)
        if protected and not self.env.context.get(WRITE_KEY) and not self.env.su:
            raise UserError(
                self.env._(
                    "The satisfaction results of a request come from the "
                    "customer's answers: they cannot be edited."
                )
            )
        opened = self.filtered(lambda t: not t.closed) if "stage_id" in vals else None
        res = super().write(vals)
        if opened and not self.env.context.get("aftersales_no_satisfaction_survey"):
            opened.filtered(
                lambda t: t.closed and not t.stage_id.aftersales_cancel
            )._satisfaction_on_completion()
        return res

    @api.model
    def _satisfaction_protected_fields(self):
        return {
            name
            for name in self._fields
            if name.startswith(("satisfaction_", "followup_"))
            and name not in ("satisfaction_url", "satisfaction_input_ids")
        }

    def _satisfaction_write(self, vals):
        return self.with_context(**{WRITE_KEY: True}).sudo().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_satisfaction_close_unsatisfied(self):
        """Open the dialog where the supervisor closes a request the customer
        is still unhappy with, giving the reason."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Close without Satisfaction"),
            "res_model": "aftersales.satisfaction.close",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def action_satisfaction_phone_survey(self):
        """Follow-up call: open the request's satisfaction survey for the
        agent to fill on the customer's behalf (answered by phone). It
        replaces the customer's unanswered link; both count alike."""
        self.ensure_one()
        self.check_access("write")
        if not self.closed or self.stage_id.aftersales_cancel:
            raise UserError(
                self.env._(
                    "Request %(ticket)s is not completed: the follow-up call "
                    "comes after completion.",
                    ticket=self.display_name,
                )
            )
        if self.satisfaction_state == "answered":
            raise UserError(
                self.env._(
                    "The customer already answered the survey of request "
                    "%(ticket)s: mark the follow-up call as done instead.",
                    ticket=self.display_name,
                )
            )
        survey = self._satisfaction_get_survey()
        if not survey:
            raise UserError(self.env._("Choose a satisfaction survey in the settings."))
        answer = self.satisfaction_input_id
        if not (
            answer.aftersales_channel == "phone"
            and answer.partner_id == self.env.user.partner_id
            and answer.state != "done"
        ):
            now = fields.Datetime.now()
            self.sudo().satisfaction_input_id.filtered(
                lambda a: a.state != "done"
            ).write({"deadline": now, "aftersales_next_reminder": False})
            answer = (
                self.env["survey.user_input"]
                .sudo()
                .create(
                    self._satisfaction_prepare_input_vals(
                        survey, now, channel="phone", user=self.env.user
                    )
                )
            )
            self._satisfaction_write(
                {"satisfaction_state": "invited", "satisfaction_input_id": answer.id}
            )
        return {
            "type": "ir.actions.act_url",
            "url": answer.sudo().get_start_url(),
            "target": "new",
        }

    def action_satisfaction_followup_done(self):
        """The agent called the customer (who had answered online)."""
        for ticket in self:
            ticket.check_access("write")
            if ticket.followup_date:
                continue
            ticket._satisfaction_followup_done(self.env.user)
        return True

    # ------------------------------------------------------------------
    # Business methods: invitation
    # ------------------------------------------------------------------
    def _satisfaction_on_completion(self):
        """A request reached a closing stage: plan the follow-up call and
        queue the survey invitation."""
        self._satisfaction_schedule_followup()
        to_invite = self.filtered(lambda t: t.partner_id.email)
        if not to_invite:
            return
        to_invite._satisfaction_write({"satisfaction_state": "pending"})
        # the invitations go out in batches right after the commit
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "aftersales_service.ir_cron_satisfaction"
        )
        self.env["ir.cron"].sudo().browse(cron_id)._trigger()

    def _satisfaction_get_survey(self, default=None):
        """The survey of the request: its kind's, its team's, its company's,
        else ``default`` (the shipped one)."""
        self.ensure_one()
        if default is None:
            default = self.env.ref(
                "aftersales_service.survey_satisfaction", raise_if_not_found=False
            )
        return (
            self.category_id.aftersales_survey_id
            or self.category_id.parent_id.aftersales_survey_id
            or self.team_id.aftersales_survey_id
            or self.company_id.aftersales_survey_id
            or default
        )

    def _satisfaction_prepare_input_vals(self, survey, now, channel="web", user=None):
        """Values of the survey answer of an invitation (web: the customer's
        token link) or of a follow-up call (phone: filled by ``user``)."""
        self.ensure_one()
        company = self.company_id
        vals = {
            "survey_id": survey.id,
            "aftersales_ticket_id": self.id,
            "aftersales_channel": channel,
        }
        if channel == "phone":
            partner = user.partner_id
            vals.update(
                partner_id=partner.id, email=partner.email, nickname=partner.name
            )
            return vals
        partner = self.partner_id
        vals.update(
            partner_id=partner.id,
            email=partner.email,
            nickname=partner.name,
            deadline=now + timedelta(days=company.aftersales_survey_expiry_days)
            if company.aftersales_survey_expiry_days
            else False,
            aftersales_next_reminder=now
            + timedelta(days=company.aftersales_survey_reminder_days)
            if company.aftersales_survey_reminder_max
            and company.aftersales_survey_reminder_days
            else False,
        )
        return vals

    def _satisfaction_send_invitations(self):
        """Create the survey answers of a batch of requests in one create,
        then email their links in one mass mailing (each customer in their
        language)."""
        now = fields.Datetime.now()
        Answer = self.env["survey.user_input"].sudo()
        todo, vals_list = self.browse(), []
        default = self.env.ref(
            "aftersales_service.survey_satisfaction", raise_if_not_found=False
        )
        for ticket in self:
            survey = ticket._satisfaction_get_survey(default or False)
            if not survey or not ticket.partner_id.email:
                continue
            todo |= ticket
            vals_list.append(ticket._satisfaction_prepare_input_vals(survey, now))
        (self - todo)._satisfaction_write({"satisfaction_state": False})
        if not todo:
            return todo
        # a new invitation replaces the unanswered ones
        todo.satisfaction_input_id.filtered(lambda a: a.state != "done").write(
            {"deadline": now, "aftersales_next_reminder": False}
        )
        answers = Answer.create(vals_list)
        for ticket, answer in zip(todo, answers, strict=True):
            ticket._satisfaction_write(
                {
                    "satisfaction_state": "invited",
                    "satisfaction_input_id": answer.id,
                    "satisfaction_invited_date": now,
                }
            )
        todo._satisfaction_mail("aftersales_service.mail_template_satisfaction_invite")
        return todo

    def _satisfaction_mail(self, template_xmlid):
        """Email the customers of the batch with one mass mailing composer,
        kept in the chatter of each request."""
        if not self:
            return
        template = self.env.ref(template_xmlid)
        composer = (
            self.env["mail.compose.message"]
            .sudo()
            .with_context(
                default_composition_mode="mass_mail",
                default_model=self._name,
                default_res_ids=self.ids,
                default_template_id=template.id,
                aftersales_sla_auto_message=True,
            )
            .create(
                {
                    "auto_delete": False,
                    "auto_delete_keep_log": True,
                    "message_type": "comment",
                    "subtype_id": self.env.ref("mail.mt_note").id,
                }
            )
        )
        composer._action_send_mail()

    @api.model
    def _cron_satisfaction(self, batch_size=200):
        """Send the queued invitations, the due reminders, then expire the
        unanswered invitations, in batches (locked with ``SKIP LOCKED``, so
        several workers can share the work). Returns the counts."""
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        Answer = self.env["survey.user_input"].sudo()
        counts = {"invited": 0, "reminded": 0, "expired": 0}
        now = fields.Datetime.now()
        steps = (
            (
                "invited",
                """SELECT id FROM helpdesk_ticket
                    WHERE satisfaction_state = 'pending'
                    ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED""",
                lambda ids: self.browse(ids)._satisfaction_send_invitations(),
            ),
            (
                "reminded",
                """SELECT id FROM survey_user_input
                    WHERE aftersales_next_reminder <= %s
                      AND aftersales_ticket_id IS NOT NULL
                      AND state != 'done'
                    ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED""",
                lambda ids: Answer.browse(ids)._aftersales_send_reminders(now),
            ),
            (
                "expired",
                """SELECT t.id FROM helpdesk_ticket t
                     JOIN survey_user_input a ON a.id = t.satisfaction_input_id
                    WHERE t.satisfaction_state = 'invited'
                      AND a.state != 'done' AND a.deadline <= %s
                    ORDER BY t.id LIMIT %s FOR UPDATE OF t SKIP LOCKED""",
                lambda ids: self.browse(ids)._satisfaction_write(
                    {"satisfaction_state": "expired"}
                ),
            ),
        )
        for key, query, process in steps:
            while True:
                params = [batch_size] if key == "invited" else [now, batch_size]
                self.env.flush_all()
                self.env.cr.execute(query, params)
                ids = [row[0] for row in self.env.cr.fetchall()]
                if not ids:
                    break
                process(ids)
                counts[key] += len(ids)
                if in_cron and self.env["ir.cron"]._commit_progress(len(ids)) <= 0:
                    return counts
        return counts

    # ------------------------------------------------------------------
    # Business methods: follow-up call
    # ------------------------------------------------------------------
    def _satisfaction_schedule_followup(self):
        """The handling agent calls the customer after completion (R30),
        within the working days the company gives (the SLA target, when the
        request's policy has one, measures it)."""
        activity_type = self.env.ref("aftersales_service.mail_activity_type_followup")
        calendars = {}
        now = fields.Datetime.now()
        for ticket in self.filtered(lambda t: not t.followup_date):
            user = ticket.user_id or ticket.team_id.user_id
            if not user:
                continue
            calendar = ticket.company_id.resource_calendar_id
            if calendar not in calendars:
                planned = (
                    calendar.plan_days(
                        activity_type.delay_count or 2, now, compute_leaves=True
                    )
                    if calendar
                    else False
                )
                calendars[calendar] = (planned or now + timedelta(days=2)).date()
            ticket.sudo().activity_schedule(
                activity_type_id=activity_type.id,
                user_id=user.id,
                date_deadline=calendars[calendar],
            )

    def _satisfaction_followup_done(self, user):
        """The follow-up call happened: the date completes the SLA target,
        the activity is done."""
        self._satisfaction_write(
            {"followup_date": fields.Datetime.now(), "followup_user_id": user.id}
        )
        activity_type = self.env.ref("aftersales_service.mail_activity_type_followup")
        self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        ).action_feedback(feedback=self.env._("Follow-up call done."))

    @api.model
    def _sla_after_closing_target_types(self):
        """SLA targets measured after the request is closed: closing does not
        stop their clocks."""
        return {"followed_up"}

    def _sla_stop_closed_clocks(self, now):
        """As the SLA engine does (a closed request stops its clocks), except
        for the targets measured after a resolution, such as the follow-up
        call; a cancellation stops them all."""
        keep = self._sla_after_closing_target_types()
        closed = self.filtered("closed")
        cancelled = closed.filtered("stage_id.aftersales_cancel")
        lines = (
            (closed - cancelled)
            .sla_line_ids.sudo()
            .filtered(lambda ln: ln.target_type not in keep)
        )
        (lines | cancelled.sla_line_ids.sudo())._stop(now)

    # ------------------------------------------------------------------
    # Business methods: answers and the closed loop
    # ------------------------------------------------------------------
    def _satisfaction_record_answer(self, answer, values):
        """Store the answer's results on the request; a dissatisfied or
        unsolved answer reopens it."""
        self.ensure_one()
        score = values.get("overall") or 0
        satisfied = score >= 4
        solved = values.get("solved", satisfied)
        self._satisfaction_write(
            {
                "satisfaction_state": "answered",
                "satisfaction_score": score,
                "satisfaction_speed_score": values.get("speed") or 0,
                "satisfaction_attitude_score": values.get("attitude") or 0,
                "satisfaction_comment": values.get("comment") or False,
                "satisfaction_satisfied": satisfied,
                "satisfaction_solved": solved,
                "satisfaction_answered_date": answer.end_datetime
                or fields.Datetime.now(),
                "satisfaction_channel": answer.aftersales_channel,
            }
        )
        if answer.aftersales_channel == "phone" and not self.followup_date:
            self._satisfaction_followup_done(answer.create_uid)
        # other open answers of the request (the web link when the agent
        # answered by phone) no longer count
        (self.sudo().satisfaction_input_ids - answer).filtered(
            lambda a: a.state != "done"
        ).write({"deadline": fields.Datetime.now(), "aftersales_next_reminder": False})
        if satisfied and solved:
            self.message_post(
                body=self.env._(
                    "The customer is satisfied (%(score)s/5).", score=score
                ),
                subtype_xmlid="mail.mt_note",
            )
        else:
            self._satisfaction_reopen()

    def _satisfaction_answer_current(self, values):
        """Answer the current invitation of each request with ``values`` (see
        ``survey.user_input._aftersales_fill``)."""
        for ticket in self:
            ticket.sudo().satisfaction_input_id._aftersales_fill(values)
        return True

    def _satisfaction_get_reopen_stage(self):
        """The stage a reopened request goes back to: In Progress if the team
        uses it, else its first open stage after the new one."""
        self.ensure_one()
        stages = self.team_id._get_applicable_stages().filtered(lambda s: not s.closed)
        in_progress = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress", raise_if_not_found=False
        )
        if in_progress in stages:
            return in_progress
        return stages[1:2] or stages[:1]

    def _satisfaction_get_supervisor(self):
        """Who handles the unhappy customer: the team leader, else a
        supervisor of the company."""
        self.ensure_one()
        if self.team_id.user_id:
            return self.team_id.user_id
        group = self.env.ref("aftersales_service.group_aftersales_supervisor")
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("group_ids", "in", group.ids),
                    ("share", "=", False),
                    ("company_ids", "in", self.company_id.ids),
                    ("id", "!=", self.env.ref("base.user_root").id),
                ],
                limit=1,
            )
        )

    def _satisfaction_reopen(self):
        """Back to work: the request returns to In Progress, its SLA is matched
        again as a reopening, the supervisor gets an activity and the customer
        is told what happens next (R30)."""
        for ticket in self:
            stage = ticket._satisfaction_get_reopen_stage()
            ticket.with_context(
                aftersales_no_satisfaction_survey=True
            )._satisfaction_write(
                {
                    "stage_id": stage.id,
                    "satisfaction_reopen_count": ticket.satisfaction_reopen_count + 1,
                }
            )
        self.sudo()._sla_rematch(restart=True)
        for ticket in self:
            supervisor = ticket._satisfaction_get_supervisor()
            reason = (
                self.env._("the problem is not solved")
                if not ticket.satisfaction_solved
                else self.env._(
                    "satisfaction %(score)s/5", score=ticket.satisfaction_score
                )
            )
            ticket.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=(supervisor or ticket.user_id or self.env.user).id,
                summary=self.env._("Unhappy customer: follow up the reopened request"),
                note=self.env._(
                    "The customer answered the satisfaction survey: %(reason)s. "
                    "Comment: %(comment)s",
                    reason=reason,
                    comment=ticket.satisfaction_comment or "-",
                ),
            )
        self.sudo().with_context(
            aftersales_sla_auto_message=True
        ).message_post_with_source(
            "aftersales_service.mail_template_satisfaction_reopened",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _satisfaction_close_with_reason(self, reason):
        """The supervisor ends the loop: the request closes without a new
        survey, with the reason in its history."""
        if not self.env.user.has_group(
            "aftersales_service.group_aftersales_supervisor"
        ):
            raise UserError(
                self.env._(
                    "Only a supervisor can close a request whose customer is "
                    "not satisfied."
                )
            )
        if not (reason or "").strip():
            raise UserError(
                self.env._("Give the reason for closing the request unsatisfied.")
            )
        for ticket in self:
            stage = ticket.team_id._get_applicable_stages().filtered(
                lambda s: s.closed and not s.aftersales_cancel
            )[:1]
            if not stage:
                raise UserError(
                    self.env._(
                        "Team %(team)s has no closing stage.",
                        team=ticket.team_id.display_name,
                    )
                )
            ticket.with_context(aftersales_no_satisfaction_survey=True).write(
                {"stage_id": stage.id}
            )
            ticket._satisfaction_write({"satisfaction_close_reason": reason})
            ticket.message_post(
                body=self.env._(
                    "Closed without the customer's satisfaction: %(reason)s",
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
            ticket.activity_ids.filtered(
                lambda a: (
                    a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
                )
            ).action_feedback(feedback=reason)
        return True

    # ------------------------------------------------------------------
    # Business methods (the customer's portal)
    # ------------------------------------------------------------------
    def _aftersales_portal_timeline(self):
        """The satisfaction survey comes last: waiting for the customer's
        answer (with its link), or their rating once answered."""
        steps = super()._aftersales_portal_timeline()
        step = self._aftersales_portal_step
        if self.satisfaction_state == "invited" and self.satisfaction_url:
            steps.append(
                step(
                    "survey",
                    self.env._("Satisfaction survey: waiting for your answer"),
                    "current",
                    self.satisfaction_invited_date,
                    self.env._("Tell us how we did: it takes a minute."),
                    self.satisfaction_url,
                    self.env._("Answer the survey"),
                )
            )
        elif self.satisfaction_state == "answered":
            steps.append(
                step(
                    "survey",
                    self.env._("Thank you for your answer"),
                    "done",
                    self.satisfaction_answered_date,
                    self.env._(
                        "Your rating: %(score)s/5.", score=self.satisfaction_score
                    ),
                )
            )
        return steps
