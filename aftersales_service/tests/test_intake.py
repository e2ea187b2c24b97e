# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestIntake(AftersalesCommon):
    with_intake = True

    def test_kinds_shipped_as_data(self):
        Category = self.env["helpdesk.ticket.category"]
        kinds = set(Category.search([]).mapped("aftersales_kind"))
        self.assertEqual(
            kinds,
            {
                "repair",
                "return",
                "replenishment",
                "consultation",
                "complaint",
                "quality",
                "technical",
            },
        )
        delay = self.env.ref("aftersales_service.kind_complaint_delay")
        self.assertEqual(delay.aftersales_kind, "complaint", "sub-kinds take the kind")
        self.assertEqual(delay.complete_name, "Complaint / Delivery Delay")
        self.assertEqual(self.kind_repair.aftersales_team_id, self.team_repair)
        self.assertTrue(self.kind_repair.require_lot)

    def test_agent_records_phone_repair_from_delivery(self):
        """Choosing the delivery fills product, lot and purchase date; the
        kind routes the request to its team."""
        form = Form(self.env["helpdesk.ticket"].with_user(self.user_agent))
        form.name = "Dishwasher leaks"
        form.description = "<p>Leaks after each cycle, every day.</p>"
        form.partner_id = self.contact
        form.category_id = self.kind_repair
        form.channel_id = self.channel_phone
        form.delivery_id = self.delivery
        self.assertEqual(form.product_id, self.product)
        self.assertEqual(form.lot_id, self.lot)
        self.assertEqual(str(form.purchase_date), "2026-02-10")
        self.assertEqual(form.team_id, self.team_repair)
        form.install_location = "Kitchen, 3rd floor"
        ticket = form.save()
        self.assertEqual(ticket.aftersales_kind, "repair")
        self.assertEqual(ticket.channel_id, self.channel_phone)
        self.assertFalse(ticket.aftersales_missing_info)

    def test_lot_finds_delivery_and_customer(self):
        form = Form(self.env["helpdesk.ticket"].with_user(self.user_agent))
        form.name = "Serial check"
        form.description = "<p>?</p>"
        form.category_id = self.kind_quality
        form.lot_id = self.lot
        self.assertEqual(form.product_id, self.product)
        self.assertEqual(form.delivery_id, self.delivery)
        self.assertEqual(form.partner_id, self.contact)
        # The same through the API (portal, email, imports)
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.user_agent)
            .create(self._ticket_vals(lot_id=self.lot.id, partner_id=False))
        )
        self.assertEqual(ticket.delivery_id, self.delivery)
        self.assertEqual(ticket.partner_id, self.contact)
        self.assertEqual(ticket.product_id, self.product)

    def test_bad_input_saves_nothing(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.user_agent)
        before = Ticket.search_count([])
        cases = [
            (
                {"product_id": self.product.id, "lot_id": self.other_lot.id},
                "belongs to",
            ),
            ({"delivery_id": self.other_delivery.id}, "went to Other Buyer"),
        ]
        for vals, message in cases:
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
                self.env.cr.savepoint(),
            ):
                Ticket.create(self._ticket_vals(**vals))
        with (
            freeze_time("2026-03-02 09:00:00"),
            self.assertRaisesRegex(ValidationError, "in the future"),
            self.env.cr.savepoint(),  # as the refused request's transaction
        ):
            form = Form(Ticket)
            form.name = "Future"
            form.description = "<p>?</p>"
            form.partner_id = self.contact
            form.category_id = self.kind_consultation
            form.purchase_date = "2026-03-05"
            form.save()
        self.assertEqual(Ticket.search_count([]), before)

    def test_required_information_before_leaving_first_stage(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.user_agent)
            .create(self._ticket_vals(category_id=self.kind_repair.id))
        )
        self.assertIn("Lot/Serial", ticket.aftersales_missing_info)
        self.assertIn("Install Location", ticket.aftersales_missing_info)
        in_progress = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        new_stage = ticket.stage_id
        with self.assertRaisesRegex(ValidationError, "cannot leave"):
            ticket.stage_id = in_progress
        self.env.invalidate_all()
        self.assertEqual(ticket.stage_id, new_stage, "nothing written half-way")
        ticket.write(
            {
                "delivery_id": self.delivery.id,
                "product_id": self.product.id,
                "lot_id": self.lot.id,
                "purchase_date": "2026-02-10",
                "install_location": "Kitchen",
            }
        )
        ticket.stage_id = in_progress
        self.assertEqual(ticket.stage_id, in_progress)

    def test_missing_information_request_mail(self):
        ticket = self.env["helpdesk.ticket"].create(
            self._ticket_vals(category_id=self.kind_quality.id)
        )
        ticket.with_user(self.user_supervisor).action_aftersales_request_missing_info()
        message = ticket.message_ids.filtered(
            lambda m: "information needed" in (m.subject or "")
        )
        self.assertEqual(len(message), 1)
        self.assertIn(self.contact, message.partner_ids)
        self.assertIn("Lot/Serial", message.body)

    def test_acknowledgement_sent_on_creation(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.user_agent)
            .create(self._ticket_vals(category_id=self.kind_repair.id))
        )
        self.assertTrue(ticket.aftersales_ack_pending)
        self.assertEqual(self._run_acknowledgement_job(), 1)
        self.assertFalse(ticket.aftersales_ack_pending)
        ack = ticket.message_ids.filtered(
            lambda m: (m.subject or "").endswith(
                f"we received your request {ticket.number}"
            )
        )
        self.assertEqual(len(ack), 1)
        self.assertIn(self.contact, ack.partner_ids)
        self.assertIn("48 hours", ack.body)
        self.assertIn(ticket.number, ack.body)
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", ack.id)])
        self.assertTrue(mail, "an email is queued for the customer")

    def test_acknowledgement_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "aftersales_service")]
        )._update_translations(["zh_CN"])
        self.contact.lang = "zh_CN"
        ticket = self.env["helpdesk.ticket"].create(
            self._ticket_vals(category_id=self.kind_repair.id)
        )
        self._run_acknowledgement_job()
        ack = ticket.message_ids.filtered(lambda m: ticket.number in (m.subject or ""))
        self.assertIn("我们已收到您的请求", ack.subject)
        self.assertIn("48 小时内", ack.body)


