# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every request gets a kind at intake (issue 11, point 3): the team's
default kind on every channel, an acknowledgement saying when an
unclassified request will be classified, and targets counted from the
reception when the agent sets the kind later."""

from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import AftersalesCommon

RAW_EMAIL = """Return-Path: <wei@example.com>
To: {alias}@aftersales.test
From: Chen Wei <wei@example.com>
Subject: {subject}
Message-ID: <{message_id}@mail.example.com>
Date: Mon, 02 Mar 2026 01:00:00 +0000
Content-Type: text/plain; charset="utf-8"

The tiles you delivered last week are not the colour we ordered.
"""


@tagged("post_install", "-at_install")
class TestIntakeUnclassified(AftersalesCommon):
    with_intake = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        domain = cls.env["mail.alias.domain"].create({"name": "aftersales.test"})
        cls.company.alias_domain_id = domain
        cls.team_service = cls.env.ref("aftersales_service.team_service")
        cls.team_service.write(
            {
                "alias_name": "service",
                "alias_domain_id": domain.id,
                "user_ids": [Command.set([cls.user_agent.id])],
            }
        )
        cls.kind_complaint = cls.env.ref("aftersales_service.kind_complaint")
        # a front office handling two kinds, without a default kind
        cls.front_office = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Front Office",
                "alias_name": "front",
                "alias_domain_id": domain.id,
                "user_ids": [Command.set([cls.user_agent.id])],
            }
        )
        Category = cls.env["helpdesk.ticket.category"]
        cls.front_question, cls.front_complaint = Category.create(
            [
                {
                    "name": "Front question",
                    "aftersales_kind": "consultation",
                    "aftersales_team_id": cls.front_office.id,
                },
                {
                    "name": "Front complaint",
                    "aftersales_kind": "complaint",
                    "aftersales_team_id": cls.front_office.id,
                },
            ]
        )

    def _receive(self, alias, subject):
        """An email to ``alias``, processed by the mail gateway."""
        self.env["mail.thread"].message_process(
            None,
            RAW_EMAIL.format(
                alias=alias, subject=subject, message_id=subject.replace(" ", "-")
            ),
        )
        return self.env["helpdesk.ticket"].search([("name", "=", subject)])

    def _acknowledgement(self, ticket):
        self._run_acknowledgement_job()
        return ticket.message_ids.filtered(lambda m: ticket.number in (m.subject or ""))

    def test_mail_to_a_team_of_several_kinds_gets_its_default_kind(self):
        """The shipped customer-service team handles consultations and
        complaints: an email to its alias is a consultation, with its
        commitment, its target and its promised time."""
        self.assertEqual(
            self.team_service.aftersales_default_category_id, self.kind_consultation
        )
        ticket = self._receive("service", "Wrong colour")
        self.assertEqual(ticket.team_id, self.team_service)
        self.assertEqual(ticket.category_id, self.kind_consultation)
        self.assertIn("first_reply", ticket.sla_line_ids.mapped("target_type"))
        ack = self._acknowledgement(ticket)
        self.assertEqual(len(ack), 1)
        self.assertIn("We reply within 24 hours.", ack.body)
        self.assertIn("Expected handling time", ack.body)
        self.assertNotIn("We classify your request", ack.body)

    def test_acknowledgement_of_an_unclassified_request_says_when(self):
        ticket = self._receive("front", "Which glue")
        self.assertEqual(ticket.team_id, self.front_office)
        self.assertFalse(ticket.category_id, "two kinds and no default")
        self.assertFalse(ticket.sla_line_ids)
        ack = self._acknowledgement(ticket)
        self.assertIn("We classify your request within", ack.body)
        self.assertIn("4 working hours", ack.body)
        # the team says how long classifying takes
        self.front_office.aftersales_classification_hours = 1
        ticket = self._receive("front", "Which grout")
        body = self._acknowledgement(ticket).body
        self.assertIn("1 working hour", body)
        self.assertNotIn("1 working hours", body)

    def test_unclassified_acknowledgement_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "aftersales_service")]
        )._update_translations(["zh_CN"])
        self.contact.lang = "zh_CN"
        ticket = self._receive("front", "Which tile")
        ack = self._acknowledgement(ticket)
        self.assertIn("我们将在 4 个工作小时内为您的请求分类", ack.body)

    def test_agent_form_takes_the_team_default_kind(self):
        """In the backend form, the team's default kind appears as soon as the
        team is chosen, and a request created without a kind gets it."""
        self.front_office.aftersales_default_category_id = self.front_question
        form = Form(self.env["helpdesk.ticket"].with_user(self.user_agent))
        form.name = "Glue for outdoor tiles"
        form.description = "<p>Which glue?</p>"
        form.partner_id = self.contact
        form.team_id = self.front_office
        self.assertEqual(form.category_id, self.front_question)
        ticket = form.save()
        self.assertEqual(ticket.category_id, self.front_question)
        self.assertTrue(ticket.sla_line_ids)
        # the agent changes it: the kind chosen wins
        form = Form(self.env["helpdesk.ticket"].with_user(self.user_agent))
        form.name = "Broken tiles"
        form.description = "<p>Broken</p>"
        form.partner_id = self.contact
        form.team_id = self.front_office
        form.category_id = self.front_complaint
        self.assertEqual(form.save().category_id, self.front_complaint)
        # the mail gateway and a plain create take it too
        self.assertEqual(
            self._receive("front", "Grout colour").category_id, self.front_question
        )

    def test_default_kind_is_a_kind_of_the_team(self):
        with self.assertRaises(ValidationError):
            self.front_office.aftersales_default_category_id = self.kind_repair
        self.assertFalse(self.front_office.aftersales_default_category_id)

    def test_agent_cannot_set_a_team_default_kind(self):
        with self.assertRaises(AccessError):
            self.front_office.with_user(self.user_agent).write(
                {"aftersales_default_category_id": self.front_question.id}
            )

    # kind set at triage: its targets count from the reception
    def test_kind_set_the_next_day_counts_from_the_reception(self):
        # received Monday 09:00 Shanghai (01:00 UTC), no kind yet
        with freeze_time("2026-03-02 01:00:00"):
            ticket = self._receive("front", "Tiles colour")
        self.assertEqual(ticket.sla_received_date, datetime(2026, 3, 2, 1, 0))
        self.assertFalse(ticket.sla_line_ids)
        # the agent classifies it on Tuesday at 08:30 Shanghai
        with freeze_time("2026-03-03 00:30:00"):
            form = Form(ticket.with_user(self.user_agent))
            form.category_id = self.kind_complaint
            form.save()
        self.assertEqual(ticket.category_id, self.kind_complaint)
        feedback = self._line(ticket, "first_reply")
        plan = self._line(ticket, "plan_proposed")
        self.assertEqual(feedback.start_date, datetime(2026, 3, 2, 1, 0))
        # 24 hours from Monday, not from Tuesday
        self.assertEqual(feedback.deadline, datetime(2026, 3, 3, 1, 0))
        self.assertEqual(feedback.state, "running")
        self.assertEqual(plan.deadline, datetime(2026, 3, 5, 1, 0))

    def test_kind_set_after_the_deadline_is_breached_at_once(self):
        with freeze_time("2026-03-02 01:00:00"):
            ticket = self._receive("front", "Tiles cracked")
        with freeze_time("2026-03-02 03:00:00"):  # the agent answers at once
            ticket.with_user(self.user_agent).message_post(
                body="We are looking into it.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        with freeze_time("2026-03-03 02:00:00"):  # classified on Tuesday
            ticket.with_user(self.user_agent).category_id = self.front_complaint
        feedback = self._line(ticket, "first_reply")
        self.assertEqual(feedback.state, "met", "answered on Monday, in time")
        self.assertEqual(feedback.met_date, datetime(2026, 3, 2, 3, 0))
        # a request answered late is breached at once, not when the job runs
        with freeze_time("2026-03-02 01:00:00"):
            late = self._receive("front", "Tiles missing")
        with freeze_time("2026-03-03 02:00:00"):
            late.with_user(self.user_agent).category_id = self.front_complaint
        self.assertEqual(self._line(late, "first_reply").state, "breached")
        self.assertTrue(late.sla_breached)

    def test_kind_set_later_skips_the_pauses_since_the_reception(self):
        with freeze_time("2026-03-02 01:00:00"):
            ticket = self._receive("front", "Tiles order")
        as_agent = ticket.with_user(self.user_agent)
        with freeze_time("2026-03-02 02:00:00"):  # waiting on the customer
            as_agent.sla_pause_reason = "customer"
        with freeze_time("2026-03-02 06:00:00"):
            as_agent.sla_pause_reason = False
        with freeze_time("2026-03-03 00:30:00"):
            as_agent.category_id = self.front_complaint
        feedback = self._line(ticket, "first_reply")
        self.assertEqual(feedback.start_date, datetime(2026, 3, 2, 1, 0))
        # 24 hours from Monday plus the 4 hours waiting on the customer
        self.assertEqual(feedback.deadline, datetime(2026, 3, 3, 5, 0))
        self.assertEqual(feedback.state, "running")
        self.assertEqual(feedback.paused_hours, 4.0)
