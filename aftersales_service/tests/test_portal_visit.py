# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time
from lxml import html

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, tagged

from .common import ServiceCommon


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestPortalVisit(ServiceCommon, HttpCase):
    """The customer sees the visits to come on the request page (date and
    time in their time zone, technicians), confirms one or asks to move it,
    by POST with a CSRF token, by login or by the request's token; another
    customer's visit, a past visit or a token of another request change
    nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.customer.tz = "Asia/Shanghai"
        cls.portal_wang.tz = "Asia/Shanghai"
        cls.user_agent.name = "Li Na"
        cls.ticket = cls._ticket()
        cls.visit = cls._schedule(cls.ticket, datetime(2026, 3, 4, 6, 0))
        cls.company_b = env["res.company"].create({"name": "Northern Sofas"})
        cls.portal_chen.write(
            {"company_ids": [(4, cls.company_b.id)], "company_id": cls.company_b.id}
        )
        cls.other_customer.company_id = cls.company_b
        cls.ticket_b = env["helpdesk.ticket"].create(
            {
                "name": "Chen's armchair creaks",
                "description": "<p>Creaks</p>",
                "partner_id": cls.other_customer.id,
                "company_id": cls.company_b.id,
            }
        )
        cls.visit_b = env["calendar.event"].create(
            {
                "name": "Visit Chen",
                "aftersales_ticket_id": cls.ticket_b.id,
                "start": datetime(2026, 3, 5, 2, 0),
                "stop": datetime(2026, 3, 5, 4, 0),
            }
        )
        for ticket in cls.ticket | cls.ticket_b:
            ticket._portal_ensure_token()

    @classmethod
    def _schedule(cls, ticket, start):
        action = ticket.with_user(cls.user_agent).action_aftersales_schedule_visit()
        form = Form(
            cls.env["calendar.event"]
            .with_user(cls.user_agent)
            .with_context(**action["context"]),
            view=action["views"][0][0],
        )
        form.start = start
        return form.save()

    def _post(self, url, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        return self.url_open(url, data=data, allow_redirects=False)

    def _confirm(self, ticket, visit, **data):
        return self._post(f"/my/ticket/{ticket.id}/visit/{visit.id}/confirm", **data)

    def _move(self, ticket, visit, **data):
        data.setdefault("reason", "We are away on Wednesday.")
        data.setdefault("move_date", "2026-03-06")
        return self._post(f"/my/ticket/{ticket.id}/visit/{visit.id}/move", **data)

    def _customer_attendee(self, visit):
        return visit.attendee_ids.filtered(
            lambda a: a.partner_id == visit.aftersales_ticket_id.partner_id
        )

    # ------------------------------------------------------------------
    # Confirm
    # ------------------------------------------------------------------
    def test_customer_sees_and_confirms_visit(self):
        # the page's time zone is the visitor's: the visit's times in words
        # (what to do, the conversation) follow it, not the customer file's
        self.customer.tz = "Europe/Paris"
        self.authenticate("as_portal_wang", "as_portal_wang_pw")
        page = self.url_open(f"/my/ticket/{self.ticket.id}").text
        tree = html.fromstring(page)
        block = tree.xpath(f"//div[@data-visit='{self.visit.id}']")
        self.assertTrue(block, "the visit is on the request page")
        text = block[0].text_content()
        # 06:00 UTC is 14:00 in Shanghai
        self.assertIn("03/04/2026 02:00:00 PM", text)
        self.assertIn("Li Na", text)
        self.assertIn("To confirm", text)
        self.assertTrue(block[0].xpath(".//form[@name='aftersales_visit_confirm']"))
        action = tree.xpath(f"//div[@data-action='visit_{self.visit.id}']")
        self.assertIn("03/04/2026 02:00:00 PM", action[0].text_content())
        self.assertTrue(self.ticket.aftersales_portal_action_needed)

        response = self._confirm(self.ticket, self.visit)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.visit.aftersales_visit_state, "confirmed")
        self.assertEqual(
            self.visit.aftersales_confirmed_date, datetime(2026, 3, 2, 9, 0)
        )
        self.assertEqual(self._customer_attendee(self.visit).state, "accepted")
        self.assertNotIn(self.customer, self.visit.aftersales_technician_ids)
        message = self.ticket.message_ids.filtered(
            lambda m: "confirmed the visit" in (m.body or "")
        )
        self.assertTrue(message, "the confirmation is in the conversation")
        self.assertIn("03/04/2026 02:00:00 PM", message.body)
        self.assertEqual(message.author_id, self.portal_wang.partner_id)
        self.assertFalse(self.ticket.aftersales_portal_action_needed)
        block = html.fromstring(self.url_open(f"/my/ticket/{self.ticket.id}").text)
        block = block.xpath(f"//div[@data-visit='{self.visit.id}']")[0]
        self.assertIn("Confirmed", block.text_content())
        self.assertFalse(block.xpath(".//form[@name='aftersales_visit_confirm']"))
        # once is enough
        response = self._confirm(self.ticket, self.visit)
        self.assertEqual(response.status_code, 200)
        self.assertIn("already confirmed", response.text)

    def test_confirm_by_token_without_account(self):
        self.authenticate(None, None)
        token = self.ticket.access_token
        page = self.url_open(f"/my/ticket/{self.ticket.id}?access_token={token}").text
        self.assertIn(
            f"/my/ticket/{self.ticket.id}/visit/{self.visit.id}/confirm", page
        )
        response = self._confirm(self.ticket, self.visit, access_token=token)
        self.assertEqual(response.status_code, 303)
        self.assertIn(f"access_token={token}", response.headers["Location"])
        self.assertEqual(self.visit.aftersales_visit_state, "confirmed")

    def test_rescheduling_asks_for_a_new_confirmation(self):
        self.authenticate("as_portal_wang", "as_portal_wang_pw")
        self._confirm(self.ticket, self.visit)
        self.visit.with_user(self.user_agent).start = datetime(2026, 3, 5, 6, 0)
        self.assertEqual(self.visit.aftersales_visit_state, "scheduled")
        self.assertFalse(self.visit.aftersales_confirmed_date)
        self.assertEqual(self._customer_attendee(self.visit).state, "needsAction")
        self.assertTrue(self.ticket.aftersales_portal_action_needed)

    # ------------------------------------------------------------------
    # Move
    # ------------------------------------------------------------------
    def test_customer_asks_to_move_visit(self):
        self.authenticate("as_portal_wang", "as_portal_wang_pw")
        response = self._move(
            self.ticket, self.visit, move_alternative_date="2026-03-09"
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.visit.aftersales_visit_state, "move_requested")
        self.assertEqual(self.visit.aftersales_move_reason, "We are away on Wednesday.")
        self.assertEqual(str(self.visit.aftersales_move_date), "2026-03-06")
        self.assertEqual(str(self.visit.aftersales_move_alternative_date), "2026-03-09")
        message = self.ticket.message_ids.filtered(
            lambda m: "asks to move the visit" in (m.body or "")
        )
        self.assertTrue(message)
        self.assertIn("away on Wednesday", message.body)
        self.assertIn("03/06/2026, 03/09/2026", message.body)
        activity = self.ticket.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("aftersales_service.mail_activity_type_visit_move")
            )
        )
        self.assertEqual(activity.user_id, self.user_agent, "the agent moves it")
        self.assertIn("away on Wednesday", activity.note)
        page = html.fromstring(self.url_open(f"/my/ticket/{self.ticket.id}").text)
        block = page.xpath(f"//div[@data-visit='{self.visit.id}']")[0]
        self.assertIn("Move requested", block.text_content())
        self.assertFalse(block.xpath(".//form"))

    def test_rescheduling_closes_the_move_activity(self):
        self.authenticate("as_portal_wang", "as_portal_wang_pw")
        self._move(self.ticket, self.visit)
        move = self.env.ref("aftersales_service.mail_activity_type_visit_move")
        activity = self.ticket.activity_ids.filtered(
            lambda a: a.activity_type_id == move
        )
        self.assertEqual(activity.aftersales_visit_id, self.visit)
        # another visit of the request, rescheduled: not the one to move
        other = self._schedule(self.ticket, datetime(2026, 3, 10, 6, 0))
        other.with_user(self.user_agent).start = datetime(2026, 3, 11, 6, 0)
        self.assertTrue(activity.exists() and activity.active)
        # the technicians change, not the time: still to move
        self.visit.with_user(self.user_agent).partner_ids = [
            (4, self.user_supervisor.partner_id.id)
        ]
        self.assertTrue(activity.exists() and activity.active)
        # the agent moves it: the customer's request is done
        form = Form(self.visit.with_user(self.user_agent))
        form.start = datetime(2026, 3, 6, 6, 0)
        form.save()
        self.assertFalse(
            self.ticket.activity_ids.filtered(lambda a: a.activity_type_id == move)
        )
        done = self.ticket.message_ids.filtered(
            lambda m: m.mail_activity_type_id == move
        )
        self.assertTrue(done, "the activity is marked done, not deleted")
        self.assertIn("The visit was moved to", done.body)
        self.assertEqual(done.author_id, self.user_agent.partner_id)
        self.assertEqual(self.visit.aftersales_visit_state, "scheduled")

    def test_passed_visit_no_longer_waits_for_the_customer(self):
        self.assertTrue(self.ticket.aftersales_portal_action_needed)
        self.authenticate("as_portal_wang", "as_portal_wang_pw")
        cron = self.env.ref("aftersales_service.ir_cron_aftersales_portal_refresh")
        with freeze_time("2026-03-04 07:00:00"):
            cron.ir_actions_server_id.sudo().run()
            self.assertFalse(self.ticket.aftersales_portal_action_needed)
            page = html.fromstring(self.url_open("/my/tickets?filterby=action").text)
            self.assertFalse(page.xpath("//tr[@data-request]"))
            page = html.fromstring(self.url_open("/my/tickets?filterby=open").text)
            self.assertEqual(
                [row.get("data-request") for row in page.xpath("//tr[@data-request]")],
                [self.ticket.number],
            )

    def test_move_refused_without_reason_or_with_past_dates(self):
        self.authenticate("as_portal_wang", "as_portal_wang_pw")
        for data, error in (
            ({"reason": " "}, "Tell us why"),
            ({"move_date": ""}, "at least one date"),
            ({"move_date": "2026-03-01"}, "Choose dates after today"),
            ({"move_alternative_date": "2026-03-02"}, "Choose dates after today"),
            ({"move_date": "next week"}, "is not a date"),
        ):
            with self.subTest(data=data):
                response = self._move(self.ticket, self.visit, **data)
                self.assertEqual(response.status_code, 200)
                self.assertIn(error, response.text)
        self.assertEqual(self.visit.aftersales_visit_state, "scheduled")
        self.assertFalse(self.visit.aftersales_move_reason)
        move = self.env.ref("aftersales_service.mail_activity_type_visit_move")
        self.assertFalse(
            self.ticket.activity_ids.filtered(lambda a: a.activity_type_id == move)
        )

    # ------------------------------------------------------------------
    # Refusals
    # ------------------------------------------------------------------
    def test_past_visit_cannot_be_answered(self):
        self.authenticate("as_portal_wang", "as_portal_wang_pw")
        with freeze_time("2026-03-04 07:00:00"):
            page = self.url_open(f"/my/ticket/{self.ticket.id}").text
            self.assertNotIn(f'data-visit="{self.visit.id}"', page)
            for response in (
                self._confirm(self.ticket, self.visit),
                self._move(self.ticket, self.visit, move_date="2026-03-10"),
            ):
                self.assertEqual(response.status_code, 200)
                self.assertIn("already started or is over", response.text)
        self.assertEqual(self.visit.aftersales_visit_state, "scheduled")
        self.assertFalse(self._customer_attendee(self.visit))

    def test_get_and_missing_csrf_refused(self):
        self.authenticate("as_portal_wang", "as_portal_wang_pw")
        url = f"/my/ticket/{self.ticket.id}/visit/{self.visit.id}/confirm"
        self.assertEqual(self.url_open(url, allow_redirects=False).status_code, 405)
        self.assertEqual(
            self._confirm(self.ticket, self.visit, csrf_token="x").status_code, 400
        )
        self.assertEqual(self.visit.aftersales_visit_state, "scheduled")

    def test_other_customers_visit_refused_by_id_and_token(self):
        self.authenticate("as_portal_wang", "as_portal_wang_pw")
        page = self.url_open(f"/my/ticket/{self.ticket.id}").text
        self.assertNotIn("Visit Chen", page)
        # the other's visit under one's own request, then under theirs
        for response in (
            self._confirm(self.ticket, self.visit_b),
            self._move(self.ticket, self.visit_b),
        ):
            self.assertEqual(response.status_code, 303)
            self.assertTrue(
                response.headers["Location"].endswith(f"/my/ticket/{self.ticket.id}")
            )
        for response in (
            self._confirm(self.ticket_b, self.visit_b),
            self._move(self.ticket_b, self.visit_b),
            self._confirm(
                self.ticket_b, self.visit_b, access_token=self.ticket.access_token
            ),
            self._confirm(self.ticket_b, self.visit),
        ):
            self.assertEqual(response.status_code, 303)
            self.assertTrue(response.headers["Location"].endswith("/my"))
        # a token of one request opens no other, logged in or not
        self.authenticate(None, None)
        response = self._confirm(
            self.ticket_b, self.visit_b, access_token=self.ticket.access_token
        )
        self.assertTrue(response.headers["Location"].endswith("/my"))
        response = self._move(
            self.ticket, self.visit_b, access_token=self.ticket.access_token
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.visit_b.aftersales_visit_state, "scheduled")
        self.assertFalse(self.visit_b.aftersales_move_reason)
        self.assertFalse(self._customer_attendee(self.visit_b))
        self.assertEqual(self.visit.aftersales_visit_state, "scheduled")
        # and the other way round
        self.authenticate("as_portal_chen", "as_portal_chen_pw")
        response = self._confirm(self.ticket, self.visit)
        self.assertTrue(response.headers["Location"].endswith("/my"))
        self.assertEqual(self.visit.aftersales_visit_state, "scheduled")

    def test_plain_write_of_the_answer_refused(self):
        for user in (self.portal_wang, self.user_agent):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.visit.with_user(user).write(
                    {"aftersales_visit_state": "confirmed"}
                )
        with self.assertRaises(AccessError):
            self.visit.with_user(self.portal_wang)._aftersales_portal_confirm()
        self.assertEqual(self.visit.aftersales_visit_state, "scheduled")
