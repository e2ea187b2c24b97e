# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import ServiceCommon
from .test_service_plan import SIGNATURE


class CompletionCommon(ServiceCommon):
    """A sofa repair with an accepted plan, a checklist for its kind and
    spare springs in stock."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Item = env["aftersales.service.checklist.item"]
        cls.safety_items = Item.create(
            [
                {
                    "category_id": cls.cat_repair.id,
                    "check_type": "safety",
                    "name": "Recliner unplugged",
                },
                {
                    "category_id": cls.cat_repair.id,
                    "check_type": "safety",
                    "name": "Floor protected",
                },
            ]
        )
        cls.functional_items = Item.create(
            {
                "category_id": cls.cat_repair.id,
                "check_type": "functional",
                "name": "Seat firm when sitting",
            }
        )
        env["stock.quant"]._update_available_quantity(cls.spring, cls.stock, 5)
        cls.ticket = cls._ticket()
        cls.plan = cls._plan(cls.ticket)
        cls.plan.with_user(cls.user_agent).action_send()
        cls.plan.sudo()._action_accept_signature("Wang Fang", SIGNATURE)

    def _tick(self, check_type, user=None):
        checks = self.ticket.service_check_ids.filtered(
            lambda c: c.check_type == check_type
        )
        checks.with_user(user or self.user_agent).write({"done": True})

    def _complete(self, user=None, name="Wang Fang", signature=SIGNATURE):
        ticket = self.ticket.with_user(user or self.user_agent)
        action = ticket.action_aftersales_complete()
        form = Form(
            self.env[action["res_model"]]
            .with_user(user or self.user_agent)
            .with_context(**action["context"])
        )
        form.resolution_summary = "Spring kit replaced; seat firm again."
        form.signed_by = name
        form.signature = signature
        return form.save().action_complete()


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestServiceCompletion(CompletionCommon):
    def test_technician_completes_the_service(self):
        agent = self.user_agent
        ticket = self.ticket.with_user(agent)
        with self.assertRefused(UserError, "Tick the safety items"):
            ticket.action_aftersales_start_work()
        self.assertFalse(self.ticket.service_work_started_date)
        self.assertEqual(len(self.ticket.service_check_ids), 3)
        self._tick("safety")
        ticket.action_aftersales_start_work()
        self.assertEqual(
            self.ticket.service_work_started_date.isoformat(), "2026-03-02T09:00:00"
        )
        check = self.ticket.service_check_ids.filtered("done")[0]
        self.assertEqual(check.done_by_id, agent)
        photo = (
            self.env["ir.attachment"]
            .with_user(agent)
            .create({"name": "seat.png", "datas": SIGNATURE, "mimetype": "image/png"})
        )
        with Form(
            self.env["aftersales.service.step"]
            .with_user(agent)
            .with_context(default_ticket_id=self.ticket.id)
        ) as step:
            step.note = "Opened the seat: the left spring is broken."
            step.photo_ids.add(photo)
        part = (
            self.env["aftersales.service.part"]
            .with_user(agent)
            .create({"ticket_id": self.ticket.id, "product_id": self.spring.id})
        )
        part.action_consume()
        with self.assertRefused(UserError, "Check with the customer before completing"):
            self._complete()
        self._tick("functional")
        self._complete()
        self.assertEqual(
            self.ticket.service_completed_date.isoformat(), "2026-03-02T09:00:00"
        )
        self.assertEqual(self.ticket.service_signed_by, "Wang Fang")
        self.assertTrue(self.ticket.service_signature)
        self.assertEqual(
            self.ticket.resolution_summary, "Spring kit replaced; seat firm again."
        )
        report = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", self.ticket.id)]
        )
        self.assertEqual(report.name, f"Service Report {self.ticket.number}.pdf")
        message = self.ticket.message_ids.filtered(lambda m: report in m.attachment_ids)
        self.assertIn(self.customer, message.partner_ids)
        # nothing changes after completion
        with self.assertRefused(UserError, "was completed"):
            self.env["aftersales.service.step"].with_user(agent).create(
                {"ticket_id": self.ticket.id, "note": "Late note"}
            )
        with self.assertRefused(UserError, "was completed"):
            self._complete()

    def test_complete_with_unticked_safety_refused(self):
        self._tick("functional")
        with self.assertRefused(UserError, "Tick the safety items"):
            self._complete()
        self.assertFalse(self.ticket.service_completed_date)
        self.assertFalse(self.ticket.service_signature)
        self.assertFalse(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", self.ticket.id)]
            )
        )

    def test_complete_needs_signature_and_accepted_plan(self):
        self._tick("safety")
        self._tick("functional")
        with self.assertRefused(UserError, "name and signature"):
            self._complete(signature=False)
        self.plan.with_user(self.user_agent).action_new_version()
        with self.assertRefused(UserError, "has not accepted the latest plan"):
            self._complete()
        self.assertFalse(self.ticket.service_completed_date)

    def test_completion_fields_only_through_actions(self):
        for user in (self.user_agent, self.user_supervisor):
            for vals in (
                {"service_completed_date": "2026-03-02 09:00:00"},
                {"service_signed_by": "Forger"},
                {"plan_confirmed_date": "2026-03-02 09:00:00"},
                {"escalated_to_id": user.id},
            ):
                with self.assertRaises(AccessError):
                    self.ticket.with_user(user).write(vals)
        check = self.ticket.service_check_ids
        self.ticket.action_aftersales_load_checklist()
        check = self.ticket.service_check_ids[0]
        with self.assertRaises(AccessError):
            check.with_user(self.user_agent).write({"done_by_id": self.user_agent.id})
        with self.assertRaises(AccessError):
            check.with_user(self.user_other_agent).write({"done": True})
        self.assertFalse(check.done)

    def test_checklist_loaded_once_with_parent_kind(self):
        sub = self.env["helpdesk.ticket.category"].create(
            {"name": "Recliner repair", "parent_id": self.cat_repair.id}
        )
        self.env["aftersales.service.checklist.item"].create(
            {"category_id": sub.id, "check_type": "safety", "name": "Motor unplugged"}
        )
        ticket = self._ticket(category_id=sub.id)
        ticket.action_aftersales_load_checklist()
        ticket.action_aftersales_load_checklist()
        self.assertEqual(
            sorted(ticket.service_check_ids.mapped("name")),
            [
                "Floor protected",
                "Motor unplugged",
                "Recliner unplugged",
                "Seat firm when sitting",
            ],
        )


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestServiceDiagnosis(ServiceCommon):
    """Past cases of the same product then kind; escalation to an engineer."""

    def test_past_cases_same_product_then_kind(self):
        armchair = self.env["product.product"].create(
            {"name": "Armchair Roma", "type": "consu"}
        )
        same_product = self._ticket(name="Old sofa case")
        same_kind = self._ticket(name="Armchair case", product_id=armchair.id)
        unsolved = self._ticket(name="Open case")
        other_kind = self._ticket(
            name="Other kind",
            category_id=self.env["helpdesk.ticket.category"]
            .create({"name": "Complaint", "aftersales_kind": "complaint"})
            .id,
            product_id=armchair.id,
        )
        with freeze_time("2026-02-01 09:00:00"):
            (same_product | same_kind | other_kind).sudo().write(
                {
                    "resolution_summary": "Replaced the spring kit.",
                    "service_completed_date": "2026-02-01 09:00:00",
                }
            )
        ticket = self._ticket(name="New case")
        cases = ticket.with_user(self.user_agent).service_past_case_ids
        self.assertEqual(cases.ids, [same_product.id, same_kind.id])
        self.assertNotIn(unsolved, cases)
        self.assertEqual(cases[0].resolution_summary, "Replaced the spring kit.")

    def test_escalate_to_engineer(self):
        engineer = self.user_supervisor
        ticket = self._ticket()
        action = ticket.with_user(self.user_agent).action_aftersales_escalate()
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.user_agent)
            .with_context(**action["context"])
        )
        form.user_id = engineer
        form.reason = "Frame noise I cannot diagnose"
        form.save().action_escalate()
        self.assertEqual(ticket.user_id, engineer)
        self.assertEqual(ticket.escalated_to_id, engineer)
        self.assertEqual(ticket.escalation_reason, "Frame noise I cannot diagnose")
        self.assertIn(engineer, ticket.task_force_ids)
        self.assertEqual(ticket.activity_ids.user_id, engineer)
        self.assertIn("Frame noise", str(ticket.activity_ids.note))
        with self.assertRefused(UserError, "Say why"):
            ticket.with_user(self.user_agent)._aftersales_escalate(engineer, " ")
