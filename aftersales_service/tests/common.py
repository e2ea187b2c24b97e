# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT, BaseCommon


class AftersalesCommon(BaseCommon):
    """The one base class of the service tests: a user per role (least
    privileged first), a customer, and on request two fixtures; no demo data.

    - ``with_sla = True``: a Shanghai company calendar (09-12, 13-18, Monday
      to Friday) with a public holiday on Monday 9 March 2026, a team led by
      the supervisor and one category per kind. Times in the tests are UTC
      (Shanghai = UTC+8).
    - ``with_tile_shop = True``: lot-tracked tiles, lot TB-A delivered to the
      customer (with 2 of TB-B) and to another customer, and categories for
      quality, return and replenishment requests.
    - ``with_intake = True``: mail as in production, the shipped kinds and
      repair team, a company customer (Chen Home Ltd, contact Chen Wei) who
      bought a lot-tracked dishwasher, another customer who bought an oven.
      It replaces ``customer``: don't combine it with the tile shop.
    """

    with_intake = False
    with_sla = False
    with_tile_shop = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env.company
        cls.user_internal = new_test_user(
            cls.env, login="as_internal", groups="base.group_user"
        )
        cls.user_agent = new_test_user(
            cls.env,
            login="as_agent",
            groups="aftersales_service.group_aftersales_agent",
        )
        cls.user_supervisor = new_test_user(
            cls.env,
            login="as_supervisor",
            groups="aftersales_service.group_aftersales_supervisor",
        )
        cls.user_warehouse = new_test_user(
            cls.env,
            login="as_warehouse",
            groups="aftersales_service.group_aftersales_warehouse",
        )
        cls.user_portal = new_test_user(
            cls.env, login="as_portal", groups="base.group_portal"
        )
        cls.customer = env["res.partner"].create(
            {"name": "Lin Decoration", "email": "lin@example.com"}
        )
        if cls.with_intake:
            cls._setup_intake()
        if cls.with_sla:
            cls._setup_sla()
        if cls.with_tile_shop:
            cls._setup_tile_shop()

    @classmethod
    def _setup_intake(cls):
        # Mail and tracking as in production: acknowledgements are real emails
        cls.env = env = cls.env(
            context={
                key: value
                for key, value in cls.env.context.items()
                if key not in DISABLED_MAIL_CONTEXT
            }
        )
        cls.kind_repair = env.ref("aftersales_service.kind_repair")
        cls.kind_return = env.ref("aftersales_service.kind_return")
        cls.kind_consultation = env.ref("aftersales_service.kind_consultation")
        cls.kind_quality = env.ref("aftersales_service.kind_quality")
        cls.team_repair = env.ref("aftersales_service.team_repair")
        cls.team_repair.user_ids = [Command.link(cls.user_agent.id)]
        cls.channel_phone = env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.customer = env["res.partner"].create(
            {"name": "Chen Home Ltd", "is_company": True, "email": "chen@example.com"}
        )
        cls.contact = env["res.partner"].create(
            {
                "name": "Chen Wei",
                "parent_id": cls.customer.id,
                "email": "wei@example.com",
            }
        )
        cls.other_customer = env["res.partner"].create(
            {"name": "Other Buyer", "email": "other@example.com"}
        )
        cls.warehouse = env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.product = env["product.product"].create(
            {
                "name": "Dishwasher DW-60",
                "type": "consu",
                "is_storable": True,
                "tracking": "lot",
            }
        )
        cls.other_product = env["product.product"].create(
            {
                "name": "Oven OV-45",
                "type": "consu",
                "is_storable": True,
                "tracking": "lot",
            }
        )
        cls.lot = env["stock.lot"].create(
            {"name": "DW60-2026-001", "product_id": cls.product.id}
        )
        cls.other_lot = env["stock.lot"].create(
            {"name": "OV45-2026-009", "product_id": cls.other_product.id}
        )
        with freeze_time("2026-02-10 10:00:00"):
            cls.delivery = deliver(env, cls.contact, cls.product, 2, cls.lot)
            cls.other_delivery = deliver(
                env, cls.other_customer, cls.other_product, 1, cls.other_lot
            )

    @classmethod
    def _setup_sla(cls):
        env = cls.env
        cls.calendar = env["resource.calendar"].create(
            {
                "name": "SLA Shanghai",
                "tz": "Asia/Shanghai",
                "hours_per_day": 8.0,
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{day} {start}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": stop,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for start, stop, period in (
                        (9, 12, "morning"),
                        (13, 18, "afternoon"),
                    )
                ],
            }
        )
        env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": cls.calendar.id,
                "date_from": datetime(2026, 3, 8, 16, 0),
                "date_to": datetime(2026, 3, 9, 15, 59, 59),
            }
        )
        cls.company.resource_calendar_id = cls.calendar
        cls.team = env["helpdesk.ticket.team"].create(
            {
                "name": "SLA Team",
                "user_id": cls.user_supervisor.id,
                "user_ids": [Command.set([cls.user_agent.id, cls.user_supervisor.id])],
            }
        )
        Category = env["helpdesk.ticket.category"]
        cls.categories = {
            kind: Category.create({"name": f"SLA {kind}", "aftersales_kind": kind})
            for kind in (
                "repair",
                "return",
                "consultation",
                "complaint",
                "technical",
                "replenishment",
            )
        }
        cls.stage_done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.stage_cancelled = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        cls.stage_new = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.cause = env.ref("aftersales_service.cause_category_parts")

    @classmethod
    def _setup_tile_shop(cls):
        env = cls.env
        env.ref("base.group_user").implied_ids = [
            Command.link(env.ref("stock.group_production_lot").id)
        ]
        Category = env["helpdesk.ticket.category"]
        cls.cat_quality = Category.create(
            {"name": "Tile quality", "aftersales_kind": "quality"}
        )
        cls.cat_return = Category.create(
            {"name": "Tile return", "aftersales_kind": "return"}
        )
        cls.cat_replenish = Category.create(
            {"name": "Tile replenishment", "aftersales_kind": "replenishment"}
        )
        cls.other_customer = env["res.partner"].create(
            {"name": "Zhou Builders", "email": "zhou@example.com"}
        )
        cls.warehouse = env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock = cls.warehouse.lot_stock_id
        cls.customers_location = env.ref("stock.stock_location_customers")
        cls.tile = env["product.product"].create(
            {
                "name": "Floor Tile 600x600 Grey",
                "type": "consu",
                "is_storable": True,
                "tracking": "lot",
            }
        )
        cls.lot_a = env["stock.lot"].create({"name": "TB-A", "product_id": cls.tile.id})
        cls.lot_b = env["stock.lot"].create({"name": "TB-B", "product_id": cls.tile.id})
        cls.delivery = cls._deliver(cls.customer, {cls.lot_a: 10, cls.lot_b: 2})
        cls.other_delivery = cls._deliver(cls.other_customer, {cls.lot_a: 5})

    @classmethod
    def _stock(cls, lot, qty, location=None):
        cls.env["stock.quant"]._update_available_quantity(
            cls.tile, location or cls.stock, qty, lot_id=lot
        )

    @classmethod
    def _deliver(cls, partner, qty_by_lot):
        env = cls.env
        for lot, qty in qty_by_lot.items():
            cls._stock(lot, qty)
        picking = env["stock.picking"].create(
            {
                "partner_id": partner.id,
                "picking_type_id": cls.warehouse.out_type_id.id,
                "location_id": cls.stock.id,
                "location_dest_id": cls.customers_location.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": cls.tile.id,
                            "product_uom_qty": sum(qty_by_lot.values()),
                            "location_id": cls.stock.id,
                            "location_dest_id": cls.customers_location.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        move = picking.move_ids
        move._do_unreserve()
        for lot, qty in qty_by_lot.items():
            move._update_reserved_quantity(qty, cls.stock, lot_id=lot, strict=False)
        move.picked = True
        picking.button_validate()
        assert picking.state == "done"
        return picking

    @classmethod
    def _ticket(cls, kind, user=None, **vals):
        """A request of the customer: ``kind`` is a kind of the SLA team's
        categories (``"repair"``...), or a category of the tile shop (the
        request is then about lot TB-A of the first delivery)."""
        if isinstance(kind, str):
            values = {
                "name": f"{kind} request",
                "description": "<p>Help</p>",
                "category_id": cls.categories[kind].id,
                "team_id": cls.team.id,
                "user_id": cls.user_agent.id,
                "partner_id": cls.customer.id,
            }
        else:
            values = {
                "name": "Tiles",
                "description": "<p>Tiles of batch TB-A.</p>",
                "partner_id": cls.customer.id,
                "category_id": kind.id,
                "product_id": cls.tile.id,
                "lot_id": cls.lot_a.id,
                "delivery_id": cls.delivery.id,
            }
        values.update(vals)
        Ticket = cls.env["helpdesk.ticket"]
        if user:
            Ticket = Ticket.with_user(user)
        return Ticket.create(values)

    def _operation(self, ticket, operation="return", quantity=1.0, **vals):
        """An operation requested by the agent."""
        return (
            self.env["aftersales.return"]
            .with_user(self.user_agent)
            .create(
                {
                    "ticket_id": ticket.id,
                    "operation": operation,
                    "quantity": quantity,
                    **vals,
                }
            )
        )

    def _on_hand(self, lot, location):
        quants = self.env["stock.quant"].search(
            [("lot_id", "=", lot.id), ("location_id", "=", location.id)]
        )
        return sum(quants.mapped("quantity"))

    def _customer_messages(self, ticket):
        return ticket.message_ids.filtered(
            lambda m: m.message_type == "comment" and ticket.partner_id in m.partner_ids
        )

    @staticmethod
    def _line(ticket, target_type):
        return ticket.sla_line_ids.filtered(
            lambda ln: ln.target_type == target_type and ln.state != "cancelled"
        )

    def _policy(self, targets, **vals):
        values = {
            "name": "Test policy",
            "sequence": 1,
            "team_ids": [Command.link(self.team.id)],
            "target_ids": [Command.create(t) for t in targets],
        }
        values.update(vals)
        return self.env["aftersales.sla.policy"].create(values)

    def _run_acknowledgement_job(self):
        """Run the acknowledgement job as the scheduler does right after the
        creating transaction, checking that creation asked for it."""
        cron = self.env.ref("aftersales_service.ir_cron_request_acknowledgement")
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]),
            "creating a request triggers the acknowledgement job",
        )
        return (
            self.env["helpdesk.ticket"]
            .with_user(cron.user_id)
            ._cron_send_acknowledgements()
        )

    def _run_sla_rematch_job(self):
        """Run the re-matching job as the scheduler does after the editor's
        transaction, checking that the change asked for it."""
        cron = self.env.ref("aftersales_service.ir_cron_aftersales_sla_rematch")
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]),
            "the change triggers the re-matching job",
        )
        return self.env["helpdesk.ticket"].with_user(cron.user_id)._cron_sla_rematch()

    def _ticket_vals(self, **kw):
        vals = {
            "name": "Leaks after a cycle",
            "description": "<p>Water on the floor after each cycle.</p>",
            "partner_id": self.contact.id,
            "category_id": self.kind_consultation.id,
        }
        vals.update(kw)
        return vals

    @classmethod
    def visible_menu_xmlids(cls, user):
        """xml ids of the menus ``user`` can open (as the web client loads them)."""
        menus = cls.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        ids = [m["id"] for key, m in menus.items() if key != "root"]
        data = cls.env["ir.model.data"].search(
            [("model", "=", "ir.ui.menu"), ("res_id", "in", ids)]
        )
        return set(data.mapped("complete_name"))


