# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager

from odoo import Command
from odoo.tests import new_test_user

from .common import AftersalesCommon


class ServiceCommon(AftersalesCommon):
    """A furniture shop: a sofa repair team with an agent (who is also the
    technician), a second team with its own agent, a customer with a portal
    login, a spare part in stock and a repair request on a sofa."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company.aftersales_labour_rate = 80.0
        cls.company.aftersales_plan_cost_limit = 2000.0
        cls.company.aftersales_plan_written_lead_days = 7
        cls.user_other_agent = new_test_user(
            env,
            login="as_other_agent",
            groups="aftersales_service.group_aftersales_agent",
        )
        cls.team = env["helpdesk.ticket.team"].create(
            {
                "name": "Sofa Service",
                "user_id": cls.user_supervisor.id,
                "user_ids": [Command.set([cls.user_agent.id, cls.user_supervisor.id])],
            }
        )
        cls.other_team = env["helpdesk.ticket.team"].create(
            {
                "name": "Kitchen Service",
                "user_ids": [Command.set([cls.user_other_agent.id])],
            }
        )
        cls.cat_repair = env["helpdesk.ticket.category"].create(
            {"name": "Sofa repair", "aftersales_kind": "repair"}
        )
        cls.customer = env["res.partner"].create(
            {
                "name": "Wang Fang",
                "email": "wangfang@example.com",
                "street": "88 Renmin Road",
                "city": "Hangzhou",
            }
        )
        cls.other_customer = env["res.partner"].create(
            {"name": "Chen Jie", "email": "chenjie@example.com"}
        )
        cls.portal_wang = new_test_user(
            env,
            login="as_portal_wang",
            password="as_portal_wang_pw",
            groups="base.group_portal",
            name="Wang Fang (portal)",
        )
        cls.portal_wang.partner_id.parent_id = cls.customer
        cls.portal_chen = new_test_user(
            env,
            login="as_portal_chen",
            password="as_portal_chen_pw",
            groups="base.group_portal",
            name="Chen Jie (portal)",
        )
        cls.portal_chen.partner_id.parent_id = cls.other_customer
        cls.sofa = env["product.product"].create(
            {"name": "Sofa Milano 3-seat", "type": "consu", "is_storable": True}
        )
        cls.spring = env["product.product"].create(
            {
                "name": "Seat spring kit",
                "type": "consu",
                "is_storable": True,
                "lst_price": 120.0,
            }
        )
        cls.warehouse = env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock = cls.warehouse.lot_stock_id

    @contextmanager
    def assertRefused(self, exception, regex):
        """``assertRaisesRegex`` inside a savepoint (as a request would roll
        back), so a test can check that nothing was written."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), regex)

    @classmethod
    def _ticket(cls, user=None, **vals):
        Ticket = cls.env["helpdesk.ticket"]
        if user:
            Ticket = Ticket.with_user(user)
        return Ticket.create(
            {
                "name": "Sofa seat sags",
                "description": "<p>The left seat of the sofa sags.</p>",
                "partner_id": cls.customer.id,
                "category_id": cls.cat_repair.id,
                "team_id": cls.team.id,
                "user_id": cls.user_agent.id,
                "product_id": cls.sofa.id,
                **vals,
            }
        )

    @classmethod
    def _plan(cls, ticket, user=None, lines=None, **vals):
        """A draft plan written by ``user`` (the agent by default)."""
        if lines is None:
            lines = [
                {"line_type": "part", "product_id": cls.spring.id, "quantity": 1},
                {"line_type": "labour", "quantity": 1.5},
            ]
        return (
            cls.env["aftersales.service.plan"]
            .with_user(user or cls.user_agent)
            .create(
                {
                    "ticket_id": ticket.id,
                    "cause": "A broken seat spring.",
                    "steps": "Open the seat, replace the spring kit, close it.",
                    "expected_effect": "The seat is firm again.",
                    "lead_time_days": 3,
                    "risks": "None.",
                    "valid_until": "2026-03-16",
                    "line_ids": [Command.create(line) for line in lines],
                    **vals,
                }
            )
        )