@tagged("post_install", "-at_install")
class TestPriorityRouting(AftersalesCommon):
    with_intake = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = cls.env["res.users"]
        for login in ("rt_a", "rt_b", "rt_c"):
            cls.members |= new_test_user(
                cls.env, login=login, groups="aftersales_service.group_aftersales_agent"
            )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {"name": "Routing Team", "user_ids": [Command.set(cls.members.ids)]}
        )
        cls.kind = cls.env["helpdesk.ticket.category"].create(
            {
                "name": "Routing Kind",
                "aftersales_kind": "technical",
                "aftersales_team_id": cls.team.id,
            }
        )

    def _create(self, **kw):
        kw.setdefault("category_id", self.kind.id)
        return self.env["helpdesk.ticket"].create(self._ticket_vals(**kw))

    def test_least_loaded_member(self):
        a, b, c = self.members
        self._create(user_id=a.id)
        self._create(user_id=a.id)
        self._create(user_id=c.id)
        ticket = self._create()
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.user_id, b)
        # b and c now carry one each: the tie goes to the first member
        self.assertEqual(self._create().user_id, b)
        # closed requests are no load
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.env["helpdesk.ticket"].search([("user_id", "=", a.id)]).stage_id = done
        self.assertEqual(self._create().user_id, a)

    def test_unavailable_member_skipped_and_batch_spread(self):
        a, b, c = self.members
        b.aftersales_available = False
        tickets = self.env["helpdesk.ticket"].create(
            [self._ticket_vals(category_id=self.kind.id) for _i in range(4)]
        )
        self.assertEqual(tickets.user_id, a | c)
        self.assertEqual(len(tickets.filtered(lambda t: t.user_id == a)), 2)

    def test_dedicated_agent_and_vip_priority(self):
        c = self.members[2]
        self.customer.write({"aftersales_tier": "vip", "aftersales_agent_id": c.id})
        self._create(user_id=c.id)
        ticket = self._create(impact="2", urgency="2")
        self.assertEqual(ticket.user_id, c, "the dedicated agent, whatever the load")
        self.assertEqual(ticket.service_tier, "vip")
        self.assertEqual(ticket.priority, "2", "medium raised one level for a VIP")

    def test_priority_matrix_recompute_and_manual_override(self):
        ticket = self._create(impact="1", urgency="1")
        self.assertEqual(ticket.priority, "0")
        self.env.cr.precommit.run()  # as the creating transaction's commit
        ticket.impact = "3"
        self.assertEqual(ticket.priority, "1")
        ticket.urgency = "3"
        self.assertEqual(ticket.priority, "3")
        # A manual override sticks and shows in the chatter
        ticket.priority = "1"
        self.assertTrue(ticket.priority_manual)
        ticket.impact = "2"
        self.assertEqual(ticket.priority, "1")
        self.env.cr.precommit.run()
        tracked = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.res_id", "=", ticket.id),
                    ("mail_message_id.model", "=", "helpdesk.ticket"),
                    ("field_id.name", "=", "priority_manual"),
                ]
            )
        )
        self.assertTrue(tracked)
        ticket.action_aftersales_reset_priority()
        self.assertFalse(ticket.priority_manual)
        self.assertEqual(ticket.priority, "2")
        # The tier raises it, capped at Very High, in the re-matching job
        closed = self._create(impact="2", urgency="2")
        closed.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.env.cr.precommit.run()
        self.customer.aftersales_tier = "key"
        self.assertEqual(ticket.priority, "2")
        self._run_sla_rematch_job()
        self.assertEqual(ticket.priority, "3")
        self.env.cr.precommit.run()
        tracked = ticket.message_ids.sudo().tracking_value_ids.filtered(
            lambda v: v.field_id.name == "priority"
        )
        self.assertIn("Very High", tracked.mapped("new_value_char"))
        # a closed request keeps the priority it was handled with
        self.assertEqual(closed.priority, "1")
        self.assertEqual(closed.service_tier, "standard")

    def test_task_force_members_see_the_request(self):
        outsider = new_test_user(
            self.env,
            login="rt_outsider",
            groups="aftersales_service.group_aftersales_agent",
        )
        ticket = self._create()
        Ticket = self.env["helpdesk.ticket"].with_user(outsider)
        self.assertFalse(Ticket.search([("id", "=", ticket.id)]))
        ticket.task_force_ids = [Command.link(outsider.id)]
        self.assertEqual(Ticket.search([("id", "=", ticket.id)]), ticket)

    def test_customer_file(self):
        self._create()
        self._create(category_id=self.kind_repair.id)
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self._create().stage_id = done
        customer = self.customer.with_user(self.user_supervisor)
        self.assertEqual(customer.aftersales_request_count, 3)
        self.assertEqual(customer.aftersales_open_count, 2)
        self.assertEqual(
            customer.aftersales_kind_summary, "Repair: 1, Technical Support: 2"
        )
        # A contact shows its company's file
        self.assertEqual(
            self.contact.with_user(self.user_supervisor).aftersales_request_count, 3
        )
        action = customer.action_aftersales_view_requests()
        self.assertEqual(self.env["helpdesk.ticket"].search_count(action["domain"]), 3)
