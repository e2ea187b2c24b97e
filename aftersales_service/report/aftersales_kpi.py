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
# what the dashboard and the reports print for a figure without data
NO_DATA = "\u2014"
# a KPI's position in KPIS is part of its row id
KPI_CODES = {code: index + 1 for index, (code, _label) in enumerate(KPIS)}


class AftersalesKpi(models.Model):
    """KPI dashboard (R34): one row per company, team, month and indicator,
    the actual figure against the company's target.

    Rows come from ``_kpi_queries``, one SELECT per indicator over the
    monthly figures of ``aftersales.analysis`` (``_monthly_select``). The
    satisfaction and feedback-rate indicators come from
    ``_kpi_satisfaction_queries`` and ``_kpi_feedback_queries``. A figure
    without data (no answer, no reply) is empty and shown as a dash, never 0.
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
    actual = fields.Float(
        string="Actual Value", aggregator="avg", readonly=True, digits=(16, 1)
    )
    target = fields.Float(
        string="Target Value", aggregator="avg", readonly=True, digits=(16, 1)
    )
    has_actual = fields.Boolean(readonly=True)
    has_target = fields.Boolean(readonly=True)
    actual_display = fields.Char(string="Actual", compute="_compute_display")
    target_display = fields.Char(string="Target", compute="_compute_display")
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
    # Computes
    # ------------------------------------------------------------------
    def _compute_display(self):
        """The figures as the dashboard prints them: a dash without data."""
        for kpi in self:
            kpi.actual_display = kpi._format_figure(kpi.actual, kpi.has_actual)
            kpi.target_display = kpi._format_figure(kpi.target, kpi.has_target)

    def _format_figure(self, value, present):
        self.ensure_one()
        if not present:
            return NO_DATA
        if self.unit == "percent":
            return f"{value:.1f} %"
        return self.env._("%(hours)s h", hours=f"{value:.1f}")

    # ------------------------------------------------------------------
    # Query
    # ------------------------------------------------------------------
    @property
    def _table_query(self):
        Analysis = self.env["aftersales.analysis"]
        Analysis._refresh_pending()
        monthly = SQL(
            """SELECT %s
                 FROM (SELECT *, date_trunc('month', received_date)::date AS month
                         FROM %s base) analysis
                GROUP BY GROUPING SETS ((analysis.company_id, analysis.team_id,
                                         analysis.month),
                                        (analysis.company_id, analysis.month))""",
            SQL(", ").join(self._monthly_select()),
            SQL.identifier(Analysis._table),
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
                   kpi.actual IS NOT NULL AS has_actual,
                   kpi.target IS NOT NULL AS has_target,
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
            SQL("SUM(analysis.invited_count) AS invited"),
            SQL("SUM(analysis.answered_count) AS answered"),
            SQL("SUM(analysis.satisfied_count) AS satisfied"),
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
        """Satisfaction: satisfied answers (4 or 5 out of 5) divided by the
        answers to the surveys of the month's requests."""
        return [
            self._kpi_row(
                "satisfaction",
                SQL("100.0 * monthly.satisfied / NULLIF(monthly.answered, 0)"),
                SQL("company.aftersales_target_satisfaction"),
                "percent",
                False,
                SQL("monthly.answered"),
            )
        ]

    def _kpi_feedback_queries(self):
        """Feedback rate: answered surveys divided by the surveys sent for
        the month's requests."""
        return [
            self._kpi_row(
                "feedback_rate",
                SQL("100.0 * monthly.answered / NULLIF(monthly.invited, 0)"),
                SQL("company.aftersales_target_feedback_rate"),
                "percent",
                False,
                SQL("monthly.invited"),
            )
        ]

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_open_requests(self):
        """The requests behind the figure."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_service.aftersales_request_action"
        )
        name = self.env._(
            "%(kpi)s: requests of %(month)s",
            kpi=dict(self._fields["kpi"]._description_selection(self.env))[self.kpi],
            month=self.month.strftime("%Y-%m"),
        )
        action.update(
            # the web client titles the breadcrumb with the display name
            name=name,
            display_name=name,
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
            # the answers that pull the figures down
            "satisfaction": Domain("satisfaction_state", "=", "answered")
            & Domain("satisfaction_satisfied", "=", False),
            "feedback_rate": Domain("satisfaction_state", "in", ["invited", "expired"]),
        }
