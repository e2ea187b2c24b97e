# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from freezegun import freeze_time
from lxml import html

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import AftersalesCommon

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestPortalCenter(AftersalesCommon, HttpCase):
    """Two customers of two companies use the after-sales center: each sees,
    follows and acts on their own requests only, by login or by the emailed
    link; a refused action changes nothing."""

    with_sla = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.customer.tz = "Asia/Shanghai"
        cls.portal_lin = new_test_user(
            env,
            login="as_center_lin",
            password="as_center_lin_pw",
            groups="base.group_portal",
            name="Lin Mei",
            tz="Asia/Shanghai",
        )
        cls.portal_lin.partner_id.parent_id = cls.customer
        cls.company_b = env["res.company"].create({"name": "Northern Tiles Co"})
        cls.customer_b = env["res.partner"].create(
            {
                "name": "Wang Interiors",
                "email": "wang@example.com",
                "company_id": cls.company_b.id,
            }
        )
        cls.portal_wang = new_test_user(
            env,
            login="as_center_wang",
            password="as_center_wang_pw",
            groups="base.group_portal",
            name="Wang Fang",
            company_id=cls.company_b.id,
            company_ids=[cls.company_b.id],
        )
        cls.portal_wang.partner_id.parent_id = cls.customer_b
        cls.stage_progress = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        cls.ticket_new = cls._ticket("repair", name="Dishwasher does not start")
        cls.ticket_waiting = cls._ticket(
            "repair", name="Oven door noise", stage_id=cls.stage_progress.id
        )
        cls.ticket_waiting.sla_pause_reason = "customer"
        cls.ticket_done = cls._ticket("consultation", name="How to descale")
        cls.ticket_done.stage_id = cls.stage_done
        cls.ticket_b = env["helpdesk.ticket"].create(
            {
                "name": "Wang's broken tap",
                "description": "<p>Leaks</p>",
                "partner_id": cls.customer_b.id,
                "company_id": cls.company_b.id,
            }
        )
        cls.attachment_b = env["ir.attachment"].create(
            {
                "name": "wang-photo.png",
                "raw": PNG,
                "res_model": "helpdesk.ticket",
                "res_id": cls.ticket_b.id,
            }
        )
        for ticket in cls.ticket_new | cls.ticket_b:
            ticket._portal_ensure_token()

    def _post(self, url, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        return self.url_open(url, data=data, allow_redirects=False)

    def _rows(self, response):
        tree = html.fromstring(response.text)
        return [row.get("data-request") for row in tree.xpath("//tr[@data-request]")]

    # ------------------------------------------------------------------
    # Words, list and counts
    # ------------------------------------------------------------------
    def test_list_own_requests_action_first_with_filters(self):
        self.authenticate("as_center_lin", "as_center_lin_pw")
        response = self.url_open("/my/tickets")
        self.assertIn("After-sales requests", response.text)
        self.assertNotIn(">Tickets<", response.text)
        rows = self._rows(response)
        self.assertEqual(rows[0], self.ticket_waiting.number, "needs action first")
        self.assertCountEqual(
            rows,
            [
                self.ticket_new.number,
                self.ticket_waiting.number,
                self.ticket_done.number,
            ],
        )
        self.assertNotIn(self.ticket_b.number, rows)
        for filterby, expected in (
            ("action", [self.ticket_waiting]),
            ("open", [self.ticket_new]),
            ("resolved", [self.ticket_done]),
            ("cancelled", []),
        ):
            with self.subTest(filterby=filterby):
                rows = self._rows(self.url_open(f"/my/tickets?filterby={filterby}"))
                self.assertEqual(rows, [t.number for t in expected])
        response = self.url_open("/my/tickets?kind=consultation")
        rows = self._rows(response)
        self.assertEqual(rows, [self.ticket_done.number])
        rows = self._rows(self.url_open("/my/tickets?search=descale"))
        self.assertEqual(rows, [self.ticket_done.number])
        home = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["ticket_count", "aftersales_action_count"]}
        )
        self.assertEqual(home, {"ticket_count": 3, "aftersales_action_count": 1})

    def test_list_escapes_text(self):
        self.ticket_new.name = "<script>alert('x')</script>"
        self.authenticate("as_center_lin", "as_center_lin_pw")
        text = self.url_open("/my/tickets").text
        self.assertNotIn("<script>alert('x')</script>", text)
        self.assertIn("&lt;script&gt;", text)

    # ------------------------------------------------------------------
    # Request page
    # ------------------------------------------------------------------
    def test_request_page_timeline_and_promises(self):
        self.ticket_waiting.sla_line_ids = [
            (
                0,
                0,
                {
                    "name": "First reply",
                    "target_type": "first_reply",
                    "duration_hours": 4.0,
                    "state": "met",
                    "deadline": "2026-03-02 08:00:00",
                    "met_date": "2026-03-02 03:00:00",
                },
            ),
            (
                0,
                0,
                {
                    "name": "Resolved",
                    "target_type": "resolved",
                    "duration_hours": 16.0,
                    "state": "breached",
                    "deadline": "2026-03-01 08:00:00",
                },
            ),
        ]
        self.authenticate("as_center_lin", "as_center_lin_pw")
        response = self.url_open(f"/my/ticket/{self.ticket_waiting.id}")
        tree = html.fromstring(response.text)
        steps = {
            li.get("data-step"): li.get("data-state")
            for li in tree.xpath("//li[@data-step]")
        }
        self.assertEqual(steps["received"], "done")
        self.assertEqual(steps["diagnosis"], "current")
        self.assertEqual(steps["waiting_reply"], "current")
        self.assertEqual(steps["resolved"], "todo")
        self.assertTrue(tree.xpath("//div[@data-action='reply']"))
        kept = [
            td.text_content().strip()
            for td in tree.xpath("//td[@name='aftersales_kept']")
        ]
        self.assertIn("Kept", kept)
        self.assertIn("Late", kept)
        # 08:00 UTC is 16:00 in Shanghai
        self.assertIn("03/02/2026 04:00:00 PM", response.text)

    def test_other_customers_request_refused_by_url_id_and_token(self):
        self.authenticate("as_center_lin", "as_center_lin_pw")
        for url in (
            f"/my/ticket/{self.ticket_b.id}",
            f"/my/ticket/{self.ticket_b.id}/{self.ticket_new.access_token}",
            f"/my/ticket/{self.ticket_b.id}?access_token={self.ticket_new.access_token}",
            f"/my/ticket/{self.ticket_b.id + 1000}",
        ):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertEqual(response.status_code, 303)
                self.assertTrue(response.headers["Location"].endswith("/my"))
        for url in (
            f"/web/content/{self.attachment_b.id}",
            f"/web/content/{self.attachment_b.id}?access_token={self.ticket_b.access_token}",
            f"/web/image/{self.attachment_b.id}",
        ):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                # refused, or the placeholder image
                self.assertNotEqual(response.content, PNG)
                self.assertNotIn(
                    b"wang-photo",
                    response.headers.get("Content-Disposition", "").encode(),
                )
        # and the other way round
        self.authenticate("as_center_wang", "as_center_wang_pw")
        response = self.url_open(
            f"/my/ticket/{self.ticket_new.id}", allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        self.assertNotIn(
            self.ticket_new.number, self._rows(self.url_open("/my/tickets"))
        )

    def test_follow_by_emailed_link_without_account(self):
        self.env.invalidate_all()
        self.ticket_new._aftersales_send_acknowledgement()
        message = self.ticket_new.message_ids.filtered(
            lambda m: "/my/ticket/" in (m.body or "")
        )[:1]
        self.assertTrue(message, "the acknowledgement carries the request's link")
        link = html.fromstring(message.body).xpath(
            "//a[contains(@href, '/my/ticket/')]"
        )
        href = link[0].get("href")
        self.assertIn(f"access_token={self.ticket_new.access_token}", href)
        path = href[href.index("/my/ticket/") :]
        response = self.url_open(path)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Dishwasher does not start", response.text)
        self.assertIn('data-step="received"', response.text)
        # the token of one request opens no other
        wrong = (
            f"/my/ticket/{self.ticket_b.id}?access_token={self.ticket_new.access_token}"
        )
        self.assertEqual(self.url_open(wrong, allow_redirects=False).status_code, 303)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def test_cancel_own_new_request(self):
        self.authenticate("as_center_lin", "as_center_lin_pw")
        response = self._post(
            f"/my/ticket/{self.ticket_new.id}/cancel", reason="Found the plug unplugged"
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.ticket_new.stage_id, self.stage_cancelled)
        message = self.ticket_new.message_ids.filtered(lambda m: "unplugged" in m.body)
        self.assertEqual(message.author_id, self.portal_lin.partner_id)

    def test_cancel_refused_when_handled_or_not_own_or_without_csrf(self):
        self.authenticate("as_center_lin", "as_center_lin_pw")
        response = self._post(f"/my/ticket/{self.ticket_waiting.id}/cancel")
        self.assertEqual(response.status_code, 200)
        self.assertIn("already being handled", response.text)
        self.assertEqual(self.ticket_waiting.stage_id, self.stage_progress)
        stage_b = self.ticket_b.stage_id
        response = self._post(f"/my/ticket/{self.ticket_b.id}/cancel")
        self.assertEqual(response.status_code, 303)
        response = self._post(
            f"/my/ticket/{self.ticket_b.id}/cancel",
            access_token=self.ticket_new.access_token,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.ticket_b.stage_id, stage_b)
        response = self._post(f"/my/ticket/{self.ticket_new.id}/cancel", csrf_token="x")
        self.assertEqual(response.status_code, 400)
        # a GET changes nothing
        self.url_open(f"/my/ticket/{self.ticket_new.id}/cancel")
        self.assertNotEqual(self.ticket_new.stage_id, self.stage_cancelled)

    def test_cancel_by_token_without_account(self):
        self.authenticate(None, None)
        response = self._post(
            f"/my/ticket/{self.ticket_new.id}/cancel",
            access_token=self.ticket_new.access_token,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.ticket_new.stage_id, self.stage_cancelled)
        message = self.ticket_new.message_ids.filtered(
            lambda m: "cancelled the request" in m.body
        )
        self.assertEqual(message.author_id, self.customer, "the request's customer")

    def test_not_solved_reopens_within_window(self):
        self.authenticate("as_center_lin", "as_center_lin_pw")
        with freeze_time("2026-03-09 08:00:00"):
            response = self._post(
                f"/my/ticket/{self.ticket_done.id}/reopen", reason="Still scaling"
            )
        self.assertEqual(response.status_code, 303)
        self.assertFalse(self.ticket_done.stage_id.closed)
        message = self.ticket_done.message_ids.filtered(
            lambda m: "not solved" in m.body
        )
        self.assertEqual(message.author_id, self.portal_lin.partner_id)

    def test_not_solved_refused_after_window(self):
        self.company.aftersales_reopen_days = 3
        self.authenticate("as_center_lin", "as_center_lin_pw")
        with freeze_time("2026-03-06 09:00:00"):
            response = self._post(f"/my/ticket/{self.ticket_done.id}/reopen")
        self.assertEqual(response.status_code, 200)
        self.assertIn("within 3", response.text)
        self.assertEqual(self.ticket_done.stage_id, self.stage_done)

    def test_plain_write_of_stage_refused_to_customer(self):
        with self.assertRaises(AccessError):
            self.ticket_new.with_user(self.portal_lin).write(
                {"stage_id": self.stage_cancelled.id}
            )
        with self.assertRaises(AccessError):
            self.ticket_new.with_user(self.portal_lin).action_aftersales_portal_cancel()


@freeze_time("2026-02-20 09:00:00")
@tagged("post_install", "-at_install")
class TestPortalSubmit(AftersalesCommon, HttpCase):
    """The request form asks the kind first, then only what it needs, picks
    the product among the customer's deliveries, takes photos and videos
    within stated limits, shows the return rules, and ignores any field it
    does not offer; a refusal saves nothing."""

    with_intake = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_chen = new_test_user(
            cls.env,
            login="as_submit_chen",
            password="as_submit_chen_pw",
            groups="base.group_portal",
            name="Chen Wei Portal",
        )
        cls.portal_chen.partner_id.parent_id = cls.customer
        cls.line = cls.delivery.move_line_ids

    def _submit(self, category, files=None, **values):
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "category": category.id,
            "subject": "It stopped working",
            "description": "Since yesterday.",
        }
        data.update(values)
        if files is None:
            files = {"attachment": ("photo.png", PNG, "image/png")}
        return self.url_open("/submitted/ticket", data=data, files=files)

    def _requests(self):
        return self.env["helpdesk.ticket"].search(
            [("commercial_partner_id", "=", self.customer.id)]
        )

    def test_kind_first_then_its_fields(self):
        self.authenticate("as_submit_chen", "as_submit_chen_pw")
        page = self.url_open("/new/ticket").text
        self.assertIn('data-kind="repair"', page)
        self.assertNotIn('name="subject"', page)
        page = self.url_open(f"/new/ticket?category={self.kind_repair.id}").text
        tree = html.fromstring(page)
        self.assertTrue(tree.xpath("//select[@name='delivery_line']"))
        self.assertTrue(tree.xpath("//input[@name='install_location']"))
        self.assertFalse(tree.xpath("//input[@name='return_qty']"))
        self.assertTrue(tree.xpath("//textarea[@name='description']"), page)
        self.assertIn("DW60-2026-001", page)
        self.assertNotIn("OV45-2026-009", page, "another customer's delivery")
        page = self.url_open(f"/new/ticket?category={self.kind_consultation.id}").text
        tree = html.fromstring(page)
        self.assertFalse(tree.xpath("//select[@name='delivery_line']"))
        self.assertFalse(tree.xpath("//input[@name='install_location']"))

    def test_repair_from_own_delivery_line_with_photo(self):
        self.authenticate("as_submit_chen", "as_submit_chen_pw")
        response = self._submit(
            self.kind_repair,
            delivery_line=str(self.line.id),
            install_location="Kitchen",
            # fields the form does not offer are ignored
            user_id=str(self.user_supervisor.id),
            priority="3",
            partner_id=str(self.other_customer.id),
            stage_id=str(self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id),
        )
        self.assertEqual(response.status_code, 200)
        ticket = self._requests()
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.lot_id, self.lot)
        self.assertEqual(ticket.product_id, self.product)
        self.assertEqual(ticket.delivery_id, self.delivery)
        self.assertEqual(str(ticket.purchase_date), "2026-02-10", "from the delivery")
        self.assertEqual(ticket.partner_id, self.portal_chen.partner_id)
        self.assertNotEqual(ticket.user_id, self.user_supervisor)
        self.assertFalse(ticket.stage_id.closed)
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["photo.png"])
        # the list names the product, which a customer may not read
        response = self.url_open("/my/tickets")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.product.name, response.text)

    def test_refused_evidence_saves_nothing(self):
        self.authenticate("as_submit_chen", "as_submit_chen_pw")
        cases = [
            (
                {"attachment": ("notes.html", b"<script>x</script>", "text/html")},
                "is not a photo, a video or a PDF",
            ),
            (
                {"attachment": ("logo.svg", b"<svg/>", "image/svg+xml")},
                "is not a photo, a video or a PDF",
            ),
            (
                {
                    "attachment": (
                        "long.mp4",
                        b"\0" * (26 * 1024 * 1024),
                        "video/mp4",
                    )
                },
                "each file may be at most 25 MB",
            ),
            ({}, "Add at least one photo or video"),
        ]
        for files, message in cases:
            with self.subTest(message=message):
                response = self._submit(
                    self.kind_return,
                    files=files,
                    delivery_line=str(self.line.id),
                    return_qty="1",
                    return_reason="quality",
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertIn("It stopped working", response.text, "input kept")
        self.assertFalse(self._requests())
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("name", "in", ["notes.html", "long.mp4"])]
            )
        )

    def test_return_shows_rules_and_records_quantity(self):
        self.authenticate("as_submit_chen", "as_submit_chen_pw")
        page = self.url_open(f"/new/ticket?category={self.kind_return.id}").text
        tree = html.fromstring(page)
        rules = {
            row.get("data-reason"): row.get("data-eligible")
            for row in tree.xpath("//tr[@data-delivery]")
        }
        # delivered on 10 February, today 20 February: 30 days for a defect,
        # 7 days for another reason
        self.assertEqual(rules, {"quality": "1", "other": "0"})
        self.assertIn("03/12/2026", page)
        response = self._submit(
            self.kind_return,
            delivery_line=str(self.line.id),
            return_qty="5",
            return_reason="quality",
        )
        self.assertIn("between 1 and 2", response.text)
        self.assertFalse(self._requests())
        self._submit(
            self.kind_return,
            delivery_line=str(self.line.id),
            return_qty="2",
            return_reason="quality",
            return_packaging_intact="1",
        )
        ticket = self._requests()
        self.assertEqual(ticket.aftersales_return_qty, 2)
        self.assertEqual(ticket.return_reason, "quality")
        self.assertTrue(ticket.return_packaging_intact)
        self.assertFalse(ticket.return_unused)
        self.assertTrue(ticket.return_eligible)
        self.assertEqual(ticket.return_shipping_payer, "company")

    def test_other_customers_delivery_line_refused(self):
        self.authenticate("as_submit_chen", "as_submit_chen_pw")
        response = self._submit(
            self.kind_repair,
            delivery_line=str(self.other_delivery.move_line_ids.id),
            install_location="Kitchen",
        )
        self.assertIn("not one you received", response.text)
        self.assertFalse(self._requests())
