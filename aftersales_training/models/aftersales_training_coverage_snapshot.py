# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models

from .aftersales_training_obligation import STATES


class AftersalesTrainingCoverageSnapshot(models.Model):
    """One person's training coverage as it stood at the end of a quarter.

    Written once by the daily job after the quarter is over and never
    changed: a yearly requirement keeps each quarter's rate side by side, and
    later trainings, exemptions or transfers don't rewrite it.
    """

    _name = "aftersales.training.coverage.snapshot"
    _description = "Quarterly Training Coverage"
    _order = "date desc, team_id, employee_id"
    _check_company_auto = True
    _rec_name = "employee_id"

    # Fields
    obligation_id = fields.Many2one(
        "aftersales.training.obligation",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    requirement_id = fields.Many2one(
        "aftersales.training.requirement", required=True, index=True, readonly=True
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, readonly=True
    )
    team_id = fields.Many2one("helpdesk.ticket.team", index=True, readonly=True)
    department_id = fields.Many2one("hr.department", index=True, readonly=True)
    period_name = fields.Char("Period", readonly=True)
    quarter_name = fields.Char("Quarter", required=True, index=True, readonly=True)
    date = fields.Date("As of", required=True, readonly=True)
    required_count = fields.Integer(
        "Required Trainings", readonly=True, aggregator="sum"
    )
    done_count = fields.Integer("Done Trainings", readonly=True, aggregator="sum")
    state = fields.Selection(STATES, required=True, readonly=True)
    coverage_rate = fields.Float(
        "Coverage (%)",
        readonly=True,
        aggregator="avg",
        help="100 for a person compliant at the end of the quarter, 0 otherwise; "
        "its average over a group is the group's rate at that date.",
    )
    company_id = fields.Many2one("res.company", required=True, index=True)

    # Constraints
    _obligation_date_uniq = models.Constraint(
        "UNIQUE(obligation_id, date)",
        "An obligation's coverage is frozen once per quarter.",
    )

    # Business methods
    @api.model
    def _get_last_quarter_end(self, today):
        return today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1) - timedelta(
            days=1
        )

    @api.model
    def _freeze(self, day, companies):
        """Freeze the coverage at the end of ``day`` of the companies'
        obligations whose period contains it, once per obligation."""
        obligations = self.env["aftersales.training.obligation"].search(
            [
                ("company_id", "in", companies.ids),
                ("date_from", "<=", day),
                ("date_to", ">=", day),
            ]
        )
        obligations -= self.search(
            [("obligation_id", "in", obligations.ids), ("date", "=", day)]
        ).obligation_id
        return self.create(obligations._get_coverage_snapshot_vals(day))

    @api.model
    def _cron_freeze_last_quarter(self):
        """Freeze each company's last quarter once it is over on the
        company's calendar."""
        companies = self.env["res.company"].browse(
            company.id
            for [company] in self.env["aftersales.training.obligation"]._read_group(
                [("company_id", "!=", False)], ["company_id"]
            )
        )
        for day, day_companies in companies.grouped(
            lambda c: self._get_last_quarter_end(c._get_training_today())
        ).items():
            self._freeze(day, day_companies)
