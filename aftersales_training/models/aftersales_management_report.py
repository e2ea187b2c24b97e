# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.fields import Domain


class AftersalesManagementReport(models.Model):
    """The monthly report tells the training coverage of the teams."""

    _inherit = "aftersales.management.report"

    def _get_training_coverage(self):
        """Coverage of the training obligations whose period holds the
        report's month: [(team, total, compliant, overdue, rate)]."""
        self.ensure_one()
        domain = Domain(
            [
                ("company_id", "=", self.company_id.id),
                ("date_from", "<", self.date_to),
                ("date_to", ">=", self.date_from),
            ]
        )
        if self.team_id:
            domain &= Domain("team_id", "=", self.team_id.id)
        coverage = (
            self.env["aftersales.training.obligation"]
            .sudo()
            ._get_coverage(domain, groupby=("team_id",))
        )
        return sorted(
            (
                (
                    team.display_name or self.env._("No team"),
                    line["total"],
                    line["compliant"],
                    line["overdue"],
                    line["rate"],
                )
                for (team,), line in coverage.items()
            ),
            key=lambda row: row[0],
        )
