# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, tagged
from odoo.tools import format_date

from .common import ServiceCommon


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestServiceDelay(ServiceCommon, HttpCase):
    """A planned date or a target will be missed (R14, R18): the agent
    explains the delay to the customer and records the new agreed date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._ticket()

    def _inform(self, reason, agreed_date, user=None):
        ticket = self.ticket.with_user(user or self.user_agent)
        action = ticket.action_aftersales_inform_delay()
        form = Form(
            self.env[action["res_model"]]
            .with_user(user or self.user_agent)
            .with_context(**action["context"])
        )
        form.reason = reason
        form.agreed_date = agreed_date
        return form.save().action_inform()

    def test_agent_informs_the_customer(self):
        self._inform("The spring kit arrives from the factory next week.", "2026-03-10")
        self.assertEqual(self.ticket.service_agreed_date, date(2026, 3, 10))
        self.assertEqual(
            self.ticket.service_delay_reason,
            "The spring kit arrives from the factory next week.",
        )
        message = self.ticket.message_ids.filtered(
            lambda m: m.message_type == "comment"
        )[0]
        self.assertEqual(message.partner_ids, self.customer)
        self.assertFalse(message.subtype_id.internal)
        self.assertIn(format_date(self.env, date(2026, 3, 10)), message.body)
        self.assertIn("The spring kit arrives from the factory", message.body)
        # a second delay moves it again
        self._inform("The factory is late.", "2026-03-16")
        self.assertEqual(self.ticket.service_agreed_date, date(2026, 3, 16))

    def test_agreed_date_is_tracked(self):
        self.env.cr.precommit.run()  # as the creating transaction's commit
        ticket = self.ticket.with_user(self.user_agent).with_context(
            tracking_disable=False, mail_notrack=False
        )
        ticket._aftersales_inform_delay("The parts are late.", date(2026, 3, 10))
        self.env.cr.precommit.run()
        tracked = self.ticket.message_ids.sudo().tracking_value_ids.filtered(
            lambda t: t.field_id.name == "service_agreed_date"
        )
        self.assertTrue(tracked)

    def test_message_in_customer_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "aftersales_service")]
        )._update_translations(filter_lang=["zh_CN"], overwrite=True)
        self.customer.lang = "zh_CN"
        self._inform("配件下周到货。", "2026-03-10")
        message = self.ticket.message_ids.filtered(
            lambda m: m.message_type == "comment"
        )[0]
        self.assertIn("新约定日期", message.body)
        self.assertIn("2026", message.body)

    def test_bad_input_refused(self):
        ticket = self.ticket.with_user(self.user_agent)
        with self.assertRaisesRegex(UserError, "must be after today"):
            ticket._aftersales_inform_delay("Late parts.", date(2026, 3, 1))
        with self.assertRaisesRegex(UserError, "must be after today"):
            ticket._aftersales_inform_delay("Late parts.", date(2026, 3, 2))
        with self.assertRaisesRegex(UserError, "Explain the delay"):
            ticket._aftersales_inform_delay("   ", date(2026, 3, 10))
        self.assertFalse(self.ticket.service_agreed_date)
        self.assertFalse(
            self.ticket.message_ids.filtered(lambda m: m.message_type == "comment")
        )

    def test_error_translated(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "aftersales_service")]
        )._update_translations(filter_lang=["zh_CN"], overwrite=True)
        self.user_agent.lang = "zh_CN"
        ticket = self.ticket.with_user(self.user_agent).with_context(lang="zh_CN")
        with self.assertRaisesRegex(UserError, "晚于今天"):
            ticket._aftersales_inform_delay("Late.", date(2026, 3, 1))

    def test_only_through_the_action(self):
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.user_agent).write(
                {"service_agreed_date": "2026-03-20"}
            )
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.user_other_agent)._aftersales_inform_delay(
                "Not my team.", date(2026, 3, 10)
            )
        self.assertFalse(self.ticket.service_agreed_date)

    def test_agreed_date_on_the_portal(self):
        self._inform("The spring kit arrives next week.", "2026-03-10")
        self.authenticate("as_portal_wang", "as_portal_wang_pw")
        page = self.url_open(f"/my/ticket/{self.ticket.id}").text
        self.assertIn("aftersales_service_agreed_date", page)
        self.assertIn(format_date(self.env, date(2026, 3, 10)), page)
        self.assertIn("The spring kit arrives next week.", page)
