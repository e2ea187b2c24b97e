# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import TrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingSecurity(TrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records = {
            employee: cls._record(employee, cls.course_product, "2026-03-02")
            for employee in (
                cls.emp_staff,
                cls.emp_staff2,
                cls.emp_staff3,
                cls.emp_nologin,
            )
        }
        cls.requirement = cls.env["aftersales.training.requirement"].create(
            {
                "name": "Department",
                "scope": "department",
                "department_id": cls.department.id,
            }
        )
        with freeze_time("2026-03-02 09:00:00"):
            cls.obligations = cls.requirement._generate_obligations(date(2026, 3, 2))

    def _visible(self, user, model):
        return self.env[model].with_user(user).search([])

    def test_staff_see_only_their_own_training(self):
        Record = "aftersales.training.record"
        self.assertEqual(
            self._visible(self.user_staff, Record), self.records[self.emp_staff]
        )
        self.assertEqual(
            self._visible(
                self.user_staff, "aftersales.training.obligation"
            ).employee_id,
            self.emp_staff,
        )
        # The staff without login is in scope of the department requirement
        self.assertIn(self.emp_nologin, self.obligations.employee_id)
        with self.assertRaises(AccessError):
            self.records[self.emp_staff2].with_user(self.user_staff).read(["score"])
        with self.assertRaises(AccessError):
            self.env[Record].with_user(self.user_staff).create(
                {
                    "employee_id": self.emp_staff.id,
                    "course_id": self.course_product.id,
                    "hours": 1,
                }
            )
        with self.assertRaises(AccessError):
            self._visible(self.user_staff, "aftersales.training.requirement")
        with self.assertRaises(AccessError):
            self._visible(self.user_staff, "aftersales.training.session")
        # The catalogue is readable, not writable
        self.assertTrue(self._visible(self.user_staff, "aftersales.training.course"))
        with self.assertRaises(AccessError):
            self.course_product.with_user(self.user_staff).name = "Renamed"

    def test_trainer_sees_their_teams_and_direct_reports(self):
        visible = self._visible(self.user_trainer, "aftersales.training.record")
        # Li and Wang are in the trainer's team; Zhou (no login) and Zhao (returns
        # team) report to them
        self.assertEqual(
            visible.employee_id,
            self.emp_staff | self.emp_staff2 | self.emp_nologin | self.emp_staff3,
        )
        # Without the reporting line, Zhao's team is not the trainer's
        self.emp_staff3.parent_id = False
        visible = self._visible(self.user_trainer, "aftersales.training.record")
        self.assertNotIn(self.emp_staff3, visible.employee_id)
        # ...until the trainer leads the returns team without being a member
        self.team_returns.user_id = self.user_trainer
        self.assertNotIn(self.user_trainer, self.team_returns.user_ids)
        visible = self._visible(self.user_trainer, "aftersales.training.record")
        self.assertIn(self.emp_staff3, visible.employee_id)
        with self.assertRaises(AccessError):
            self.env["aftersales.training.requirement"].with_user(
                self.user_trainer
            ).create({"name": "x", "scope": "team", "team_id": self.team_repair.id})
        with self.assertRaises(AccessError):
            self.obligations[0].with_user(self.user_trainer).write(
                {"exemption_reason": "x"}
            )

    def test_manager_sees_and_configures_everything(self):
        self.assertEqual(
            len(self._visible(self.user_manager, "aftersales.training.record")), 4
        )
        self.assertEqual(
            self._visible(self.user_manager, "aftersales.training.obligation"),
            self.obligations,
        )
        requirement = (
            self.env["aftersales.training.requirement"]
            .with_user(self.user_manager)
            .create({"name": "Repair", "scope": "team", "team_id": self.team_repair.id})
        )
        self.assertEqual(requirement.min_trainings, 2)
        self.records[self.emp_staff].with_user(self.user_manager).unlink()

    def test_other_company_records_are_hidden(self):
        other = self.env["res.company"].create({"name": "Other Tiles Co"})
        self.user_manager.write({"company_ids": [(4, other.id)]})
        employee = self.env["hr.employee"].create(
            {"name": "Other Company Staff", "company_id": other.id}
        )
        course = self.env["aftersales.training.course"].create(
            {"name": "Other course", "topic_id": self.topic_product.id}
        )
        record = (
            self.env["aftersales.training.record"]
            .with_company(other)
            .create(
                {
                    "employee_id": employee.id,
                    "course_id": course.id,
                    "company_id": other.id,
                }
            )
        )
        Record = self.env["aftersales.training.record"].with_user(self.user_manager)
        self.assertNotIn(
            record,
            Record.with_context(allowed_company_ids=[self.company.id]).search([]),
        )
        self.assertIn(
            record,
            Record.with_context(allowed_company_ids=[self.company.id, other.id]).search(
                []
            ),
        )

    def test_menus_per_role(self):
        mine = "aftersales_training.aftersales_training_my_record_menu"
        coverage = "aftersales_training.aftersales_training_coverage_menu"
        config = "aftersales_training.aftersales_training_requirement_menu"
        staff = self.visible_menu_xmlids(self.user_staff)
        self.assertIn(mine, staff)
        self.assertIn("aftersales_service.aftersales_root_menu", staff)
        self.assertNotIn(coverage, staff)
        trainer = self.visible_menu_xmlids(self.user_trainer)
        self.assertIn(coverage, trainer)
        self.assertNotIn(config, trainer)
        self.assertIn(config, self.visible_menu_xmlids(self.user_manager))
