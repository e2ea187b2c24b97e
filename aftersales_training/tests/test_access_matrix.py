# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.aftersales_service.tests.test_access_matrix import (
    OPERATIONS,
    added_models,
)

from .common import TrainingCommon

ROLES = (
    "portal",
    "internal",
    "agent",
    "warehouse",
    "supervisor",
    "staff",
    "trainer",
    "training_manager",
)

# What each role may do on each model the addon adds: r(ead), w(rite),
# c(reate), u(nlink). Supervisors are trainers of their staff. Records are
# written by closing a session (trainers) or by a training manager; frozen
# quarterly coverage is read-only for everyone.
EXPECTED = {
    # model: portal, internal, agent, warehouse, supervisor, staff, trainer,
    # training manager
    "aftersales.training.topic": ("", "", "", "", "r", "r", "r", "rwcu"),
    "aftersales.training.course": ("", "", "", "", "r", "r", "r", "rwcu"),
    "aftersales.training.session": ("", "", "", "", "rwc", "", "rwc", "rwcu"),
    "aftersales.training.session.attendee": (
        *("", "", "", "", "rwcu"),
        *("", "rwcu", "rwcu"),
    ),
    "aftersales.training.record": ("", "", "", "", "rw", "r", "rw", "rwcu"),
    "aftersales.training.requirement": ("", "", "", "", "r", "", "r", "rwcu"),
    "aftersales.training.obligation": ("", "", "", "", "r", "r", "r", "rwcu"),
    "aftersales.training.coverage.snapshot": ("", "", "", "", "r", "r", "r", "r"),
    "aftersales.assessment.cycle": ("", "", "", "", "r", "r", "r", "rwcu"),
    "aftersales.assessment.line": ("", "", "", "", "rw", "r", "rw", "rwcu"),
    "aftersales.training.remedial.rule": ("", "", "", "", "r", "", "r", "rwcu"),
    "aftersales.training.assignment": ("", "", "", "", "rw", "r", "rw", "rwcu"),
}


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestTrainingAccessMatrix(TrainingCommon):
    """Issue 12: every group × read / write / create / unlink on every model
    the training addon adds, and whose training each role reads."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            "portal": cls.user_portal,
            "internal": cls.user_internal,
            "agent": cls.user_agent,
            "warehouse": cls.user_warehouse,
            "supervisor": cls.user_supervisor,
            "staff": cls.user_staff,
            "trainer": cls.user_trainer,
            "training_manager": cls.user_manager,
        }

    def test_every_added_model_is_in_the_matrix(self):
        self.assertEqual(added_models(self.env, "aftersales_training"), set(EXPECTED))

    def test_access_rights_per_role(self):
        for model, rights in EXPECTED.items():
            for role, expected in zip(ROLES, rights, strict=True):
                Model = self.env[model].with_user(self.users[role])
                for letter, operation in OPERATIONS.items():
                    with self.subTest(model=model, role=role, operation=operation):
                        self.assertEqual(
                            Model.has_access(operation),
                            letter in expected,
                            f"{role} {operation} {model}",
                        )

    def test_training_rules_per_team(self):
        """Staff read their own; a trainer the people of their teams and
        direct reports, not another team's; the manager everyone."""
        # Zhao (returns team) no longer reports to the repair trainer
        self.emp_staff3.parent_id = False
        records = {
            employee: self._record(employee, self.course_product, "2026-03-02")
            for employee in (self.emp_staff, self.emp_staff2, self.emp_staff3)
        }
        requirement = self.env["aftersales.training.requirement"].create(
            {
                "name": "Department",
                "scope": "department",
                "department_id": self.department.id,
            }
        )
        requirement._generate_obligations(date(2026, 3, 2))
        leader = new_test_user(
            self.env,
            login="trc_leader_returns",
            groups="aftersales_training.group_training_trainer",
        )
        self.team_returns.user_id = leader
        everyone = self.emp_staff | self.emp_staff2 | self.emp_staff3
        table = {
            self.user_staff: self.emp_staff,
            self.user_staff3: self.emp_staff3,
            self.user_trainer: self.emp_staff | self.emp_staff2,
            leader: self.emp_staff3,
            self.user_manager: everyone,
        }
        for model in ("aftersales.training.record", "aftersales.training.obligation"):
            for user, employees in table.items():
                with self.subTest(model=model, user=user.login):
                    visible = (
                        self.env[model]
                        .with_user(user)
                        .search([("employee_id", "in", everyone.ids)])
                    )
                    self.assertEqual(visible.employee_id, employees)
        # Reading another team's record by id is refused too
        with self.assertRaises(AccessError):
            records[self.emp_staff3].with_user(self.user_trainer).read(["score"])
        with self.assertRaises(AccessError):
            records[self.emp_staff].with_user(leader).write({"note": "x"})

    def test_session_rules_per_trainer(self):
        """Every trainer reads the company's schedule; each changes only the
        sessions they run (and their attendee lines), the manager all of them."""
        trainer2 = new_test_user(
            self.env,
            login="trc_trainer_matrix",
            groups="aftersales_training.group_training_trainer",
        )
        Session = self.env["aftersales.training.session"]
        sessions = {
            user: Session.with_user(user)
            .create(
                {
                    "name": f"Session of {user.login}",
                    "course_id": self.course_product.id,
                    "date_start": "2026-03-03 01:00:00",
                    "date_end": "2026-03-03 04:00:00",
                    "attendee_ids": [(0, 0, {"employee_id": self.emp_staff.id})],
                }
            )
            .with_user(self.env.user)
            for user in (self.user_trainer, trainer2, self.user_supervisor)
        }
        every = Session.union(*sessions.values())
        table = {
            self.user_trainer: sessions[self.user_trainer],
            trainer2: sessions[trainer2],
            self.user_supervisor: sessions[self.user_supervisor],
            self.user_manager: every,
        }
        for user, writable in table.items():
            with self.subTest(user=user.login):
                mine = every.with_user(user)
                self.assertEqual(Session.with_user(user).search([]) & every, every)
                self.assertEqual(mine._filtered_access("write"), writable)
                self.assertEqual(
                    mine.attendee_ids._filtered_access("write").session_id, writable
                )
                self.assertEqual(
                    mine.attendee_ids._filtered_access("unlink").session_id, writable
                )
        with self.assertRaises(AccessError):
            sessions[trainer2].with_user(self.user_supervisor).write({"place": "x"})