def deliver(env, partner, product, qty, lot=None):
    """A done delivery of ``qty`` ``product`` (of ``lot``) from the company's
    first warehouse to ``partner``, as a customer's purchase."""
    warehouse = env["stock.warehouse"].search(
        [("company_id", "=", env.company.id)], limit=1
    )
    stock = warehouse.lot_stock_id
    customers = env.ref("stock.stock_location_customers")
    env["stock.quant"]._update_available_quantity(product, stock, qty, lot_id=lot)
    picking = env["stock.picking"].create(
        {
            "partner_id": partner.id,
            "picking_type_id": warehouse.out_type_id.id,
            "location_id": stock.id,
            "location_dest_id": customers.id,
            "move_ids": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_qty": qty,
                        "location_id": stock.id,
                        "location_dest_id": customers.id,
                    }
                )
            ],
        }
    )
    picking.action_confirm()
    picking.action_assign()
    if lot:
        picking.move_ids.move_line_ids.write({"lot_id": lot.id, "quantity": qty})
    picking.move_ids.picked = True
    picking.button_validate()
    return picking


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


class SatisfactionCommon(AftersalesCommon):
    """The SLA set-up (Shanghai calendar, team led by the supervisor) plus
    the shipped satisfaction survey and helpers to close and answer."""

    with_sla = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("aftersales_service.survey_satisfaction")
        cls.questions = {q.aftersales_role: q for q in cls.survey.question_ids}
        cls.stage_in_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )

    def _close(self, ticket, user=None):
        ticket.with_user(user or self.user_agent).stage_id = self.stage_done

    def _run_survey_job(self):
        return self.env["helpdesk.ticket"]._cron_satisfaction()

    def _closed_and_invited(self, kind="repair", **vals):
        ticket = self._ticket(kind, **vals)
        self._close(ticket)
        self._run_survey_job()
        return ticket

    def _answer(self, answer, overall, solved=True, speed=4, attitude=4, comment=False):
        """Fill ``answer`` as the survey controller does (as superuser, on
        the token's behalf) and submit it."""
        answer = answer.sudo()
        solved_question = self.questions["solved"]
        yes = solved_question.suggested_answer_ids.filtered("aftersales_positive")
        answer._save_lines(self.questions["overall"], str(overall))
        answer._save_lines(
            solved_question,
            (yes if solved else solved_question.suggested_answer_ids - yes).id,
        )
        answer._save_lines(self.questions["speed"], str(speed))
        answer._save_lines(self.questions["attitude"], str(attitude))
        answer._save_lines(self.questions["comment"], comment)
        answer._mark_done()
        return answer
