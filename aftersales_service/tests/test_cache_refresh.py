# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestCacheRefresh(AftersalesCommon):
    """Deleting a team or a stage refreshes the cached stage lists (issue 12,
    point 15)."""

    def test_deleted_team_or_stage_refreshes_stage_lists(self):
        Team = self.env["helpdesk.ticket.team"]
        north, south = Team.create([{"name": "North"}, {"name": "South"}])
        north_only = self.env["helpdesk.ticket.stage"].create(
            {"name": "North check", "team_ids": [Command.set(north.ids)]}
        )
        self.assertNotIn(north_only, south._get_applicable_stages())
        self.assertIn(north_only, north._get_applicable_stages())
        # South's list is cached now; without North the stage applies to all.
        north.unlink()
        self.assertFalse(north_only.team_ids)
        self.assertIn(north_only, south._get_applicable_stages())
        north_only.unlink()
        self.assertNotIn(north_only, south._get_applicable_stages())
