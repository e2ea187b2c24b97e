# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.tests import freeze_time, new_test_user

from odoo.addons.aftersales_service.tests.common import AftersalesCommon


class TrainingCommon(AftersalesCommon):
    """Two service teams, one user per training role, staff with and without an
    Odoo login; no demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_staff = new_test_user(
            cls.env,
            login="trc_staff",
            name="Staff Li",
            groups="aftersales_training.group_training_user",
        )
        cls.user_staff2 = new_test_user(
            cls.env,
            login="trc_staff2",
            name="Staff Wang",
            groups="aftersales_training.group_training_user",
        )
        cls.user_staff3 = new_test_user(
            cls.env,
            login="trc_staff3",
            name="Staff Zhao",
            groups="aftersales_training.group_training_user",
        )
        cls.user_trainer = new_test_user(
            cls.env,
            login="trc_trainer",
            name="Trainer Chen",
            groups="aftersales_training.group_training_trainer",
        )
        cls.user_manager = new_test_user(
            cls.env,
            login="trc_manager",
            name="Manager Sun",
            groups="aftersales_training.group_training_manager",
        )
        Team = cls.env["helpdesk.ticket.team"]
        cls.team_repair = Team.create(
            {
                "name": "Repair Team",
                "user_ids": [
                    (6, 0, [cls.user_trainer.id, cls.user_staff.id, cls.user_staff2.id])
                ],
            }
        )
        cls.team_returns = Team.create(
            {"name": "Returns Team", "user_ids": [(6, 0, [cls.user_staff3.id])]}
        )
        cls.department = cls.env["hr.department"].create({"name": "After-Sales"})
        Employee = cls.env["hr.employee"]
        cls.emp_trainer = Employee.create(
            {
                "name": "Trainer Chen",
                "user_id": cls.user_trainer.id,
                "department_id": cls.department.id,
            }
        )
        cls.emp_staff, cls.emp_staff2, cls.emp_staff3 = Employee.create(
            [
                {
                    "name": user.name,
                    "user_id": user.id,
                    "parent_id": cls.emp_trainer.id,
                    "department_id": cls.department.id,
                    "contract_date_start": date(2025, 3, 1),
                }
                for user in (cls.user_staff, cls.user_staff2, cls.user_staff3)
            ]
        )
        cls.emp_nologin = Employee.create(
            {
                "name": "Installer Zhou",
                "parent_id": cls.emp_trainer.id,
                "department_id": cls.department.id,
                "contract_date_start": date(2025, 3, 1),
            }
        )
        cls.topic_product = cls.env.ref("aftersales_training.topic_product_knowledge")
        cls.topic_etiquette = cls.env.ref("aftersales_training.topic_service_etiquette")
        cls.topic_process = cls.env.ref("aftersales_training.topic_aftersales_process")
        Course = cls.env["aftersales.training.course"]
        cls.course_product = Course.create(
            {
                "name": "Tile ranges and batches",
                "topic_id": cls.topic_product.id,
                "delivery_mode": "internal",
                "hours": 3,
            }
        )
        cls.course_etiquette = Course.create(
            {
                "name": "Phone etiquette",
                "topic_id": cls.topic_etiquette.id,
                "delivery_mode": "online",
                "hours": 1.5,
            }
        )
        cls.course_process = Course.create(
            {
                "name": "Return approval case study",
                "topic_id": cls.topic_process.id,
                "delivery_mode": "simulated",
                "hours": 2,
            }
        )

    @classmethod
    def _record(cls, employee, course, day, **vals):
        return (
            cls.env["aftersales.training.record"]
            .with_user(cls.user_manager)
            .create(
                {
                    "employee_id": employee.id,
                    "course_id": course.id,
                    "date": day,
                    "hours": course.hours,
                    "score": 90,
                    **vals,
                }
            )
        )

    @classmethod
    def _setup_sla_response(cls):
        """A first-reply target of 4 hours (24/7) on the repair team and a
        customer, so that late answers make real breached SLA lines."""
        cls.env["aftersales.sla.policy"].create(
            {
                "name": "Repair team promise",
                "sequence": 1,
                "team_ids": [Command.link(cls.team_repair.id)],
                "target_ids": [
                    Command.create({"target_type": "first_reply", "duration": 4})
                ],
            }
        )
        cls.sla_customer = cls.env["res.partner"].create(
            {"name": "Customer Qian", "email": "qian@example.com"}
        )

    @classmethod
    def _answered_request(cls, user, created, answered):
        """A repair request of ``user`` created and answered at the given UTC
        times (late when more than 4 hours apart)."""
        with freeze_time(created):
            ticket = cls.env["helpdesk.ticket"].create(
                {
                    "name": f"Cracked tile for {user.name}",
                    "description": "<p>Cracked after laying</p>",
                    "team_id": cls.team_repair.id,
                    "user_id": user.id,
                    "partner_id": cls.sla_customer.id,
                }
            )
        with freeze_time(answered):
            ticket.message_post(
                body="We are on it",
                author_id=user.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return ticket

    def _run_cron(self, xmlid):
        """Run a scheduled action's code as the scheduler does, as its user."""
        cron = self.env.ref(xmlid)
        cron.ir_actions_server_id.with_user(cron.user_id).run()
