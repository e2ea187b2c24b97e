# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.tests import freeze_time, new_test_user, tagged

from .common import TrainingCommon

FEB = (date(2026, 2, 1), date(2026, 2, 28))


@tagged("post_install", "-at_install")
class TestRemedialSla(TrainingCommon):
    """The SLA response KPI read from SLA lines made by the real SLA engine
    (24/7 targets: first reply within 4 hours, plan within 2 hours)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["aftersales.sla.policy"].create(
            {
                "name": "Repair team promise",
                "sequence": 1,
                "team_ids": [Command.link(cls.team_repair.id)],
                "target_ids": [
                    Command.create(
                        {"target_type": "first_reply", "duration": 4, "sequence": 1}
                    ),
                    Command.create(
                        {"target_type": "plan_proposed", "duration": 2, "sequence": 2}
                    ),
                ],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Customer Qian", "email": "qian@example.com"}
        )
        cls.rule = cls.env["aftersales.training.remedial.rule"].create(
            {
                "name": "First reply under 85%",
                "kpi": "sla_response",
                "threshold": 85,
                "min_sample": 2,
                "team_ids": [Command.set(cls.team_repair.ids)],
                "course_id": cls.course_process.id,
                "due_days": 30,
            }
        )
        # Li answers late twice; a request still waiting is not counted
        for _i in range(2):
            cls._reply(
                cls._ticket(cls.user_staff, "2026-02-10 02:00:00"),
                cls.user_staff,
                "2026-02-10 08:00:00",
            )
        cls.waiting = cls._ticket(cls.user_staff, "2026-02-11 02:00:00")
        # Wang answers in time twice but proposes the plan late (not a
        # response target); his late January answer and a cancelled request
        # are not counted in February
        for _i in range(2):
            ticket = cls._ticket(cls.user_staff2, "2026-02-10 02:00:00")
            cls._reply(ticket, cls.user_staff2, "2026-02-10 03:00:00")
            with freeze_time("2026-02-10 05:00:00"):
                ticket.action_sla_mark_plan_proposed()
        cls.january = cls._ticket(cls.user_staff2, "2026-01-20 02:00:00")
        cls._reply(cls.january, cls.user_staff2, "2026-01-20 09:00:00")
        cls.cancelled = cls._ticket(cls.user_staff2, "2026-02-12 02:00:00")
        with freeze_time("2026-02-12 03:00:00"):
            cls.cancelled.stage_id = cls.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_stage_cancelled"
            )
        # Chen answers late once: too few requests to be judged
        cls._reply(
            cls._ticket(cls.user_trainer, "2026-02-10 02:00:00"),
            cls.user_trainer,
            "2026-02-10 07:00:00",
        )
        cls.employees = cls.emp_trainer | cls.emp_staff | cls.emp_staff2

    @classmethod
    def _ticket(cls, user, when):
        with freeze_time(when):
            return cls.env["helpdesk.ticket"].create(
                {
                    "name": f"Cracked tile for {user.name}",
                    "description": "<p>Cracked after laying</p>",
                    "team_id": cls.team_repair.id,
                    "user_id": user.id,
                    "partner_id": cls.customer.id,
                }
            )

    @classmethod
    def _reply(cls, ticket, user, when):
        with freeze_time(when):
            ticket.message_post(
                body="We are on it",
                author_id=user.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    def _first_reply(self, ticket):
        return ticket.sla_line_ids.filtered(lambda ln: ln.target_type == "first_reply")

    def test_sla_lines_from_the_engine(self):
        self.assertEqual(self._first_reply(self.waiting).state, "running")
        self.assertEqual(self._first_reply(self.january).state, "breached")
        self.assertEqual(self._first_reply(self.cancelled).state, "cancelled")

    def test_sla_response_values(self):
        values = self.rule._get_kpi_values("sla_response", self.employees, *FEB)
        self.assertEqual(
            values,
            {
                self.emp_staff.id: (0.0, 2),
                self.emp_staff2.id: (100.0, 2),
                self.emp_trainer.id: (0.0, 1),
            },
        )
        # January: only Wang's late answer
        self.assertEqual(
            self.rule._get_kpi_values(
                "sla_response", self.employees, date(2026, 1, 1), date(2026, 1, 31)
            ),
            {self.emp_staff2.id: (0.0, 1)},
        )
        # no satisfaction data in the service addon yet
        self.assertEqual(
            self.rule._get_kpi_values("satisfaction", self.employees, *FEB), {}
        )

    @freeze_time("2026-03-02 09:00:00")
    def test_late_responder_gets_remedial_training(self):
        self.rule.with_user(self.user_manager).action_apply_last_period()
        assignment = self.rule.assignment_ids
        # Li is retrained, Wang met the target, Chen's sample is too small
        self.assertEqual(assignment.employee_id, self.emp_staff)
        self.assertEqual((assignment.kpi_value, assignment.sample_size), (0.0, 2))
        self.assertEqual(assignment.course_id, self.course_process)
        self.assertEqual(assignment.activity_ids.user_id, self.user_staff)

    def test_kpi_query_count_does_not_grow_with_employees(self):
        more = self.env["hr.employee"].create(
            [
                {
                    "name": f"Staff {i}",
                    "user_id": new_test_user(self.env, login=f"trc_kpi_{i}").id,
                }
                for i in range(5)
            ]
        )
        for employees in (self.emp_staff, self.employees | more):
            self.env.invalidate_all()
            with self.assertQueryCount(5):
                self.rule._get_kpi_values("sla_response", employees, *FEB)

    def test_acknowledgement_is_a_response_target(self):
        self.env["aftersales.sla.policy"].create(
            {
                "name": "Returns team promise",
                "sequence": 1,
                "team_ids": [Command.link(self.team_returns.id)],
                "target_ids": [
                    Command.create({"target_type": "acknowledged", "duration": 1})
                ],
            }
        )
        for assigned_at in ("2026-02-16 02:30:00", "2026-02-16 05:00:00"):
            with freeze_time("2026-02-16 02:00:00"):
                ticket = self.env["helpdesk.ticket"].create(
                    {
                        "name": "Wrong colour delivered",
                        "description": "<p>Wrong colour</p>",
                        "team_id": self.team_returns.id,
                        "partner_id": self.customer.id,
                    }
                )
            with freeze_time(assigned_at):
                ticket.user_id = self.user_staff3
        self.assertEqual(
            self.rule._get_kpi_values("sla_response", self.emp_staff3, *FEB),
            {self.emp_staff3.id: (50.0, 2)},
        )
