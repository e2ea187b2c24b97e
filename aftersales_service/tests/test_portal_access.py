# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import AftersalesCommon


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestPortalAccess(AftersalesCommon, HttpCase):
    """A customer closes their request only by POST with a CSRF token, in a
    closing stage of the request's own team and company, and can't file a
    request in another company's team (issue 12, point 14)."""

    with_tile_shop = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.portal_lin = new_test_user(
            env,
            login="as_portal_lin",
            password="as_portal_lin_pw",
            groups="base.group_portal",
        )
        cls.portal_lin.partner_id.parent_id = cls.customer
        cls.other_company = env["res.company"].create({"name": "Tile Shop South"})
        Stage = env["helpdesk.ticket.stage"]
        cls.team = env["helpdesk.ticket.team"].create(
            {"name": "Tiles", "show_in_portal": True}
        )
        cls.stage_solved = Stage.create(
            {"name": "Solved by customer", "closed": True, "close_from_portal": True}
        )
        cls.stage_open = Stage.create(
            {"name": "Reopened", "closed": False, "close_from_portal": True}
        )
        cls.stage_south = Stage.create(
            {
                "name": "South closed",
                "closed": True,
                "close_from_portal": True,
                "company_id": cls.other_company.id,
            }
        )
        cls.team_south = env["helpdesk.ticket.team"].create(
            {
                "name": "South team",
                "show_in_portal": True,
                "company_id": cls.other_company.id,
            }
        )
        cls.ticket = cls._ticket(cls.cat_quality, team_id=cls.team.id)

    def _close(self, stage, csrf=True, method="POST"):
        data = {"ticket_id": self.ticket.id, "stage_id": stage.id}
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        if method == "GET":
            return self.url_open(
                f"/ticket/close?ticket_id={self.ticket.id}&stage_id={stage.id}",
                allow_redirects=False,
            )
        return self.url_open("/ticket/close", data=data, allow_redirects=False)

    def test_close_by_post_with_token_only(self):
        self.authenticate("as_portal_lin", "as_portal_lin_pw")
        self.assertEqual(self._close(self.stage_solved, method="GET").status_code, 405)
        self.assertEqual(self._close(self.stage_solved, csrf=False).status_code, 400)
        for stage in (self.stage_open, self.stage_south):
            with self.subTest(stage=stage.name):
                self.assertEqual(self._close(stage).status_code, 400)
        self.ticket.invalidate_recordset()
        self.assertNotIn(
            self.ticket.stage_id, self.stage_solved | self.stage_open | self.stage_south
        )
        response = self._close(self.stage_solved)
        self.assertEqual(response.status_code, 303)
        self.ticket.invalidate_recordset()
        self.assertEqual(self.ticket.stage_id, self.stage_solved)

    def test_submission_cannot_name_another_companys_team(self):
        self.company.helpdesk_mgmt_portal_select_team = True
        self.authenticate("as_portal_lin", "as_portal_lin_pw")
        before = self.env["helpdesk.ticket"].search_count([])
        response = self.url_open(
            "/submitted/ticket",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "category": self.cat_quality.id,
                "team": self.team_south.id,
                "subject": "Cracked tiles",
                "description": "Three tiles cracked.",
            },
        )
        self.assertIn("Choose a team of the list.", response.text)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), before)
