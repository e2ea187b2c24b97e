# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import AftersalesCommon

WINDOWS = 3  # months of history, read as three 30-day windows


@tagged("post_install", "-at_install")
class TestAnalysisDemoHistory(AftersalesCommon):
    """The demo history feeds every figure of the reports, in every month:
    satisfaction answers, feedback rate and the costs the company bears,
    through the real flows (survey answers, plans, spare parts,
    replenishments, compensations)."""

    def _history_groups(self):
        self.company.aftersales_shipping_cost = 25.0
        before = self.env["helpdesk.ticket"].search([]).ids
        self.env["helpdesk.ticket"]._aftersales_demo_history(
            count=150,
            days=30 * WINDOWS,
            seed=7,
            agents=self.user_agent,
            supervisor=self.user_supervisor,
        )
        now = fields.Datetime.now()
        Analysis = self.env["aftersales.analysis"]
        measures = [
            "__count",
            "invited_count:sum",
            "answered_count:sum",
            "satisfied_count:sum",
            "parts_cost:sum",
            "labour_cost:sum",
            "shipping_cost:sum",
            "compensation_amount:sum",
            "cost_amount:sum",
        ]
        windows = []
        for index in range(WINDOWS):
            domain = [
                ("ticket_id", "not in", before),
                ("received_date", ">=", now - timedelta(days=30 * (index + 1))),
                ("received_date", "<", now - timedelta(days=30 * index)),
            ]
            [row] = Analysis._read_group(domain, aggregates=measures)
            windows.append(dict(zip(measures, row, strict=True)))
        return windows

    def test_every_month_has_answers_and_costs(self):
        windows = self._history_groups()
        for window in windows:
            self.assertGreater(window["__count"], 20)
            self.assertGreater(window["answered_count:sum"], 0, window)
            self.assertGreater(window["satisfied_count:sum"], 0, window)
            self.assertGreater(window["parts_cost:sum"], 0, window)
            self.assertGreater(window["labour_cost:sum"], 0, window)
            self.assertGreater(window["cost_amount:sum"], 0, window)
        total = {key: sum(w[key] for w in windows) for key in windows[0]}
        feedback = 100.0 * total["answered_count:sum"] / total["invited_count:sum"]
        satisfaction = (
            100.0 * total["satisfied_count:sum"] / total["answered_count:sum"]
        )
        self.assertTrue(50 <= feedback <= 80, feedback)
        self.assertTrue(75 <= satisfaction < 100, satisfaction)
        self.assertGreater(total["shipping_cost:sum"], 0)
        self.assertGreater(total["compensation_amount:sum"], 0)
        self.assertAlmostEqual(
            total["cost_amount:sum"],
            total["parts_cost:sum"]
            + total["labour_cost:sum"]
            + total["shipping_cost:sum"]
            + total["compensation_amount:sum"],
        )
