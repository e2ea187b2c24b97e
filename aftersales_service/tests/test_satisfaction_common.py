# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import AftersalesCommon


class SatisfactionCommon(AftersalesCommon):
    """The SLA set-up (Shanghai calendar, team led by the supervisor) plus
    the shipped satisfaction survey and helpers to close and answer."""

    with_sla = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("aftersales_service.survey_satisfaction")
        cls.questions = {q.aftersales_role: q for q in cls.survey.question_ids}
        cls.stage_in_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )

    def _close(self, ticket, user=None):
        ticket.with_user(user or self.user_agent).stage_id = self.stage_done

    def _run_survey_job(self):
        return self.env["helpdesk.ticket"]._cron_satisfaction()

    def _closed_and_invited(self, kind="repair", **vals):
        ticket = self._ticket(kind, **vals)
        self._close(ticket)
        self._run_survey_job()
        return ticket

    def _answer(self, answer, overall, solved=True, speed=4, attitude=4, comment=False):
        """Fill ``answer`` as the survey controller does (as superuser, on
        the token's behalf) and submit it."""
        answer = answer.sudo()
        solved_question = self.questions["solved"]
        yes = solved_question.suggested_answer_ids.filtered("aftersales_positive")
        answer._save_lines(self.questions["overall"], str(overall))
        answer._save_lines(
            solved_question,
            (yes if solved else solved_question.suggested_answer_ids - yes).id,
        )
        answer._save_lines(self.questions["speed"], str(speed))
        answer._save_lines(self.questions["attitude"], str(attitude))
        answer._save_lines(self.questions["comment"], comment)
        answer._mark_done()
        return answer
