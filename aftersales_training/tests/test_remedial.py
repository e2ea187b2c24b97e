# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from unittest.mock import patch

from odoo.tests import freeze_time, tagged

from odoo.addons.aftersales_training.models.aftersales_training_remedial_rule import (
    AftersalesTrainingRemedialRule,
)

from .common import TrainingCommon

KPI = {
    # Period missed by Li, too few requests for Wang to judge, Zhao above target
    date(2026, 2, 1): {"trainer": (90.0, 30), "staff": (70.0, 12), "staff2": (40.0, 2)},
    # The following month, Li improved
    date(2026, 3, 1): {"staff": (88.0, 15)},
}


@tagged("post_install", "-at_install")
class TestRemedial(TrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = (
            cls.env["aftersales.training.remedial.rule"]
            .with_user(cls.user_manager)
            .create(
                {
                    "name": "Response time under 85%",
                    "kpi": "sla_response",
                    "threshold": 85,
                    "min_sample": 5,
                    "team_ids": [(6, 0, cls.team_repair.ids)],
                    "course_id": cls.course_process.id,
                    "due_days": 30,
                }
            )
        )
        cls.emp_by_key = {
            "trainer": cls.emp_trainer,
            "staff": cls.emp_staff,
            "staff2": cls.emp_staff2,
        }

    def _fake_kpi(self):
        test = self

        def get_kpi_values(rule, kpi, employees, date_from, date_to):
            test.assertEqual(kpi, "sla_response")
            return {
                test.emp_by_key[key].id: value
                for key, value in KPI.get(date_from, {}).items()
                if test.emp_by_key[key] in employees
            }

        return patch.object(
            AftersalesTrainingRemedialRule, "_get_kpi_values", get_kpi_values
        )

    @freeze_time("2026-03-02 09:00:00")
    def test_kpi_miss_assigns_course_with_activity(self):
        with self._fake_kpi():
            self.rule.with_user(self.user_manager).action_apply_last_period()
            assignment = self.rule.assignment_ids
            self.assertEqual(assignment.employee_id, self.emp_staff)
            self.assertEqual((assignment.kpi_value, assignment.sample_size), (70.0, 12))
            self.assertEqual(str(assignment.date_due), "2026-04-01")
            self.assertEqual(assignment.state, "assigned")
            self.assertEqual(assignment.activity_ids.user_id, self.user_staff)
            self.assertIn(self.course_process.name, assignment.activity_ids.summary)
            # The next period's KPI shows whether it helped
            self.assertEqual(assignment.next_kpi_value, 88.0)
            # Running again for the same period assigns nothing new
            self.rule.action_apply_last_period()
            self.assertEqual(len(self.rule.assignment_ids), 1)
        # The person sees the assignment, and it's done once the course is passed
        self.assertEqual(
            self.env["aftersales.training.assignment"]
            .with_user(self.user_staff)
            .search([]),
            assignment,
        )
        self._record(self.emp_staff, self.course_process, "2026-03-10")
        assignment.invalidate_recordset()
        self.assertEqual(assignment.state, "done")

    @freeze_time("2026-03-02 09:00:00")
    def test_without_service_data_nothing_is_assigned(self):
        self.rule.action_apply_last_period()
        self.assertFalse(self.rule.assignment_ids)
