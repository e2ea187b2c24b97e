# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

ANSWER_CHANNELS = [("web", "Web"), ("phone", "Phone")]


class SurveyUserInput(models.Model):
    """A satisfaction invitation is a survey answer linked to a request: the
    customer's personal token link (web) or the form the agent fills during
    the follow-up call (phone)."""

    _inherit = "survey.user_input"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    aftersales_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="After-Sales Request",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
    aftersales_channel = fields.Selection(
        ANSWER_CHANNELS, string="Answered By", default="web", readonly=True
    )
    aftersales_reminder_count = fields.Integer(
        string="Reminders Sent", readonly=True, copy=False
    )
    aftersales_next_reminder = fields.Datetime(
        string="Next Reminder", readonly=True, copy=False, index="btree_not_null"
    )
    aftersales_counted = fields.Boolean(
        string="Counted on the Request", readonly=True, copy=False
    )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _mark_done(self):
        linked = self.filtered("aftersales_ticket_id")
        linked._aftersales_check_can_count()
        res = super()._mark_done()
        linked._aftersales_record_satisfaction()
        return res

    def _aftersales_check_can_count(self):
        """Refuse an answer that would be counted twice, an expired one and
        one that a newer invitation of the request replaced."""
        now = fields.Datetime.now()
        for answer in self:
            ticket = answer.aftersales_ticket_id.sudo()
            if answer.aftersales_counted or answer.state == "done":
                raise UserError(
                    self.env._(
                        "This satisfaction survey of request %(ticket)s has "
                        "already been answered.",
                        ticket=ticket.display_name,
                    )
                )
            if answer.deadline and answer.deadline <= now:
                raise UserError(
                    self.env._(
                        "This satisfaction survey of request %(ticket)s has expired.",
                        ticket=ticket.display_name,
                    )
                )
            if ticket.satisfaction_input_id != answer:
                raise UserError(
                    self.env._(
                        "This satisfaction survey of request %(ticket)s was "
                        "replaced by a newer one: answer the latest invitation.",
                        ticket=ticket.display_name,
                    )
                )

    @api.model
    def _aftersales_get_satisfaction_values(self, answer):
        """{measure: value} read from the answer's lines, by the role of their
        question (overall, speed, attitude: 1-5; solved: bool; comment)."""
        values = {}
        for line in answer.user_input_line_ids:
            role = line.question_id.aftersales_role
            if not role or line.skipped:
                continue
            if role in ("overall", "speed", "attitude"):
                values[role] = line.value_scale
            elif role == "solved":
                values[role] = line.suggested_answer_id.aftersales_positive
            elif role == "comment":
                values[role] = line.value_text_box or line.value_char_box
        return values

    def _aftersales_fill(self, values):
        """Answer the satisfaction survey from ``values`` ({measure: value}:
        overall, speed, attitude 1-5, solved bool, comment), as the survey
        form does, then submit it: for answers collected elsewhere (a call
        centre tool, an import, demo data)."""
        self.ensure_one()
        answer = self.sudo()
        for question in answer.survey_id.question_ids:
            role = question.aftersales_role
            if role not in values:
                continue
            value = values[role]
            if role == "solved":
                choices = question.suggested_answer_ids
                positive = choices.filtered("aftersales_positive")[:1]
                value = (positive if value else (choices - positive)[:1]).id
            elif role != "comment":
                value = str(value)
            answer._save_lines(question, value)
        answer._mark_done()
        return answer

    def _aftersales_record_satisfaction(self):
        for answer in self:
            values = self._aftersales_get_satisfaction_values(answer)
            answer.sudo().write(
                {"aftersales_counted": True, "aftersales_next_reminder": False}
            )
            answer.aftersales_ticket_id.sudo()._satisfaction_record_answer(
                answer, values
            )

    def _aftersales_send_reminders(self, now):
        """Remind the customers of a batch of unanswered invitations; the last
        allowed reminder clears the next one. Replaced or expired invitations
        are simply dropped."""
        current = self.filtered(
            lambda a: (
                a.aftersales_ticket_id.satisfaction_input_id == a
                and (not a.deadline or a.deadline > now)
            )
        )
        (self - current).write({"aftersales_next_reminder": False})
        current.aftersales_ticket_id._satisfaction_mail(
            "aftersales_service.mail_template_satisfaction_reminder"
        )
        groups = {}
        for answer in current:
            company = answer.aftersales_ticket_id.company_id
            key = (company, answer.aftersales_reminder_count + 1)
            groups.setdefault(key, self.browse())
            groups[key] |= answer
        for (company, count), answers in groups.items():
            last = count >= company.aftersales_survey_reminder_max
            answers.write(
                {
                    "aftersales_reminder_count": count,
                    "aftersales_next_reminder": False
                    if last
                    else now + timedelta(days=company.aftersales_survey_reminder_days),
                }
            )
        return current
