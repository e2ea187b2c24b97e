# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import freeze_time, tagged, warmup

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestSlaPerformance(AftersalesCommon):
    """SLA assignment costs a fixed number of queries whatever the number of
    policies: one cached search, matching in Python, one create of the lines."""

    with_sla = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy_vals = [
            {
                "name": f"Perf {i}",
                "sequence": 100 + i,
                "aftersales_kind": "repair",
                "service_tier": "key",
                "target_ids": [
                    (0, 0, {"target_type": "first_reply", "duration": 24}),
                    (
                        0,
                        0,
                        {
                            "target_type": "resolved",
                            "duration": 3,
                            "duration_unit": "working_days",
                            "calendar_mode": "company",
                        },
                    ),
                ],
            }
            for i in range(50)
        ]
        cls.matching = cls.env["aftersales.sla.policy"].create(
            {
                "name": "Perf matching",
                "sequence": 200,
                "aftersales_kind": "repair",
                "target_ids": [
                    (0, 0, {"target_type": "first_reply", "duration": 24}),
                    (
                        0,
                        0,
                        {
                            "target_type": "resolved",
                            "duration": 3,
                            "duration_unit": "working_days",
                            "calendar_mode": "company",
                        },
                    ),
                ],
            }
        )
        cls.env.ref("aftersales_service.sla_policy_repair").active = False

    def _queries_for_create(self, count=1):
        # warm the caches (policies, calendar) like a running server
        self._ticket("repair")
        self.env.flush_all()
        start = self.cr.sql_log_count
        tickets = self.env["helpdesk.ticket"].create(
            [self._ticket_vals() for _i in range(count)]
        )
        self.env.flush_all()
        self.assertEqual(len(tickets.sla_line_ids), 2 * count)
        return self.cr.sql_log_count - start

    def _ticket_vals(self):
        return {
            "name": "Perf",
            "description": "<p>x</p>",
            "category_id": self.categories["repair"].id,
            "team_id": self.team.id,
            "user_id": self.user_agent.id,
            "partner_id": self.customer.id,
        }

    @freeze_time("2026-03-02 02:00:00")
    def test_query_count_constant_in_number_of_policies(self):
        self.env["aftersales.sla.policy"].create(self.policy_vals[:5])
        with_5 = self._queries_for_create()
        self.env["aftersales.sla.policy"].create(self.policy_vals[5:])
        with_50 = self._queries_for_create()
        self.assertEqual(with_5, with_50)
        # SLA assignment adds one query to a create: the insert of its lines
        self.matching.active = False
        self.assertLessEqual(with_5, self._queries_for_create_bare() + 1)

    def _queries_for_create_bare(self):
        self.env["helpdesk.ticket"].create(self._ticket_vals())
        self.env.flush_all()
        start = self.cr.sql_log_count
        self.env["helpdesk.ticket"].create(self._ticket_vals())
        self.env.flush_all()
        return self.cr.sql_log_count - start

    @warmup
    @freeze_time("2026-03-02 02:00:00")
    def test_assignment_query_count(self):
        """The SLA part of a create, caches cold for records: read the
        requests, the cached policies, their teams and targets, the company
        and its calendar once each, insert all lines. The working intervals
        come from the cache shared between transactions: no query."""
        self.env["aftersales.sla.policy"].create(self.policy_vals)
        self._ticket("repair")
        tickets = self.env["helpdesk.ticket"].create(
            [self._ticket_vals() for _i in range(10)]
        )
        tickets.sla_line_ids.unlink()
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(10):
            tickets._sla_rematch(new=True)
            self.env.flush_all()
        self.assertEqual(len(tickets.sla_line_ids), 20)
