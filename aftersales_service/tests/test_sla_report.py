# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import freeze_time, tagged

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestSlaReport(AftersalesCommon):
    with_sla = True

    @freeze_time("2026-03-02 02:00:00")
    def test_compliance_by_kind_and_agent(self):
        on_time = self._ticket("consultation")
        late = self._ticket("consultation")
        self._ticket("consultation")  # still running: not counted yet
        cancelled = self._ticket("consultation")
        cancelled.stage_id = self.stage_cancelled
        with freeze_time("2026-03-02 05:00:00"):
            on_time.with_user(self.user_agent).message_post(
                body="Answer", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        with freeze_time("2026-03-04 05:00:00"):
            late.with_user(self.user_agent).message_post(
                body="Answer", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        self.env.flush_all()
        Report = self.env["aftersales.sla.report"].with_user(self.user_supervisor)
        groups = Report._read_group(
            # the follow-up call's targets wait for the completion
            [("team_id", "=", self.team.id), ("target_type", "!=", "followed_up")],
            ["aftersales_kind", "user_id", "start_date:month"],
            ["compliance:avg", "breached_count:sum", "__count"],
        )
        self.assertEqual(len(groups), 1)
        kind, agent, _month, compliance, breached, count = groups[0]
        self.assertEqual((kind, agent), ("consultation", self.user_agent))
        self.assertEqual(compliance, 50.0)
        self.assertEqual(breached, 1)
        self.assertEqual(count, 3, "cancelled targets are left out")

    def test_agents_do_not_open_the_report(self):
        self.assertFalse(
            self.env["aftersales.sla.report"]
            .with_user(self.user_agent)
            .has_access("read")
        )
