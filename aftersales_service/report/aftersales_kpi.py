# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.fields import Domain
from odoo.tools import SQL

KPIS = [
    ("response", "Average Response"),
    ("response_technical", "Average Response (Technical Support)"),
    ("complaint_rate", "Complaint Rate"),
    ("sla_compliance", "SLA Compliance"),
    ("satisfaction", "Satisfaction"),
    ("feedback_rate", "Feedback Rate"),
]
# a KPI's position in KPIS is part of its row id
KPI_CODES = {code: index + 1 for index, (code, _label) in enumerate(KPIS)}


class AftersalesKpi(models.Model):
    """KPI dashboard (R34): one row per company, team, month and indicator,
    the actual figure against the company's target.

    Rows come from ``_kpi_queries``, one SELECT per indicator over the
    monthly figures of ``aftersales.analysis`` (``_monthly_select``). The
    satisfaction and feedback-rate indicators come from
    ``_kpi_satisfaction_queries`` and ``_kpi_feedback_queries``, which
    return nothing until a module records the survey answers.
    """

    _name = "aftersales.kpi"
    _description = "After-Sales KPI"
    _auto = False
    _order = "month desc, is_total desc, team_id, kpi_sequence"
    _rec_name = "kpi"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", readonly=True)
    is_total = fields.Boolean(
        string="Whole Company", readonly=True, help="All the company's teams."
    )
    month = fields.Date(readonly=True)
    kpi = fields.Selection(KPIS, string="Indicator", readonly=True)
    kpi_sequence = fields.Integer(readonly=True)
    actual = fields.Float(aggregator="avg", readonly=True, digits=(16, 1))
    target = fields.Float(aggregator="avg", readonly=True, digits=(16, 1))
    unit = fields.Selection([("hours", "hours"), ("percent", "%")], readonly=True)
    lower_is_better = fields.Boolean(readonly=True)
    status = fields.Selection(
        [("met", "On Target"), ("missed", "Off Target"), ("none", "No Data")],
        readonly=True,
    )
    sample_count = fields.Integer(
        string="Requests",
        aggregator="sum",
        readonly=True,
        help="Requests the figure is computed on.",
    )

    # ------------------------------------------------------------------
    # Query
    # ------------------------------------------------------------------
    @property
    def _table_query(self):
        analysis = self.env["aftersales.analysis"]._table_query
        monthly = SQL(
            """SELECT %s
                 FROM (SELECT *, date_trunc('month', received_date)::date AS month
                         FROM (%s) base) analysis
                GROUP BY GROUPING SETS ((analysis.company_id, analysis.team_id,
                                         analysis.month),
                                        (analysis.company_id, analysis.month))""",
            SQL(", ").join(self._monthly_select()),
            analysis,
        )
        rows = SQL(" UNION ALL ").join(
            SQL("(%s)", query) for query in self._kpi_queries()
        )
        return SQL(
            """
            WITH monthly AS (%s)
            SELECT (((kpi.company_id::bigint * 100000
                     + CASE WHEN kpi.is_total THEN 99999
                            ELSE COALESCE(kpi.team_id, 0) END)
                    * 1000000 + EXTRACT(YEAR FROM kpi.month) * 100
                    + EXTRACT(MONTH FROM kpi.month)) * 10
                   + kpi.kpi_sequence)::bigint AS id,
                   kpi.*,
                   CASE WHEN kpi.actual IS NULL OR kpi.target IS NULL THEN 'none'
                        WHEN kpi.lower_is_better AND kpi.actual < kpi.target
                            THEN 'met'
                        WHEN NOT kpi.lower_is_better AND kpi.actual >= kpi.target
                            THEN 'met'
                        ELSE 'missed' END AS status
              FROM (%s) kpi
            """,
            monthly,
            rows,
        )

    def _monthly_select(self):
        """Figures of a company, team and month, and of the whole company
        (``is_total``) each month; extend the list to add one."""
        technical = SQL("analysis.aftersales_kind = 'technical'")
        return [
            SQL("analysis.company_id"),
            SQL("analysis.team_id"),
            SQL("analysis.month"),
            SQL("GROUPING(analysis.team_id) = 1 AS is_total"),
            SQL("COUNT(*) AS total"),
            SQL("SUM(analysis.complaint_count) AS complaints"),
            SQL(
                "AVG(analysis.first_response_hours) FILTER (WHERE NOT %s) AS response",
                technical,
            ),
            SQL(
                "COUNT(analysis.first_response_hours) FILTER (WHERE NOT %s)"
                " AS response_count",
                technical,
            ),
            SQL(
                "AVG(analysis.first_response_hours) FILTER (WHERE %s)"
                " AS response_technical",
                technical,
            ),
            SQL(
                "COUNT(analysis.first_response_hours) FILTER (WHERE %s)"
                " AS response_technical_count",
                technical,
            ),
            SQL("SUM(analysis.sla_met_count) AS sla_met"),
            SQL("SUM(analysis.sla_breached_count) AS sla_breached"),
        ]

    def _kpi_row(self, code, actual, target, unit, lower_is_better, count):
        """One indicator's SELECT over ``monthly`` joined to its company."""
        return SQL(
            """
            SELECT monthly.company_id, monthly.team_id, monthly.month,
                   monthly.is_total,
                   %(code)s::varchar AS kpi, %(sequence)s AS kpi_sequence,
                   (%(actual)s)::float AS actual, (%(target)s)::float AS target,
                   %(unit)s::varchar AS unit, %(lower)s AS lower_is_better,
                   (%(count)s)::int AS sample_count
              FROM monthly
              JOIN res_company company ON company.id = monthly.company_id
            """,
            code=code,
            sequence=KPI_CODES[code],
            actual=actual,
            target=target,
            unit=unit,
            lower=lower_is_better,
            count=count,
        )

    def _kpi_queries(self):
        return [
            self._kpi_row(
                "response",
                SQL("monthly.response"),
                SQL("company.aftersales_target_response_hours"),
                "hours",
                True,
                SQL("monthly.response_count"),
            ),
            self._kpi_row(
                "response_technical",
                SQL("monthly.response_technical"),
                SQL("company.aftersales_target_response_hours_technical"),
                "hours",
                True,
                SQL("monthly.response_technical_count"),
            ),
            self._kpi_row(
                "complaint_rate",
                SQL("100.0 * monthly.complaints / NULLIF(monthly.total, 0)"),
                SQL("company.aftersales_target_complaint_rate"),
                "percent",
                True,
                SQL("monthly.total"),
            ),
            self._kpi_row(
                "sla_compliance",
                SQL(
                    "100.0 * monthly.sla_met"
                    " / NULLIF(monthly.sla_met + monthly.sla_breached, 0)"
                ),
                SQL("NULL"),
                "percent",
                False,
                SQL("monthly.sla_met + monthly.sla_breached"),
            ),
            *self._kpi_satisfaction_queries(),
            *self._kpi_feedback_queries(),
        ]

    def _kpi_satisfaction_queries(self):
        """Satisfaction rows (target: company.aftersales_target_satisfaction),
        provided by the module that records survey answers."""
        return []

    def _kpi_feedback_queries(self):
        """Feedback-rate rows (target: company.aftersales_target_feedback_rate),
        provided by the module that records survey invitations."""
        return []

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_open_requests(self):
        """The requests behind the figure."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_service.aftersales_request_action"
        )
        action.update(
            name=self.env._(
                "%(kpi)s: requests of %(month)s",
                kpi=dict(self._fields["kpi"]._description_selection(self.env))[
                    self.kpi
                ],
                month=self.month.strftime("%Y-%m"),
            ),
            domain=list(self._get_request_domain()),
            context={},
            view_mode="list,form,pivot,graph",
            views=[
                (False, "list"),
                (False, "form"),
                (False, "pivot"),
                (False, "graph"),
            ],
        )
        return action

    def _get_request_domain(self):
        self.ensure_one()
        start = fields.Datetime.to_datetime(self.month)
        domain = Domain(
            [
                ("company_id", "=", self.company_id.id),
                ("sla_received_date", ">=", start),
                ("sla_received_date", "<", start + relativedelta(months=1)),
            ]
        )
        if not self.is_total:
            domain &= Domain("team_id", "=", self.team_id.id)
        return domain & self._get_kpi_domains().get(self.kpi, Domain.TRUE)

    def _get_kpi_domains(self):
        """Which requests each indicator is computed on."""
        return {
            "response": Domain("first_reply_date", "!=", False)
            & Domain("aftersales_kind", "!=", "technical"),
            "response_technical": Domain("first_reply_date", "!=", False)
            & Domain("aftersales_kind", "=", "technical"),
            "complaint_rate": Domain("aftersales_kind", "=", "complaint"),
            "sla_compliance": Domain("sla_breached", "=", True),
        }
