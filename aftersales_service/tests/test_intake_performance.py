# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged, warmup

from .common import AftersalesCommon, deliver


@tagged("post_install", "-at_install")
class TestIntakeBatch(AftersalesCommon):
    """Creating a batch of requests costs a fixed number of queries, whatever
    the number of distinct customers, lots and deliveries it names."""

    with_intake = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.customers = env["res.partner"].create(
            [
                {"name": f"Buyer {i:02d}", "email": f"buyer{i:02d}@example.com"}
                for i in range(40)
            ]
        )
        cls.lots = env["stock.lot"].create(
            [
                {"name": f"DW60-B{i:02d}", "product_id": cls.product.id}
                for i in range(40)
            ]
        )
        with freeze_time("2026-02-10 10:00:00"):
            cls.deliveries = [
                deliver(env, customer, cls.product, 1, lot)
                for customer, lot in zip(cls.customers, cls.lots, strict=True)
            ]

    def _vals_list(self, indexes):
        """Half of the requests name their lot (the delivery and the purchase
        date are found from it), half their delivery (product, lot and date
        are read from it)."""
        vals_list = []
        for i in indexes:
            vals = self._ticket_vals(
                name=f"Leak {i}",
                partner_id=self.customers[i].id,
                category_id=self.kind_repair.id,
                install_location="Kitchen",
            )
            if i % 2:
                vals["lot_id"] = self.lots[i].id
            else:
                vals["delivery_id"] = self.deliveries[i].id
            vals_list.append(vals)
        return vals_list

    def _intake_queries(self, indexes):
        Ticket = self.env["helpdesk.ticket"].with_user(self.user_agent)
        vals_list = self._vals_list(indexes)
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        Ticket._aftersales_prepare_create_vals(vals_list)
        return self.env.cr.sql_log_count - start, vals_list

    def test_intake_completion_of_a_batch(self):
        """Every request is completed from its own lot or delivery."""
        _count, vals_list = self._intake_queries(range(20))
        for i, vals in enumerate(vals_list):
            self.assertEqual(vals["product_id"], self.product.id)
            self.assertEqual(vals["lot_id"], self.lots[i].id)
            self.assertEqual(vals["delivery_id"], self.deliveries[i].id)
            self.assertEqual(str(vals["purchase_date"]), "2026-02-10")
            self.assertEqual(vals["team_id"], self.team_repair.id)
            self.assertEqual(vals["user_id"], self.user_agent.id)

    def test_intake_queries_do_not_grow_with_the_batch(self):
        self._intake_queries(range(2))  # warm the registry caches
        few, _vals = self._intake_queries(range(2, 6))
        many, _vals = self._intake_queries(range(6, 40))
        self.assertEqual(few, many)

    @warmup
    def test_batch_create_query_count(self):
        """Locks the cost of recording 20 complete requests of 20 customers,
        each with its own lot and delivery (intake completion, routing,
        priority, SLA; acknowledgements are sent by their job). About 10
        queries a request are helpdesk_mgmt's and mail's own (the request
        number, the creation message and its followers); the after-sales
        part is a fixed number for the batch (see the test above), the
        rows of the after-sales analysis included (one statement)."""
        Ticket = self.env["helpdesk.ticket"].with_user(self.user_agent)
        vals_list = self._vals_list(range(20))
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=232):
            tickets = Ticket.create(vals_list)
            self.env.flush_all()
        self.assertEqual(len(tickets.lot_id), 20)
