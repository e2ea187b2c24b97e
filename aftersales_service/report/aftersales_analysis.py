# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL, ormcache

from ..models.helpdesk_ticket_satisfaction import SATISFACTION_STATES
from ..tools.selections import AFTERSALES_KINDS, SERVICE_TIERS

# precommit data: ids of the requests whose analysis row is to recompute
PENDING_KEY = "aftersales.analysis.pending"
# stands for the requests' ids in the cached refresh statement
_IDS = object()


class AftersalesAnalysis(models.Model):
    """After-sales analysis (R33): one row per request with its dimensions
    and measures, read by the pivot, the KPI dashboard and the monthly report.

    A stored fact table, ``aftersales_analysis``, so that a pivot over a
    million requests is one scan of narrow, precomputed rows (no join, no
    numeric arithmetic at read time). Its rows are the result of one query
    assembled from the ``_select_*``/``_from_*``/``_where_*`` hooks: a module
    that adds figures to a request adds a field here and extends
    ``_select_fields`` (and ``_from_tables`` for a join) with its column; the
    table is rebuilt from the query when the module is installed or updated.

    It stays exact: every write of a request (and of what its row reads
    elsewhere: stage, category, product category, carrier, currency) marks
    the request, and its row is recomputed from the same query before the
    transaction commits, or before the analysis is read in it
    (``_refresh_pending``).
    """

    _name = "aftersales.analysis"
    _description = "After-Sales Analysis"
    _auto = False
    _order = "received_date desc"
    _rec_name = "ticket_id"

    # ------------------------------------------------------------------
    # Fields: dimensions
    # ------------------------------------------------------------------
    ticket_id = fields.Many2one("helpdesk.ticket", string="Request", readonly=True)
    kind_category_id = fields.Many2one(
        "helpdesk.ticket.category",
        readonly=True,
        help="The top category of the request's category.",
    )
    category_id = fields.Many2one(
        "helpdesk.ticket.category", string="Sub-Kind", readonly=True
    )
    aftersales_kind = fields.Selection(AFTERSALES_KINDS, string="Kind", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", readonly=True)
    channel_id = fields.Many2one("helpdesk.ticket.channel", readonly=True)
    service_tier = fields.Selection(
        SERVICE_TIERS, string="Customer Tier", readonly=True
    )
    product_id = fields.Many2one("product.product", readonly=True)
    product_categ_id = fields.Many2one(
        "product.category", string="Product Category", readonly=True
    )
    lot_id = fields.Many2one("stock.lot", string="Lot/Serial", readonly=True)
    cause_category_id = fields.Many2one(
        "aftersales.cause.category", string="Cause", readonly=True
    )
    carrier = fields.Char(
        readonly=True, help="Carrier of the request's transfers (returns, exchanges)."
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    stage_id = fields.Many2one("helpdesk.ticket.stage", readonly=True)
    handling_method_id = fields.Many2one("aftersales.handling.method", readonly=True)
    satisfaction_state = fields.Selection(
        SATISFACTION_STATES, string="Satisfaction Survey", readonly=True
    )
    received_date = fields.Datetime(string="Received On", readonly=True)
    resolved_date = fields.Datetime(string="Resolved On", readonly=True)
    is_open = fields.Boolean(string="Open", readonly=True)
    is_cancelled = fields.Boolean(string="Cancelled", readonly=True)
    is_resolved = fields.Boolean(string="Resolved", readonly=True)
    is_breached = fields.Boolean(string="SLA Breached", readonly=True)
    is_reopened = fields.Boolean(string="Reopened", readonly=True)
    is_complaint = fields.Boolean(string="Is a Complaint", readonly=True)
    is_satisfied = fields.Boolean(
        string="Satisfied Customer",
        readonly=True,
        help="The customer's answer gave 4 or 5 out of 5.",
    )

    # ------------------------------------------------------------------
    # Fields: measures
    # ------------------------------------------------------------------
    first_response_hours = fields.Float(
        string="First Response (hours)",
        aggregator="avg",
        readonly=True,
        digits=(16, 1),
        help="Calendar hours from reception to the first public reply.",
    )
    resolution_hours = fields.Float(
        string="Resolution (hours)", aggregator="avg", readonly=True, digits=(16, 1)
    )
    resolution_work_hours = fields.Float(
        string="Resolution (working hours)",
        aggregator="avg",
        readonly=True,
        digits=(16, 1),
    )
    sla_met_count = fields.Integer(
        string="Targets Met", aggregator="sum", readonly=True
    )
    sla_breached_count = fields.Integer(
        string="Targets Breached", aggregator="sum", readonly=True
    )
    compliance = fields.Float(
        string="Compliance (%)",
        aggregator="avg",
        readonly=True,
        digits=(16, 1),
        help="Per request: share of its decided targets met in time; empty while "
        "none is decided.",
    )
    breached_request_count = fields.Integer(
        string="Requests Breached", aggregator="sum", readonly=True
    )
    reopen_count = fields.Integer(string="Reopenings", aggregator="sum", readonly=True)
    complaint_count = fields.Integer(
        string="Complaints", aggregator="sum", readonly=True
    )
    complaint_rate = fields.Float(
        string="Complaint Rate (%)",
        aggregator="avg",
        readonly=True,
        digits=(16, 1),
        help="Complaints divided by all requests of the group.",
    )
    compensation_amount = fields.Monetary(
        string="Compensation", aggregator="sum", readonly=True
    )
    company_shipping_count = fields.Integer(
        string="Shipments Paid by Us", aggregator="sum", readonly=True
    )
    parts_cost = fields.Monetary(
        string="Spare Parts Cost",
        aggregator="sum",
        readonly=True,
        help="Spare parts used, at cost, unless the customer pays the plan.",
    )
    labour_cost = fields.Monetary(
        string="Labour and Travel Cost",
        aggregator="sum",
        readonly=True,
        help="Labour, travel and other lines of the accepted plan the company "
        "or the warranty pays.",
    )
    shipping_cost = fields.Monetary(
        string="Shipping Paid by Us", aggregator="sum", readonly=True
    )
    cost_amount = fields.Monetary(
        string="Cost Borne",
        aggregator="sum",
        readonly=True,
        help="What the request costs the company: spare parts, labour and "
        "travel, shipping it pays and compensations granted.",
    )
    invited_count = fields.Integer(
        string="Surveys Sent",
        aggregator="sum",
        readonly=True,
        help="The customer was invited to the satisfaction survey (or called).",
    )
    answered_count = fields.Integer(
        string="Surveys Answered", aggregator="sum", readonly=True
    )
    satisfied_count = fields.Integer(
        string="Satisfied Answers", aggregator="sum", readonly=True
    )
    feedback_rate = fields.Float(
        string="Feedback Rate (%)",
        aggregator="avg",
        readonly=True,
        digits=(16, 1),
        help="Answered surveys divided by surveys sent; empty without a survey.",
    )
    satisfaction_rate = fields.Float(
        string="Satisfaction (%)",
        aggregator="avg",
        readonly=True,
        digits=(16, 1),
        help="Satisfied answers (4 or 5 out of 5) divided by answers; empty "
        "without an answer.",
    )
    satisfaction_score = fields.Float(
        aggregator="avg",
        readonly=True,
        digits=(16, 2),
        help="Overall score of the answer, from 1 to 5; empty without an answer.",
    )

    # ------------------------------------------------------------------
    # Fact table
    # ------------------------------------------------------------------
    def init(self):
        self._rebuild()

    @api.model
    def _rebuild(self):
        """(Re)build the fact table from the query of the hooks: at install
        and update, or after requests were written with SQL."""
        cr = self.env.cr
        table = SQL.identifier(self._table)
        cr.execute(SQL("DROP TABLE IF EXISTS %s", table))
        cr.execute(SQL("CREATE TABLE %s AS %s", table, self._query()))
        cr.execute(SQL("ALTER TABLE %s ADD PRIMARY KEY (id)", table))
        # the reports read a company's month
        cr.execute(
            SQL(
                "CREATE INDEX %s ON %s (received_date, company_id)",
                SQL.identifier(f"{self._table}_received_date_index"),
                table,
            )
        )
        cr.execute(SQL("ANALYZE %s", table))
        self.env.cr.precommit.data.pop(PENDING_KEY, None)

    @property
    def _table_sql(self):
        self._refresh_pending()
        return super()._table_sql

    def _query(self, ticket_ids=None):
        """The rows of the fact table: all of them, or those of ``ticket_ids``."""
        conditions = self._where_conditions()
        if ticket_ids is not None:
            if ticket_ids is not _IDS:
                ticket_ids = list(ticket_ids)
            conditions = [*conditions, SQL("ticket.id = ANY(%s)", ticket_ids)]
        return SQL(
            "SELECT %s FROM %s WHERE %s",
            SQL(", ").join(self._select_fields()),
            SQL(" ").join(self._from_tables()),
            SQL(" AND ").join(conditions),
        )

    @api.model
    def _mark_dirty(self, ticket_ids):
        """The rows of these requests are recomputed before the transaction
        commits (or before the analysis is read in it)."""
        if not ticket_ids:
            return
        precommit = self.env.cr.precommit
        pending = precommit.data.get(PENDING_KEY)
        if pending is None:
            pending = precommit.data[PENDING_KEY] = set()
            precommit.add(self._refresh_pending)
        pending.update(ticket_ids)

    @api.model
    def _mark_dirty_where(self, domain):
        """Mark the requests matching ``domain`` (archived included), after a
        change of what their rows read outside the request."""
        self._mark_dirty(
            self.env["helpdesk.ticket"]
            .sudo()
            .with_context(active_test=False)
            ._search(domain)
        )

    @api.model
    def _refresh_pending(self):
        """Recompute the rows of the requests changed in this transaction
        (one statement), after flushing what they read."""
        # what is written in the cache only marks its requests once flushed
        self.env.flush_all()
        ids = self.env.cr.precommit.data.pop(PENDING_KEY, None)
        if ids:
            self._refresh(ids)

    @api.model
    def _refresh(self, ticket_ids):
        """Upsert the rows of ``ticket_ids`` and drop those no longer in the
        analysis (archived, deleted), in one statement; an upsert rather than
        delete-then-insert, so that two transactions refreshing the same row
        (a stage change and the request itself) don't collide on its id."""
        statement = self._refresh_statement()
        ids = list(ticket_ids)
        self.env.cr.execute(
            SQL(statement.code, *(ids if p is _IDS else p for p in statement.params))
        )
        self.invalidate_model()

    @api.model
    @ormcache()
    def _refresh_statement(self):
        """The statement of ``_refresh``, its requests' ids left as ``_IDS``:
        assembled from the hooks once per registry, not at every write of a
        request (its composition costs more than its execution for one
        row)."""
        names = [
            name
            for name, field in self._fields.items()
            if field.store and field.column_type
        ]
        columns = SQL(", ").join(SQL.identifier(name) for name in names)
        return SQL(
            """WITH fresh AS (%(query)s),
                    gone AS (DELETE FROM %(table)s
                              WHERE id = ANY(%(ids)s)
                                AND id NOT IN (SELECT id FROM fresh))
               INSERT INTO %(table)s (%(columns)s)
               SELECT %(columns)s FROM fresh
                   ON CONFLICT (id) DO UPDATE SET %(updates)s""",
            table=SQL.identifier(self._table),
            ids=_IDS,
            columns=columns,
            query=self._query(_IDS),
            updates=SQL(", ").join(
                SQL("%s = EXCLUDED.%s", SQL.identifier(name), SQL.identifier(name))
                for name in names
                if name != "id"
            ),
        )

    # ------------------------------------------------------------------
    # Query
    # ------------------------------------------------------------------
    def _select_fields(self):
        """Columns of the table, one SQL each: extend the list to add one.
        Measures are ``float8`` (fast to aggregate) and NULL where they do not
        apply, so that an average ignores them (an empty cell, not 0)."""
        return [
            SQL("ticket.id AS id"),
            SQL("ticket.id AS ticket_id"),
            SQL("COALESCE(category.parent_id, category.id) AS kind_category_id"),
            SQL("ticket.category_id"),
            SQL("ticket.aftersales_kind"),
            SQL("ticket.team_id"),
            SQL("ticket.user_id"),
            SQL("ticket.channel_id"),
            SQL("ticket.service_tier"),
            SQL("ticket.product_id"),
            SQL("template.categ_id AS product_categ_id"),
            SQL("ticket.lot_id"),
            SQL("ticket.cause_category_id"),
            SQL(
                "(SELECT MAX(picking.aftersales_carrier) FROM stock_picking picking"
                " WHERE picking.aftersales_ticket_id = ticket.id) AS carrier"
            ),
            SQL(
                "COALESCE(ticket.commercial_partner_id, ticket.partner_id)"
                " AS partner_id"
            ),
            SQL("ticket.company_id"),
            SQL("company.currency_id"),
            SQL("ticket.stage_id"),
            SQL("ticket.handling_method_id"),
            SQL("ticket.satisfaction_state"),
            SQL("ticket.sla_received_date AS received_date"),
            SQL("ticket.resolved_date"),
            SQL("NOT COALESCE(stage.closed, FALSE) AS is_open"),
            SQL("COALESCE(stage.aftersales_cancel, FALSE) AS is_cancelled"),
            SQL("ticket.resolved_date IS NOT NULL AS is_resolved"),
            SQL("COALESCE(ticket.sla_breached, FALSE) AS is_breached"),
            SQL("COALESCE(ticket.analysis_reopen_count, 0) > 0 AS is_reopened"),
            SQL("ticket.aftersales_kind = 'complaint' AS is_complaint"),
            SQL(
                "COALESCE(ticket.satisfaction_state = 'answered'"
                " AND ticket.satisfaction_satisfied, FALSE) AS is_satisfied"
            ),
            SQL(
                "(date_part('epoch', ticket.first_reply_date"
                " - ticket.sla_received_date) / 3600.0)::float8"
                " AS first_response_hours"
            ),
            SQL(
                "CASE WHEN ticket.resolved_date IS NOT NULL"
                " THEN ticket.analysis_resolution_hours END::float8"
                " AS resolution_hours"
            ),
            SQL(
                "CASE WHEN ticket.resolved_date IS NOT NULL"
                " THEN ticket.analysis_resolution_work_hours END::float8"
                " AS resolution_work_hours"
            ),
            SQL("COALESCE(ticket.analysis_sla_met_count, 0) AS sla_met_count"),
            SQL(
                "COALESCE(ticket.analysis_sla_breached_count, 0) AS sla_breached_count"
            ),
            SQL(
                "CASE WHEN ticket.analysis_sla_met_count"
                " + ticket.analysis_sla_breached_count > 0"
                " THEN 100.0 * ticket.analysis_sla_met_count"
                " / (ticket.analysis_sla_met_count"
                " + ticket.analysis_sla_breached_count)"
                " END::float8 AS compliance"
            ),
            SQL("COALESCE(ticket.sla_breached, FALSE)::int AS breached_request_count"),
            SQL("COALESCE(ticket.analysis_reopen_count, 0) AS reopen_count"),
            SQL("(ticket.aftersales_kind = 'complaint')::int AS complaint_count"),
            SQL(
                "CASE WHEN ticket.aftersales_kind = 'complaint' THEN 100.0 ELSE 0.0"
                " END::float8 AS complaint_rate"
            ),
            SQL(
                "COALESCE(ticket.analysis_compensation_amount, 0.0)::float8"
                " AS compensation_amount"
            ),
            SQL(
                "COALESCE(ticket.analysis_company_shipping_count, 0)"
                " AS company_shipping_count"
            ),
            SQL("COALESCE(ticket.analysis_parts_cost, 0.0)::float8 AS parts_cost"),
            SQL("COALESCE(ticket.analysis_labour_cost, 0.0)::float8 AS labour_cost"),
            SQL(
                "COALESCE(ticket.analysis_shipping_cost, 0.0)::float8 AS shipping_cost"
            ),
            SQL("(%s)::float8 AS cost_amount", self._select_cost()),
            *self._select_satisfaction_fields(),
        ]

    def _select_satisfaction_fields(self):
        """Invited: the survey was sent (by email or the follow-up call), be
        it answered, still waiting or expired."""
        invited = SQL(
            "COALESCE(ticket.satisfaction_state IN ('invited', 'answered',"
            " 'expired'), FALSE)"
        )
        answered = SQL("COALESCE(ticket.satisfaction_state = 'answered', FALSE)")
        return [
            SQL("%s::int AS invited_count", invited),
            SQL("%s::int AS answered_count", answered),
            SQL(
                "(%s AND COALESCE(ticket.satisfaction_satisfied, FALSE))::int"
                " AS satisfied_count",
                answered,
            ),
            SQL(
                "CASE WHEN %s THEN 100.0 WHEN %s THEN 0.0 END::float8 AS feedback_rate",
                answered,
                invited,
            ),
            SQL(
                "CASE WHEN %s THEN CASE WHEN ticket.satisfaction_satisfied"
                " THEN 100.0 ELSE 0.0 END END::float8 AS satisfaction_rate",
                answered,
            ),
            SQL(
                "CASE WHEN %s THEN ticket.satisfaction_score END::float8"
                " AS satisfaction_score",
                answered,
            ),
        ]

    def _select_cost(self):
        """The cost the company bears for a request: a sum of SQL terms that
        a module extends with its own costs."""
        return SQL(" + ").join(self._select_cost_terms())

    def _select_cost_terms(self):
        return [
            SQL("COALESCE(ticket.analysis_parts_cost, 0.0)"),
            SQL("COALESCE(ticket.analysis_labour_cost, 0.0)"),
            SQL("COALESCE(ticket.analysis_shipping_cost, 0.0)"),
            SQL("COALESCE(ticket.analysis_compensation_amount, 0.0)"),
        ]

    def _from_tables(self):
        """FROM clause, one SQL per table or join: extend to join more."""
        return [
            SQL("helpdesk_ticket ticket"),
            SQL("LEFT JOIN res_company company ON company.id = ticket.company_id"),
            SQL(
                "LEFT JOIN helpdesk_ticket_category category"
                " ON category.id = ticket.category_id"
            ),
            SQL("LEFT JOIN helpdesk_ticket_stage stage ON stage.id = ticket.stage_id"),
            SQL("LEFT JOIN product_product product ON product.id = ticket.product_id"),
            SQL(
                "LEFT JOIN product_template template"
                " ON template.id = product.product_tmpl_id"
            ),
        ]

    def _where_conditions(self):
        return [SQL("ticket.active")]
