# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import datetime
from urllib.parse import urlparse

from freezegun import freeze_time

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import ServiceCommon
from .test_service_plan import SIGNATURE


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestPortalIsolation(ServiceCommon, HttpCase):
    """Two customers of two companies, each with a request under way (a plan
    sent, a visit to come) and a completed one (its service report, its
    satisfaction survey): neither reaches the other's request, plan, visit,
    report, survey or attachments, by URL, by guessing ids, or by reusing
    the token of their own request or plan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company_b = env["res.company"].create({"name": "Northern Sofas"})
        cls.portal_chen.write(
            {"company_ids": [(4, cls.company_b.id)], "company_id": cls.company_b.id}
        )
        cls.other_customer.company_id = cls.company_b
        cls.done_stage = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        # Wang's (company A) and Chen's (company B)
        cls.mine = cls._case(cls.customer, cls.env.company, "Wang sofa")
        cls.theirs = cls._case(cls.other_customer, cls.company_b, "Chen armchair")
        env["helpdesk.ticket"]._cron_satisfaction()

    @classmethod
    def _case(cls, partner, company, name):
        env = cls.env
        Ticket = env["helpdesk.ticket"]
        vals = {
            "description": "<p>Broken</p>",
            "partner_id": partner.id,
            "company_id": company.id,
            "category_id": cls.cat_repair.id,
        }
        open_ticket = Ticket.create(dict(vals, name=name))
        plan = env["aftersales.service.plan"].create(
            {
                "ticket_id": open_ticket.id,
                "cause": f"Cause of {name}",
                "valid_until": "2026-03-16",
            }
        )
        plan.action_send()
        visit = env["calendar.event"].create(
            {
                "name": f"Visit {name}",
                "aftersales_ticket_id": open_ticket.id,
                "start": datetime(2026, 3, 5, 2, 0),
                "stop": datetime(2026, 3, 5, 4, 0),
            }
        )
        done = Ticket.create(dict(vals, name=f"{name} (done)"))
        done.service_completed_date = datetime(2026, 3, 1, 9, 0)
        report = env["ir.attachment"].create(
            {
                "name": f"Service Report {done.number}.pdf",
                "raw": b"%PDF-1.4 report of " + name.encode(),
                "mimetype": "application/pdf",
                "res_model": "helpdesk.ticket",
                "res_id": done.id,
            }
        )
        photo = env["ir.attachment"].create(
            {
                "name": f"photo {name}.png",
                "datas": base64.b64encode(SIGNATURE),
                "res_model": "helpdesk.ticket",
                "res_id": open_ticket.id,
            }
        )
        done.stage_id = cls.done_stage
        for ticket in open_ticket | done:
            ticket._portal_ensure_token()
        return {
            "ticket": open_ticket,
            "done": done,
            "plan": plan,
            "visit": visit,
            "report": report,
            "photo": photo,
        }

    def _post(self, url, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        return self.url_open(url, data=data, allow_redirects=False)

    def _refused_redirect(self, response):
        self.assertEqual(response.status_code, 303, response.text[:200])
        self.assertTrue(response.headers["Location"].endswith("/my"))

    def _tokens(self):
        """What a customer holds: the tokens of their own request and plan."""
        return [
            None,
            self.mine["ticket"].access_token,
            self.mine["done"].access_token,
            self.mine["plan"].access_token,
        ]

    def _as_each_visitor(self):
        """Logged in as the other customer, then without an account."""
        yield "as_portal_wang"
        yield None

    def _login(self, login):
        if login:
            self.authenticate(login, f"{login}_pw")
        else:
            self.authenticate(None, None)

    # ------------------------------------------------------------------
    # Requests and their pages
    # ------------------------------------------------------------------
    def test_own_objects_are_reachable(self):
        """The control: the same routes open one's own objects."""
        self._login("as_portal_wang")
        mine = self.mine
        page = self.url_open(f"/my/ticket/{mine['ticket'].id}").text
        self.assertIn(f"/my/service/plan/{mine['plan'].id}", page)
        self.assertIn(f"/my/ticket/{mine['ticket'].id}/visit/{mine['visit'].id}", page)
        self.assertNotIn(self.theirs["plan"].name, page)
        page = self.url_open(f"/my/service/plan/{mine['plan'].id}").text
        self.assertIn("Cause of Wang sofa", page)
        page = self.url_open(f"/my/ticket/{mine['done'].id}").text
        self.assertIn(mine["done"].satisfaction_input_id.access_token, page)
        self.assertNotIn(self.theirs["done"].satisfaction_input_id.access_token, page)

    def test_other_request_pages_refused(self):
        theirs = self.theirs
        for login in self._as_each_visitor():
            self._login(login)
            for ticket in (theirs["ticket"], theirs["done"]):
                for token in self._tokens():
                    with self.subTest(login=login, ticket=ticket.name, token=token):
                        url = f"/my/ticket/{ticket.id}"
                        if token:
                            url += f"?access_token={token}"
                        self._refused_redirect(
                            self.url_open(url, allow_redirects=False)
                        )
            # guessing the next ids
            guess = max(theirs["ticket"].id, theirs["done"].id) + 1000
            self._refused_redirect(
                self.url_open(f"/my/ticket/{guess}", allow_redirects=False)
            )

    # ------------------------------------------------------------------
    # Plans
    # ------------------------------------------------------------------
    def test_other_plan_refused(self):
        plan = self.theirs["plan"]
        for login in self._as_each_visitor():
            self._login(login)
            for token in self._tokens():
                with self.subTest(login=login, token=token):
                    url = f"/my/service/plan/{plan.id}"
                    if token:
                        url += f"?access_token={token}"
                    self._refused_redirect(self.url_open(url, allow_redirects=False))
                    result = self.make_jsonrpc_request(
                        f"/my/service/plan/{plan.id}/accept",
                        params={
                            "name": "Wang Fang",
                            "signature": SIGNATURE.decode(),
                            "access_token": token,
                        },
                    )
                    self.assertIn("error", result)
                    self._refused_redirect(
                        self._post(
                            f"/my/service/plan/{plan.id}/refuse",
                            refusal_reason="Not mine",
                            access_token=token or "",
                        )
                    )
            self._refused_redirect(
                self.url_open(
                    f"/my/service/plan/{plan.id + 1000}", allow_redirects=False
                )
            )
        self.assertEqual(plan.state, "sent")
        self.assertFalse(plan.signed_by)
        self.assertFalse(plan.refusal_reason)

    # ------------------------------------------------------------------
    # Visits
    # ------------------------------------------------------------------
    def test_other_visit_refused(self):
        theirs, mine = self.theirs, self.mine
        for login in self._as_each_visitor():
            self._login(login)
            for token in self._tokens():
                for action in ("confirm", "move"):
                    with self.subTest(login=login, token=token, action=action):
                        data = {
                            "access_token": token or "",
                            "reason": "Away",
                            "move_date": "2026-03-06",
                        }
                        # under their request: refused by the request's access
                        response = self._post(
                            f"/my/ticket/{theirs['ticket'].id}/visit/"
                            f"{theirs['visit'].id}/{action}",
                            **data,
                        )
                        self._refused_redirect(response)
                        # under one's own request: not one of its visits
                        response = self._post(
                            f"/my/ticket/{mine['ticket'].id}/visit/"
                            f"{theirs['visit'].id}/{action}",
                            **data,
                        )
                        # (without an account, only the request's own
                        # token opens it: the others go to /my)
                        self.assertEqual(response.status_code, 303)
                        self.assertIn(
                            urlparse(response.headers["Location"]).path,
                            ("/my", f"/my/ticket/{mine['ticket'].id}"),
                        )
        self.assertEqual(theirs["visit"].aftersales_visit_state, "scheduled")
        self.assertFalse(theirs["visit"].aftersales_move_reason)

    # ------------------------------------------------------------------
    # Service reports and attachments
    # ------------------------------------------------------------------
    def test_other_report_refused(self):
        done = self.theirs["done"]
        for login in self._as_each_visitor():
            self._login(login)
            for ticket_id in (done.id, done.id + 1000):
                for token in self._tokens():
                    with self.subTest(login=login, ticket=ticket_id, token=token):
                        url = f"/my/ticket/{ticket_id}/service_report"
                        if token:
                            url += f"?access_token={token}"
                        response = self.url_open(url, allow_redirects=False)
                        self._refused_redirect(response)
                        self.assertNotEqual(
                            response.headers.get("Content-Type"), "application/pdf"
                        )

    def test_other_attachments_refused(self):
        for login in self._as_each_visitor():
            self._login(login)
            for attachment in (self.theirs["report"], self.theirs["photo"]):
                for token in self._tokens():
                    with self.subTest(login=login, name=attachment.name, token=token):
                        for route in ("/web/content", "/web/image"):
                            url = f"{route}/{attachment.id}"
                            if token:
                                url += f"?access_token={token}"
                            response = self.url_open(url, allow_redirects=False)
                            self.assertNotEqual(response.content, attachment.raw)
                            self.assertNotIn(
                                attachment.name,
                                response.headers.get("Content-Disposition", ""),
                            )

    # ------------------------------------------------------------------
    # Satisfaction surveys
    # ------------------------------------------------------------------
    def test_other_survey_refused(self):
        answer = self.theirs["done"].satisfaction_input_id
        self.assertTrue(answer, "their survey invitation was sent")
        survey = answer.survey_id
        self._login("as_portal_wang")
        response = self.url_open(
            f"/survey/start/{survey.access_token}?answer_token={answer.access_token}",
            allow_redirects=False,
        )
        self.assertNotIn(answer.access_token, response.headers.get("Location", ""))
        response = self.url_open(
            f"/survey/submit/{survey.access_token}/{answer.access_token}",
            json={"params": {}},
        )
        self.assertEqual(response.json()["result"][1]["error"], "answer_wrong_user")
        self.assertEqual(answer.state, "new")
        self.assertEqual(self.theirs["done"].satisfaction_state, "invited")
