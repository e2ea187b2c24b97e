# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import AftersalesCommon

MONTHS = (
    datetime(2026, 1, 5, 2, 0),
    datetime(2026, 2, 5, 2, 0),
    datetime(2026, 3, 5, 2, 0),
)
REPLY_HOURS = (2, 10, 30, None)  # first reply after n hours; None: no reply


def _breached(row):
    """The first reply target (24 h) is breached by a reply after 30 h, or
    by no reply on a request closed at 40 h."""
    return row["reply"] == 30 or (row["reply"] is None and row["closed"])


OTHER_KINDS = ("consultation", "repair", "technical")


PART_COST = 12.5  # the spare part's cost; two are used
LABOUR_RATE = 40.0  # an hour of labour; plans of 3 hours


def mix(index):
    """The fixed mix of request ``index`` (0-199): month, kind, reply delay,
    closing, reopening, compensation, spare parts, labour and the
    satisfaction survey (every closed request is invited; three in seven
    answer, one in three of those is dissatisfied, which reopens it)."""
    kind = "complaint" if index % 10 == 0 else OTHER_KINDS[(index // 3) % 3]
    closed = index % 5 in (0, 1, 2)
    answered = closed and index % 7 in (0, 3, 5)
    return {
        "month": index % 3,
        "kind": kind,
        "reply": REPLY_HOURS[index % 4],
        "closed": closed,
        "reopened": index % 20 == 1,
        "compensation": 25.0 + index
        if kind == "complaint" and index % 20 == 0
        else 0.0,
        "parts": 2 * PART_COST if index % 25 == 2 else 0.0,
        "labour": 3 * LABOUR_RATE if index % 25 == 7 else 0.0,
        "invited": closed,
        "answered": answered,
        "satisfied": answered and index % 5 != 1,
    }


def _reopened(row):
    """Reopened by hand, or by a dissatisfied answer."""
    return row["reopened"] or (row["answered"] and not row["satisfied"])


def _cost(row):
    return row["compensation"] + row["parts"] + row["labour"]


@tagged("post_install", "-at_install")
class TestAnalysis(AftersalesCommon):
    """200 requests over three months with a fixed mix; every figure of the
    analysis is compared with the same count done by hand on the mix."""

    with_sla = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["aftersales.sla.policy"].search([]).active = False
        env["aftersales.sla.policy"].create(
            {
                "name": "Reply within a day",
                "sequence": 1,
                "team_ids": [(4, cls.team.id)],
                "target_ids": [
                    (0, 0, {"target_type": "first_reply", "duration": 24.0})
                ],
            }
        )
        cls.company.aftersales_agent_compensation_limit = 1000.0
        cls.company.aftersales_labour_rate = LABOUR_RATE
        cls.part = env["product.product"].create(
            {
                "name": "Door hinge",
                "type": "consu",
                "is_storable": True,
                "standard_price": PART_COST,
            }
        )
        stock = (
            env["stock.warehouse"]
            .search([("company_id", "=", cls.company.id)], limit=1)
            .lot_stock_id
        )
        env["stock.quant"]._update_available_quantity(cls.part, stock, 100)
        cls.mix = [mix(i) for i in range(200)]
        cls.tickets = env["helpdesk.ticket"]
        by_month = {}
        for month, start in enumerate(MONTHS):
            indexes = [i for i, m in enumerate(cls.mix) if m["month"] == month]
            with freeze_time(start):
                tickets = env["helpdesk.ticket"].create(
                    [
                        {
                            "name": f"Request {i}",
                            "description": "<p>Help</p>",
                            "category_id": cls.categories[cls.mix[i]["kind"]].id,
                            "team_id": cls.team.id,
                            "user_id": cls.user_agent.id,
                            "partner_id": cls.customer.id,
                        }
                        for i in indexes
                    ]
                )
            by_month[month] = dict(zip(indexes, tickets, strict=True))
            cls.tickets |= tickets
        cls.by_index = {i: t for month in by_month.values() for i, t in month.items()}
        for month, start in enumerate(MONTHS):
            tickets = by_month[month]
            for hours in (2, 10, 30):
                with freeze_time(start + timedelta(hours=hours)):
                    for i, ticket in tickets.items():
                        if cls.mix[i]["reply"] == hours:
                            ticket.with_user(cls.user_agent).message_post(
                                body="We are on it",
                                message_type="comment",
                                subtype_xmlid="mail.mt_comment",
                            )
            for i, ticket in tickets.items():
                amount = cls.mix[i]["compensation"]
                if amount:
                    operation = env["aftersales.return"].create(
                        {
                            "ticket_id": ticket.id,
                            "operation": "compensation",
                            "compensation_type": "gift",
                            "compensation_amount": amount,
                        }
                    )
                    operation.action_submit()
                    operation.with_user(cls.user_supervisor).action_approve()
            cls._service_costs(tickets, start, stock)
            with freeze_time(start + timedelta(hours=40)):
                closing = [t for i, t in tickets.items() if cls.mix[i]["closed"]]
                env["helpdesk.ticket"].concat(*closing).with_user(cls.user_agent).write(
                    {"stage_id": cls.stage_done.id}
                )
            with freeze_time(start + timedelta(hours=45)):
                env["helpdesk.ticket"]._cron_satisfaction()
            with freeze_time(start + timedelta(hours=46)):
                for i, ticket in tickets.items():
                    if cls.mix[i]["answered"]:
                        satisfied = cls.mix[i]["satisfied"]
                        ticket._satisfaction_answer_current(
                            {"overall": 5 if satisfied else 2, "solved": satisfied}
                        )
            with freeze_time(start + timedelta(hours=50)):
                reopening = [t for i, t in tickets.items() if cls.mix[i]["reopened"]]
                env["helpdesk.ticket"].concat(*reopening).with_user(
                    cls.user_agent
                ).write({"stage_id": cls.stage_new.id})
        env.flush_all()

    @classmethod
    def _service_costs(cls, tickets, start, stock):
        """Accepted plans (labour, or the spare parts then used), as the
        agent does."""
        agent = cls.user_agent
        with freeze_time(start + timedelta(hours=20)):
            for i, ticket in tickets.items():
                row = cls.mix[i]
                if not (row["parts"] or row["labour"]):
                    continue
                line = (
                    {"line_type": "part", "product_id": cls.part.id, "quantity": 2}
                    if row["parts"]
                    else {"line_type": "labour", "quantity": 3}
                )
                plan = (
                    cls.env["aftersales.service.plan"]
                    .with_user(agent)
                    .create(
                        {
                            "ticket_id": ticket.id,
                            "cause": "A loose hinge.",
                            "payer": "warranty",
                            "line_ids": [Command.create(line)],
                        }
                    )
                )
                plan.action_send()
                plan._action_accept_recorded("phone", "Lin")
                if row["parts"]:
                    cls.env["aftersales.service.part"].with_user(agent).create(
                        {
                            "ticket_id": ticket.id,
                            "product_id": cls.part.id,
                            "quantity": 2,
                            "location_id": stock.id,
                        }
                    ).action_consume()

    def _read(self, groupby, aggregates, domain=None):
        Report = self.env["aftersales.analysis"].with_user(self.user_supervisor)
        return Report._read_group(
            [("team_id", "=", self.team.id)] + (domain or []), groupby, aggregates
        )

    def test_figures_by_month(self):
        groups = self._read(
            ["received_date:month"],
            [
                "__count",
                "first_response_hours:avg",
                "sla_met_count:sum",
                "sla_breached_count:sum",
                "complaint_count:sum",
                "complaint_rate:avg",
                "reopen_count:sum",
                "cost_amount:sum",
                "resolution_hours:avg",
                "satisfaction_rate:avg",
                "feedback_rate:avg",
                "invited_count:sum",
                "answered_count:sum",
                "parts_cost:sum",
                "labour_cost:sum",
                "compensation_amount:sum",
            ],
        )
        self.assertEqual(len(groups), 3)
        for month, group in enumerate(groups):
            (
                _m,
                count,
                response,
                met,
                breached,
                complaints,
                rate,
                reopens,
                cost,
                res,
                satisfaction,
                feedback,
                invited,
                answered,
                parts,
                labour,
                compensation,
            ) = group
            rows = [m for m in self.mix if m["month"] == month]
            replies = [m["reply"] for m in rows if m["reply"] is not None]
            self.assertEqual(count, len(rows))
            self.assertAlmostEqual(response, sum(replies) / len(replies), places=6)
            self.assertEqual(met, sum(1 for m in rows if m["reply"] in (2, 10)))
            # a late reply breaches; so does no reply on a request closed
            # after its deadline (a clock past its deadline stays breached);
            # the cron is not run, so unanswered open requests still run
            self.assertEqual(breached, sum(1 for m in rows if _breached(m)))
            self.assertEqual(
                complaints, sum(1 for m in rows if m["kind"] == "complaint")
            )
            self.assertAlmostEqual(rate, 100.0 * complaints / len(rows), places=6)
            self.assertEqual(reopens, sum(1 for m in rows if _reopened(m)))
            self.assertAlmostEqual(cost, sum(_cost(m) for m in rows))
            self.assertAlmostEqual(parts, sum(m["parts"] for m in rows))
            self.assertAlmostEqual(labour, sum(m["labour"] for m in rows))
            self.assertAlmostEqual(compensation, sum(m["compensation"] for m in rows))
            self.assertTrue(parts and labour and compensation)
            self.assertAlmostEqual(res, 40.0, places=6)
            # satisfaction: satisfied answers / answers; feedback rate:
            # answers / surveys sent
            sent = [m for m in rows if m["invited"]]
            answers = [m for m in sent if m["answered"]]
            self.assertEqual((invited, answered), (len(sent), len(answers)))
            self.assertAlmostEqual(
                satisfaction,
                100.0 * sum(1 for m in answers if m["satisfied"]) / len(answers),
                places=6,
            )
            self.assertAlmostEqual(feedback, 100.0 * len(answers) / len(sent), places=6)
            self.assertTrue(0 < satisfaction < 100 and 0 < feedback < 100)

    def test_compliance_and_counts_by_kind(self):
        groups = {
            kind: (count, compliance)
            for kind, count, compliance in self._read(
                ["aftersales_kind"], ["__count", "compliance:avg"]
            )
        }
        for kind in ("complaint",) + OTHER_KINDS:
            rows = [m for m in self.mix if m["kind"] == kind]
            decided = [m for m in rows if m["reply"] is not None or _breached(m)]
            met = [m for m in decided if not _breached(m)]
            self.assertEqual(groups[kind][0], len(rows))
            self.assertAlmostEqual(
                groups[kind][1], 100.0 * len(met) / len(decided), places=6
            )

    def test_open_resolved_and_working_hours(self):
        resolved = self._read(["is_resolved"], ["__count"])
        closed = sum(1 for m in self.mix if m["closed"] and not _reopened(m))
        self.assertEqual(dict(resolved)[True], closed)
        # received Monday 5 January 10:00 Shanghai, resolved 40 hours later
        # (Wednesday 02:00): 8 + 8 working hours minus the 10:00 start, = 16 - 1
        [(hours,)] = self._read(
            [], ["resolution_work_hours:avg"], [("received_date", "<", "2026-02-01")]
        )
        self.assertAlmostEqual(hours, 15.0, places=6)
        reopened = self.by_index[1]
        self.assertEqual(reopened.analysis_reopen_count, 1)
        self.assertFalse(reopened.resolved_date)

    def test_averages_without_data_are_empty(self):
        """An average over requests that have no value is empty (False as
        the pivot reads it, a dash on the dashboard), never 0."""
        [(count, resolution, response)] = self._read(
            [],
            ["__count", "resolution_hours:avg", "first_response_hours:avg"],
            [("is_resolved", "=", False), ("first_response_hours", "=", False)],
        )
        self.assertTrue(count)
        self.assertIs(resolution, False)
        self.assertIs(response, False)
        [(count, satisfaction, feedback, score)] = self._read(
            [],
            [
                "__count",
                "satisfaction_rate:avg",
                "feedback_rate:avg",
                "satisfaction_score:avg",
            ],
            [("invited_count", "=", 0)],
        )
        self.assertEqual(count, sum(1 for m in self.mix if not m["invited"]))
        self.assertEqual((satisfaction, feedback, score), (False, False, False))
        # a team whose only request has no reply yet: no response figure
        team = self.env["helpdesk.ticket.team"].create(
            {"name": "Quiet Team", "user_ids": [Command.set(self.user_agent.ids)]}
        )
        with freeze_time(MONTHS[1]):
            self.env["helpdesk.ticket"].create(
                {
                    "name": "Unanswered",
                    "description": "<p>?</p>",
                    "team_id": team.id,
                    "category_id": self.categories["repair"].id,
                    "partner_id": self.customer.id,
                }
            )
        response = (
            self.env["aftersales.kpi"]
            .with_user(self.user_supervisor)
            .search([("team_id", "=", team.id), ("kpi", "=", "response")])
        )
        self.assertEqual(
            (response.actual_display, response.status, response.sample_count),
            ("\u2014", "none", 0),
        )

    def test_rows_follow_the_request_at_once(self):
        """The stored rows are exact right after a request changes, in the
        same transaction, without flushing by hand."""
        Report = self.env["aftersales.analysis"].with_user(self.user_supervisor)
        ticket = self.by_index[3]
        self.assertEqual(
            Report.search([("ticket_id", "=", ticket.id)]).aftersales_kind, "repair"
        )
        ticket.category_id = self.categories["complaint"]
        row = Report.search([("ticket_id", "=", ticket.id)])
        self.assertEqual((row.aftersales_kind, row.complaint_count), ("complaint", 1))
        parent = self.env["helpdesk.ticket.category"].create(
            {"name": "Complaints", "aftersales_kind": "complaint"}
        )
        self.categories["complaint"].parent_id = parent
        row = Report.search([("ticket_id", "=", ticket.id)])
        self.assertEqual(row.kind_category_id, parent)
        self.stage_done.aftersales_cancel = True
        self.assertTrue(
            Report.search([("ticket_id", "=", self.by_index[0].id)]).is_cancelled
        )
        ticket.active = False
        self.assertFalse(Report.search([("ticket_id", "=", ticket.id)]))
        other = self.by_index[4]
        other.unlink()
        self.assertFalse(Report.search([("id", "=", other.id)]))

    def test_flow_fields_are_not_written_by_hand(self):
        ticket = self.by_index[3]
        with self.assertRaises(UserError):
            ticket.with_user(self.user_supervisor).write({"analysis_reopen_count": 5})
        with self.assertRaises(UserError):
            ticket.with_user(self.user_agent).write({"analysis_resolution_hours": 1})

    def test_only_supervisors_read_the_analysis(self):
        Report = self.env["aftersales.analysis"]
        self.assertFalse(Report.with_user(self.user_agent).has_access("read"))
        with self.assertRaises(AccessError):
            Report.with_user(self.user_agent).search([])
        other = self.env["res.company"].create({"name": "Other Company"})
        self.user_supervisor.write(
            {"company_ids": [(4, other.id)], "company_id": other.id}
        )
        self.assertFalse(
            Report.with_user(self.user_supervisor)
            .with_context(allowed_company_ids=other.ids)
            .search([])
        )

    def test_kpi_dashboard_against_targets(self):
        Kpi = self.env["aftersales.kpi"].with_user(self.user_supervisor)
        rows = Kpi.search([("team_id", "=", self.team.id), ("is_total", "=", False)])
        by_key = {(row.month.month, row.kpi): row for row in rows}
        for month in range(3):
            mix_rows = [m for m in self.mix if m["month"] == month]
            complaints = [m for m in mix_rows if m["kind"] == "complaint"]
            rate = by_key[month + 1, "complaint_rate"]
            self.assertAlmostEqual(rate.actual, 100.0 * len(complaints) / len(mix_rows))
            self.assertEqual(rate.target, 5.0)
            self.assertEqual(rate.status, "missed", "10 % of complaints is over 5 %")
            replies = [
                m["reply"]
                for m in mix_rows
                if m["reply"] is not None and m["kind"] != "technical"
            ]
            response = by_key[month + 1, "response"]
            self.assertAlmostEqual(response.actual, sum(replies) / len(replies))
            self.assertEqual(response.sample_count, len(replies))
            self.assertEqual((response.target, response.status), (48.0, "met"))
            self.assertEqual(by_key[month + 1, "response_technical"].target, 24.0)
            self.assertEqual(response.actual_display, f"{response.actual:.1f} h")
            sent = [m for m in mix_rows if m["invited"]]
            answers = [m for m in sent if m["answered"]]
            satisfied = [m for m in answers if m["satisfied"]]
            satisfaction = by_key[month + 1, "satisfaction"]
            self.assertAlmostEqual(
                satisfaction.actual, 100.0 * len(satisfied) / len(answers)
            )
            self.assertEqual(satisfaction.sample_count, len(answers))
            self.assertEqual(
                (satisfaction.target, satisfaction.status), (85.0, "missed")
            )
            feedback = by_key[month + 1, "feedback_rate"]
            self.assertAlmostEqual(feedback.actual, 100.0 * len(answers) / len(sent))
            self.assertEqual((feedback.target, feedback.status), (50.0, "missed"))
            self.assertEqual(feedback.actual_display, f"{feedback.actual:.1f} %")
            # SLA compliance has no company target: a dash, not 0
            compliance = by_key[month + 1, "sla_compliance"]
            self.assertEqual(
                (compliance.target_display, compliance.status), ("\u2014", "none")
            )
        # the red satisfaction drills down to the dissatisfied answers
        action = by_key[1, "satisfaction"].action_open_requests()
        self.assertEqual(
            set(self.env["helpdesk.ticket"].search(action["domain"]).ids),
            {
                self.by_index[i].id
                for i, m in enumerate(self.mix)
                if m["month"] == 0 and m["answered"] and not m["satisfied"]
            },
        )
        # the drill-down opens the complaints behind the rate
        rate = by_key[2, "complaint_rate"]
        action = rate.action_open_requests()
        tickets = self.env["helpdesk.ticket"].search(action["domain"])
        expected = [
            self.by_index[i]
            for i, m in enumerate(self.mix)
            if m["month"] == 1 and m["kind"] == "complaint"
        ]
        self.assertEqual(set(tickets.ids), {t.id for t in expected})
        # the company's rows match the team's (one team), the target moves the status
        total = Kpi.search(
            [("is_total", "=", True), ("kpi", "=", "complaint_rate")], order="month"
        )
        self.assertEqual(len(total), 3)
        self.assertAlmostEqual(total[0].actual, by_key[1, "complaint_rate"].actual)
        self.company.aftersales_target_complaint_rate = 20.0
        self.env.flush_all()
        Kpi.invalidate_model()
        self.assertEqual(total[0].status, "met")


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestAnalysisShipping(AftersalesCommon):
    """The shipping the company pays counts in the cost it bears, at the
    shipment cost of the settings when the operation was granted; the
    carrier of its transfers is read at once."""

    with_tile_shop = True

    def test_company_paid_shipping_and_carrier(self):
        self.company.aftersales_shipping_cost = 18.0
        self._stock(self.lot_a, 6)
        ticket = self._ticket(self.cat_quality)
        exchange = self._operation(ticket, "exchange", 2.0)
        exchange.action_submit()
        exchange.with_user(self.user_supervisor).action_approve()
        self.assertEqual(exchange.shipping_payer, "company")
        Report = self.env["aftersales.analysis"].with_user(self.user_supervisor)
        [(shipping, cost)] = Report._read_group(
            [("ticket_id", "=", ticket.id)],
            [],
            ["shipping_cost:sum", "cost_amount:sum"],
        )
        self.assertEqual((shipping, cost), (18.0, 18.0))
        self.company.aftersales_shipping_cost = 30.0
        exchange.out_picking_id.with_user(
            self.user_warehouse
        ).aftersales_carrier = "SF Express"
        row = Report.search([("ticket_id", "=", ticket.id)])
        self.assertEqual((row.shipping_cost, row.carrier), (18.0, "SF Express"))
