# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    aftersales_assessed_employee_id = fields.Many2one(
        "hr.employee",
        string="Assessed Employee",
        index="btree_not_null",
        help="Person a practical rubric is about, when an examiner fills it in.",
    )

    def _mark_done(self):
        """Write a training record for each passed certification of a course;
        every attempt keeps its own record, so a retake adds a second one."""
        res = super()._mark_done()
        self._create_training_records()
        return res

    def _create_training_records(self):
        passed = self.filtered(
            lambda i: i.state == "done" and i.scoring_success and not i.test_entry
        )
        if not passed:
            return
        courses = (
            self.env["aftersales.training.course"]
            .sudo()
            .search([("certification_survey_id", "in", passed.survey_id.ids)])
        )
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    "|",
                    ("user_id.partner_id", "in", passed.partner_id.ids),
                    ("work_contact_id", "in", passed.partner_id.ids),
                ]
            )
        )
        employee_by_partner = {}
        for employee in employees:
            employee_by_partner.setdefault(employee.user_id.partner_id, employee)
            employee_by_partner.setdefault(employee.work_contact_id, employee)
        vals_list = []
        for user_input in passed:
            employee = employee_by_partner.get(user_input.partner_id)
            if not employee:
                continue
            course = courses.filtered(
                lambda c, s=user_input.survey_id: c.certification_survey_id == s
            )[:1]
            if course:
                vals_list.append(
                    user_input._prepare_training_record_vals(employee, course)
                )
        self.env["aftersales.training.record"].sudo().create(vals_list)

    def _prepare_training_record_vals(self, employee, course):
        self.ensure_one()
        return {
            "employee_id": employee.id,
            "course_id": course.id,
            "date": fields.Date.context_today(self),
            "hours": course.hours,
            "score": self.scoring_percentage,
            "passed": True,
            "source": "certification",
            "user_input_id": self.id,
            "company_id": employee.company_id.id,
        }
