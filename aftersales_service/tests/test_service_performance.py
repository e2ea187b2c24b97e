# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import ServiceCommon


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestServicePerformance(ServiceCommon):
    """Reading the service columns of a list of requests and consuming a
    batch of parts cost the same number of queries for 1 or 10 records."""

    def _queries(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_ticket_service_columns_flat(self):
        tickets = self.env["helpdesk.ticket"]
        for _i in range(10):
            ticket = self._ticket()
            self._plan(ticket)
            tickets |= ticket
        fields = ["service_plan_id", "service_plan_state", "service_visit_count"]
        one = self._queries(lambda: tickets[:1].read(fields))
        ten = self._queries(lambda: tickets.read(fields))
        self.assertEqual(one, ten)

    def test_consume_parts_flat_checks(self):
        self.env["stock.quant"]._update_available_quantity(self.spring, self.stock, 30)
        ticket = self._ticket()
        plan = self._plan(ticket)
        plan.action_send()
        plan._action_accept_recorded("phone", "Wang")
        Part = self.env["aftersales.service.part"]
        parts = Part.create(
            [{"ticket_id": ticket.id, "product_id": self.spring.id} for _i in range(10)]
        )
        parts.action_consume()
        self.assertEqual(set(parts.mapped("state")), {"done"})
        self.assertEqual(len(parts.move_id), 10)
        quant = self.env["stock.quant"].search(
            [("product_id", "=", self.spring.id), ("location_id", "=", self.stock.id)]
        )
        self.assertEqual(sum(quant.mapped("quantity")), 20)
