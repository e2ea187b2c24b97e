# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import AftersalesCommon

MAIL = """Return-Path: <zhao@example.com>
To: suggestions@example.com
From: Zhao Min <zhao@example.com>
Subject: Open on Saturdays
Message-ID: <suggestion-1@example.com>
Content-Type: text/plain; charset="utf-8"

Please open the service desk on Saturday mornings.
"""


@tagged("post_install", "-at_install")
class TestSuggestionReview(AftersalesCommon):
    def test_email_suggestion_reviewed_and_answered(self):
        self.env["mail.alias.domain"].search([]).unlink()
        self.env["mail.alias.domain"].create({"name": "example.com"})
        suggestion_id = self.env["mail.thread"].message_process(
            False, MAIL.replace("\n", "\r\n")
        )
        suggestion = self.env["aftersales.suggestion"].browse(suggestion_id)
        self.assertRecordValues(
            suggestion,
            [
                {
                    "name": "Open on Saturdays",
                    "channel": "email",
                    "state": "new",
                    "email_from": '"Zhao Min" <zhao@example.com>',
                }
            ],
        )
        self.assertIn("Saturday mornings", suggestion.description)

        for user in (self.user_agent, self.user_supervisor):
            with self.assertRaises(UserError):
                suggestion.with_user(user).write({"state": "adopted"})
        with self.assertRaises(AccessError):
            suggestion.with_user(self.user_agent).action_review()

        suggestion = suggestion.with_user(self.user_supervisor)
        suggestion.action_review()
        self.assertEqual(suggestion.state, "review")
        with self.assertRaises(UserError):
            suggestion.action_adopt()
        suggestion.reply = "From March, the desk opens on Saturdays 9-12."
        suggestion.action_adopt()
        self.assertEqual(suggestion.state, "adopted")
        self.assertEqual(suggestion.reviewer_id, self.user_supervisor)
        reply = suggestion.message_ids.filtered(
            lambda m: "Saturdays 9-12" in str(m.body)
        )
        self.assertTrue(reply, "the reply is sent to the customer")
        with self.assertRaises(UserError):
            suggestion.action_decline()


@tagged("post_install", "-at_install")
class TestSuggestionPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = new_test_user(
            cls.env,
            login="sg_customer",
            password="sg_customer_pw",
            groups="base.group_portal",
            name="Sun Li",
            email="sun.li@example.com",
        )
        cls.other = new_test_user(
            cls.env,
            login="sg_other",
            password="sg_other_pw",
            groups="base.group_portal",
            name="Qian Bo",
            email="qian.bo@example.com",
        )

    def _post(self, subject, description):
        page = self.url_open("/my/suggestions")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(
            "/my/suggestions/submit",
            data={"csrf_token": token, "subject": subject, "description": description},
        )

    def test_customer_sends_a_suggestion_and_sees_only_theirs(self):
        self.authenticate("sg_customer", "sg_customer_pw")
        self.assertIn('href="/my/suggestions"', self.url_open("/my").text)
        response = self._post("Spare parts list", "Publish the spare parts prices.")
        self.assertIn("your suggestion was sent", response.text)
        suggestion = self.env["aftersales.suggestion"].search(
            [("partner_id", "=", self.customer.partner_id.id)]
        )
        self.assertRecordValues(
            suggestion, [{"name": "Spare parts list", "channel": "portal"}]
        )
        self.assertIn("Spare parts list", self.url_open("/my/suggestions").text)

        empty = self._post("  ", "")
        self.assertIn("Give your suggestion a subject", empty.text)
        self.assertEqual(
            self.env["aftersales.suggestion"].search_count(
                [("partner_id", "=", self.customer.partner_id.id)]
            ),
            1,
        )

        self.authenticate("sg_other", "sg_other_pw")
        self.assertNotIn("Spare parts list", self.url_open("/my/suggestions").text)
        self.assertFalse(
            self.env["aftersales.suggestion"].with_user(self.other).search([])
        )
