# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from ..tools.selections import AFTERSALES_KINDS, SERVICE_TIERS


class AftersalesAnalysis(models.Model):
    """After-sales analysis (R33): one row per request with its dimensions
    and measures, read by the pivot, the KPI dashboard and the monthly report.

    The query is assembled from ``_select_*``/``_from_*``/``_where_*`` hooks:
    a module that adds figures to a request (satisfaction, service plans)
    adds a field here and extends ``_select_fields`` (and ``_from_tables``
    for a join) with its column, nothing else.
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
    received_date = fields.Datetime(string="Received On", readonly=True)
    resolved_date = fields.Datetime(string="Resolved On", readonly=True)
    is_open = fields.Boolean(string="Open", readonly=True)
    is_cancelled = fields.Boolean(string="Cancelled", readonly=True)
    is_resolved = fields.Boolean(string="Resolved", readonly=True)
    is_breached = fields.Boolean(string="SLA Breached", readonly=True)
    is_reopened = fields.Boolean(string="Reopened", readonly=True)
    is_complaint = fields.Boolean(string="Is a Complaint", readonly=True)

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
    cost_amount = fields.Monetary(string="Cost Borne", aggregator="sum", readonly=True)

    # ------------------------------------------------------------------
    # Query
    # ------------------------------------------------------------------
    @property
    def _table_query(self):
        return SQL(
            "SELECT %s FROM %s WHERE %s",
            SQL(", ").join(self._select_fields()),
            SQL(" ").join(self._from_tables()),
            SQL(" AND ").join(self._where_conditions()),
        )

    def _select_fields(self):
        """Columns of the view, one SQL each: extend the list to add one."""
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
            SQL("ticket.sla_received_date AS received_date"),
            SQL("ticket.resolved_date"),
            SQL("NOT COALESCE(stage.closed, FALSE) AS is_open"),
            SQL("COALESCE(stage.aftersales_cancel, FALSE) AS is_cancelled"),
            SQL("ticket.resolved_date IS NOT NULL AS is_resolved"),
            SQL("COALESCE(ticket.sla_breached, FALSE) AS is_breached"),
            SQL("COALESCE(ticket.analysis_reopen_count, 0) > 0 AS is_reopened"),
            SQL("ticket.aftersales_kind = 'complaint' AS is_complaint"),
            SQL(
                "EXTRACT(EPOCH FROM ticket.first_reply_date"
                " - ticket.sla_received_date) / 3600.0"
                " AS first_response_hours"
            ),
            SQL(
                "CASE WHEN ticket.resolved_date IS NOT NULL"
                " THEN ticket.analysis_resolution_hours END AS resolution_hours"
            ),
            SQL(
                "CASE WHEN ticket.resolved_date IS NOT NULL"
                " THEN ticket.analysis_resolution_work_hours END"
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
                " END AS compliance"
            ),
            SQL("COALESCE(ticket.sla_breached, FALSE)::int AS breached_request_count"),
            SQL("COALESCE(ticket.analysis_reopen_count, 0) AS reopen_count"),
            SQL("(ticket.aftersales_kind = 'complaint')::int AS complaint_count"),
            SQL(
                "CASE WHEN ticket.aftersales_kind = 'complaint' THEN 100.0 ELSE 0.0"
                " END AS complaint_rate"
            ),
            SQL(
                "COALESCE(ticket.analysis_compensation_amount, 0.0)"
                " AS compensation_amount"
            ),
            SQL(
                "COALESCE(ticket.analysis_company_shipping_count, 0)"
                " AS company_shipping_count"
            ),
            SQL("%s AS cost_amount", self._select_cost()),
        ]

    def _select_cost(self):
        """The cost the company bears for a request: a sum of SQL terms that
        a service-plan module extends with its parts and labour."""
        return SQL(" + ").join(self._select_cost_terms())

    def _select_cost_terms(self):
        return [SQL("COALESCE(ticket.analysis_compensation_amount, 0.0)")]

    def _from_tables(self):
        """FROM clause, one SQL per table or join: extend to join more."""
        return [
            SQL("helpdesk_ticket ticket"),
            SQL("JOIN res_company company ON company.id = ticket.company_id"),
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
