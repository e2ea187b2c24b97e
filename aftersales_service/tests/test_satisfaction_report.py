# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import freeze_time, tagged

from .common import SatisfactionCommon


@tagged("post_install", "-at_install")
class TestSatisfactionReport(SatisfactionCommon):
    @freeze_time("2026-03-02 02:00:00")
    def test_customer_file_and_pivot_figures(self):
        happy = self._closed_and_invited("repair")
        unhappy = self._closed_and_invited("repair")
        silent = self._closed_and_invited("consultation")
        with freeze_time("2026-03-02 05:00:00"):
            self._answer(happy.satisfaction_input_id, 5)
        with freeze_time("2026-03-02 06:00:00"):
            self._answer(unhappy.satisfaction_input_id, 2)
        self.assertEqual(silent.satisfaction_state, "invited")

        contact = self.env["res.partner"].create(
            {"name": "Li Na's colleague", "parent_id": self.customer.id}
        )
        for partner in (self.customer, contact):
            partner = partner.with_user(self.user_agent)
            self.assertEqual(partner.aftersales_last_satisfaction, 2)
            self.assertEqual(partner.aftersales_avg_satisfaction, 3.5)
            self.assertEqual(partner.aftersales_dissatisfied_count, 1)

        self.env.flush_all()
        Report = self.env["aftersales.satisfaction.report"].with_user(
            self.user_supervisor
        )
        [(team, invited, answered, feedback, satisfaction, score)] = Report._read_group(
            [("team_id", "=", self.team.id)],
            ["team_id"],
            [
                "invited_count:sum",
                "answered_count:sum",
                "feedback_rate:avg",
                "satisfaction_rate:avg",
                "score:avg",
            ],
        )
        self.assertEqual(team, self.team)
        self.assertEqual((invited, answered), (3, 2))
        self.assertAlmostEqual(feedback, 200 / 3)
        self.assertEqual(satisfaction, 50.0)
        self.assertEqual(score, 3.5)
        by_kind = dict(
            Report._read_group(
                [("team_id", "=", self.team.id)],
                ["aftersales_kind"],
                ["feedback_rate:avg"],
            )
        )
        self.assertEqual(by_kind, {"repair": 100.0, "consultation": 0.0})
        by_agent = Report._read_group(
            [("team_id", "=", self.team.id)],
            ["user_id", "invited_date:month"],
            ["satisfaction_rate:avg"],
        )
        self.assertEqual(len(by_agent), 1)
        self.assertEqual(by_agent[0][0], self.user_agent)

    def test_agents_do_not_open_the_analysis(self):
        Report = self.env["aftersales.satisfaction.report"]
        self.assertFalse(Report.with_user(self.user_agent).has_access("read"))
        self.assertTrue(Report.with_user(self.user_supervisor).has_access("read"))
