# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ServiceCommon


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestServiceExecution(ServiceCommon):
    """Visits on the technicians' calendar, the customer told; spare parts
    through real stock moves, the defective part back into quarantine."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["stock.quant"]._update_available_quantity(cls.spring, cls.stock, 3)
        cls.ticket = cls._ticket()
        cls.plan = cls._plan(cls.ticket)
        cls.plan.with_user(cls.user_agent).action_send()
        cls.plan.with_user(cls.user_agent)._action_accept_recorded("phone", "Wang")

    def _customer_messages(self):
        return self.ticket.message_ids.filtered(
            lambda m: m.message_type == "comment" and self.customer in m.partner_ids
        )

    def _schedule(self, start, user=None):
        action = self.ticket.with_user(
            user or self.user_agent
        ).action_aftersales_schedule_visit()
        form = Form(
            self.env["calendar.event"]
            .with_user(user or self.user_agent)
            .with_context(**action["context"]),
            view=action["views"][0][0],
        )
        form.start = start
        return form.save()

    # ------------------------------------------------------------------
    # Visits
    # ------------------------------------------------------------------
    def test_schedule_visit_meets_target_and_tells_customer(self):
        self.env["aftersales.sla.policy"].create(
            {
                "name": "Visit in 48 h",
                "sequence": 1,
                "team_ids": [Command.set(self.team.ids)],
                "target_ids": [
                    Command.create({"target_type": "visit_scheduled", "duration": 48})
                ],
            }
        )
        self.ticket._sla_rematch()
        before = len(self._customer_messages())
        visit = self._schedule(datetime(2026, 3, 3, 6, 0))
        self.assertEqual(visit.aftersales_ticket_id, self.ticket)
        self.assertEqual(visit.location, "88 Renmin Road, Hangzhou")
        self.assertIn(self.user_agent.partner_id, visit.partner_ids)
        self.assertEqual(self.ticket.visit_date, datetime(2026, 3, 3, 6, 0))
        self.assertEqual(self.ticket.visit_scheduled_date, datetime(2026, 3, 2, 9, 0))
        line = self.ticket.sla_line_ids.filtered(
            lambda ln: ln.target_type == "visit_scheduled"
        )
        self.assertEqual(line.state, "met")
        messages = self._customer_messages()
        self.assertEqual(len(messages), before + 1)
        self.assertIn("scheduled a visit", messages[0].body)
        self.assertIn(self.user_agent.partner_id.name, messages[0].body)
        # the technician sees it in their calendar
        mine = (
            self.env["calendar.event"]
            .with_user(self.user_agent)
            .search([("partner_ids", "in", self.user_agent.partner_id.id)])
        )
        self.assertIn(visit, mine)
        # a change is told again
        visit.with_user(self.user_agent).start = datetime(2026, 3, 4, 6, 0)
        self.assertEqual(self.ticket.visit_date, datetime(2026, 3, 4, 6, 0))
        messages = self._customer_messages()
        self.assertEqual(len(messages), before + 2)
        self.assertIn("has changed", messages[0].body)
        self.assertEqual(
            self.ticket.visit_scheduled_date,
            datetime(2026, 3, 2, 9, 0),
            "the SLA event is written once",
        )

    def test_visit_in_the_past_refused(self):
        with self.assertRefused(ValidationError, "starts in the past"):
            self._schedule(datetime(2026, 3, 1, 6, 0))
        self.assertFalse(self.ticket.service_visit_ids)
        self.assertFalse(self.ticket.visit_date)
        visit = self._schedule(datetime(2026, 3, 3, 6, 0))
        with self.assertRefused(ValidationError, "starts in the past"):
            visit.with_user(self.user_agent).start = datetime(2026, 3, 2, 6, 0)
        self.assertEqual(visit.start, datetime(2026, 3, 3, 6, 0))

    # ------------------------------------------------------------------
    # Parts
    # ------------------------------------------------------------------
    def _part(self, qty=1, **vals):
        return (
            self.env["aftersales.service.part"]
            .with_user(self.user_agent)
            .create(
                {
                    "ticket_id": self.ticket.id,
                    "product_id": self.spring.id,
                    "quantity": qty,
                    **vals,
                }
            )
        )

    def _on_hand(self, location, product=None, lot=None):
        domain = [
            ("product_id", "=", (product or self.spring).id),
            ("location_id", "=", location.id),
        ]
        if lot:
            domain.append(("lot_id", "=", lot.id))
        return sum(self.env["stock.quant"].search(domain).mapped("quantity"))

    def test_part_consumed_through_stock_move(self):
        part = self._part(2)
        self.assertEqual(part.location_id, self.stock)
        part.action_consume()
        self.assertEqual(part.state, "done")
        self.assertEqual(part.move_id.state, "done")
        self.assertEqual(
            part.move_id.location_dest_id,
            self.env.ref("stock.stock_location_customers"),
        )
        self.assertEqual(part.move_id.partner_id, self.customer)
        self.assertEqual(self._on_hand(self.stock), 1)
        with self.assertRaisesRegex(UserError, "already used"):
            part.with_user(self.user_agent).action_consume()

    def test_more_parts_than_available_refused(self):
        ok = self._part(1)
        too_many = self._part(3)
        with self.assertRefused(UserError, "Only 3.0 Units of Seat spring kit"):
            (ok | too_many).action_consume()
        self.assertEqual((ok | too_many).mapped("state"), ["draft", "draft"])
        self.assertEqual(self._on_hand(self.stock), 3, "stock exact")
        self.assertFalse(
            self.env["stock.move"].search(
                [("product_id", "=", self.spring.id), ("state", "=", "done")]
            )
        )

    def test_van_stock_and_serial_and_quarantine(self):
        van = self.env["stock.location"].create(
            {
                "name": "Van 1",
                "usage": "internal",
                "location_id": self.warehouse.view_location_id.id,
            }
        )
        self.user_agent.aftersales_van_location_id = van
        motor = self.env["product.product"].create(
            {
                "name": "Recliner motor",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
            }
        )
        sn_new, sn_old = self.env["stock.lot"].create(
            [
                {"name": "RM-001", "product_id": motor.id},
                {"name": "RM-OLD", "product_id": motor.id},
            ]
        )
        self.env["stock.quant"]._update_available_quantity(motor, van, 1, lot_id=sn_new)
        part = self._part(1, product_id=motor.id)
        self.assertEqual(part.location_id, van)
        with self.assertRaisesRegex(UserError, "choose the lot or serial"):
            part.action_consume()
        part.lot_id = sn_new
        part.action_consume()
        self.assertEqual(part.move_id.move_line_ids.lot_id, sn_new)
        self.assertEqual(self._on_hand(van, motor), 0)
        with self.assertRaisesRegex(UserError, "lot or serial of the defective"):
            part.action_return_defective()
        part.defective_lot_id = sn_old
        part.action_return_defective()
        quarantine = self.warehouse.aftersales_quarantine_location_id
        self.assertEqual(part.return_move_id.location_dest_id, quarantine)
        self.assertEqual(self._on_hand(quarantine, motor, sn_old), 1)

    def test_parts_need_an_accepted_plan(self):
        self.plan.with_user(self.user_agent).action_new_version()
        part = self._part(1)
        with self.assertRaisesRegex(UserError, "not accepted the plan"):
            part.action_consume()
        self.assertEqual(self._on_hand(self.stock), 3)

    def test_part_state_only_through_actions(self):
        part = self._part(1)
        with self.assertRaises(AccessError):
            part.write({"state": "done"})
        with self.assertRaises(AccessError):
            part.with_user(self.user_supervisor).write({"state": "done"})
        with self.assertRaises(AccessError):
            part.with_user(self.user_other_agent).action_consume()
        self.assertEqual(part.state, "draft")
