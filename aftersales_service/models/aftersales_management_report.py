# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from ..report.aftersales_kpi import NO_DATA

_logger = logging.getLogger(__name__)

PERIOD_TYPES = [
    ("month", "Monthly Report"),
    ("quarter", "Quarterly Complaint Analysis"),
]
REPORTS = {
    "month": "aftersales_service.action_report_aftersales_monthly",
    "quarter": "aftersales_service.action_report_aftersales_complaints",
}
# how many lines the tables of frequent problems and hard cases show
TOP = 10


class AftersalesManagementReport(models.Model):
    """A monthly report (月报) or a quarterly complaint analysis of a company
    or one of its teams (R35). The record keeps the printed PDF in its
    chatter; the monthly job creates and sends one per company and month."""

    _name = "aftersales.management.report"
    _description = "After-Sales Management Report"
    _inherit = ["mail.thread"]  # noqa: RUF012
    _order = "date_from desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(compute="_compute_name", store=True)
    period_type = fields.Selection(
        PERIOD_TYPES, string="Report", required=True, default="month"
    )
    date_from = fields.Date(
        string="Period",
        required=True,
        default=lambda self: (
            fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        ),
        help="Any day of the month (or quarter) to report on.",
    )
    date_to = fields.Date(string="Period End", compute="_compute_date_to", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        check_company=True,
        help="Empty: the whole company.",
    )
    scheduled = fields.Boolean(
        readonly=True, copy=False, help="Created and sent by the monthly job."
    )
    sent_date = fields.Datetime(string="Sent On", readonly=True, copy=False)

    _scheduled_once = models.UniqueIndex(
        "(company_id, period_type, date_from) WHERE scheduled",
        "The monthly report of this company and month was already sent.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("period_type", "date_from", "company_id", "team_id")
    def _compute_name(self):
        labels = dict(self._fields["period_type"]._description_selection(self.env))
        for report in self:
            report.name = " - ".join(
                part
                for part in (
                    labels.get(report.period_type),
                    report._period_label(),
                    report.team_id.name or report.company_id.name,
                )
                if part
            )

    @api.depends("period_type", "date_from")
    def _compute_date_to(self):
        for report in self:
            months = 3 if report.period_type == "quarter" else 1
            report.date_to = report.date_from and report.date_from + relativedelta(
                months=months
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("date_from")
    def _check_date_from(self):
        today = fields.Date.context_today(self)
        for report in self:
            if report.date_from > today:
                raise ValidationError(
                    self.env._(
                        "The period %(period)s has not started yet: choose a past "
                        "or the current month.",
                        period=report._period_label(),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_period(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and {"scheduled", "sent_date"} & set(vals):
            raise UserError(self.env._("Only the monthly job marks a report as sent."))
        if "date_from" in vals or "period_type" in vals:
            for report in self:
                values = dict(vals)
                values.setdefault("period_type", report.period_type)
                values.setdefault("date_from", report.date_from)
                self._normalize_period(values)
                super(AftersalesManagementReport, report).write(values)
            return True
        return super().write(vals)

    @api.model
    def _normalize_period(self, vals):
        """The period starts on the first day of its month or quarter."""
        if not vals.get("date_from"):
            return
        day = fields.Date.to_date(vals["date_from"]).replace(day=1)
        if vals.get("period_type", "month") == "quarter":
            day = day.replace(month=(day.month - 1) // 3 * 3 + 1)
        vals["date_from"] = day

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_print(self):
        self.ensure_one()
        return self.env.ref(REPORTS[self.period_type]).report_action(self)

    # ------------------------------------------------------------------
    # Business methods: figures
    # ------------------------------------------------------------------
    def _period_label(self):
        self.ensure_one()
        if not self.date_from:
            return ""
        if self.period_type == "quarter":
            return f"{self.date_from.year} Q{(self.date_from.month - 1) // 3 + 1}"
        return self.date_from.strftime("%Y-%m")

    def _get_domain(self, date_from=None, date_to=None):
        """Requests of the report's company (and team) received in the period."""
        self.ensure_one()
        domain = Domain(
            [
                ("company_id", "=", self.company_id.id),
                (
                    "received_date",
                    ">=",
                    fields.Datetime.to_datetime(date_from or self.date_from),
                ),
                (
                    "received_date",
                    "<",
                    fields.Datetime.to_datetime(date_to or self.date_to),
                ),
            ]
        )
        if self.team_id:
            domain &= Domain("team_id", "=", self.team_id.id)
        return domain

    def _selection_labels(self, field_name):
        field = self.env["aftersales.analysis"]._fields[field_name]
        return dict(field._description_selection(self.env))

    def _group(self, domain, groupby, aggregates=("__count",), limit=None, order=None):
        """Rows of the analysis grouped by ``groupby``: [(label, values...)]."""
        Analysis = self.env["aftersales.analysis"].sudo()
        rows = Analysis._read_group(
            domain, [groupby], list(aggregates), order=order, limit=limit
        )
        field = Analysis._fields[groupby.split(":")[0]]
        labels = self._selection_labels(field.name) if field.type == "selection" else {}
        result = []
        for key, *values in rows:
            if field.type == "selection":
                label = labels.get(key) or self.env._("Undefined")
            elif field.type == "many2one":
                label = key.display_name or self.env._("Undefined")
            else:
                label = key
            result.append((label, *values))
        return result

    @staticmethod
    def _average(value):
        """An average read by ``_read_group``: None when no row had a value
        (``_read_group`` gives False), so that the report prints a dash."""
        return None if value is False or value is None else value

    @staticmethod
    def _bars(rows):
        """Bars of an SVG chart: label, value and width in % of the largest."""
        top = max((row[1] for row in rows), default=0) or 1
        return [
            {"label": row[0], "value": row[1], "width": round(80.0 * row[1] / top, 1)}
            for row in rows
        ]

    def _get_totals(self, domain):
        [
            (
                count,
                complaints,
                response,
                resolution,
                work,
                met,
                breached,
                reopens,
                cost,
                parts,
                labour,
                shipping,
                compensation,
                invited,
                answered,
                satisfied,
                score,
            )
        ] = (
            self.env["aftersales.analysis"]
            .sudo()
            ._read_group(
                domain,
                [],
                [
                    "__count",
                    "complaint_count:sum",
                    "first_response_hours:avg",
                    "resolution_hours:avg",
                    "resolution_work_hours:avg",
                    "sla_met_count:sum",
                    "sla_breached_count:sum",
                    "reopen_count:sum",
                    "cost_amount:sum",
                    "parts_cost:sum",
                    "labour_cost:sum",
                    "shipping_cost:sum",
                    "compensation_amount:sum",
                    "invited_count:sum",
                    "answered_count:sum",
                    "satisfied_count:sum",
                    "satisfaction_score:avg",
                ],
            )
        )
        complaints, met, breached = complaints or 0, met or 0, breached or 0
        invited, answered, satisfied = invited or 0, answered or 0, satisfied or 0
        decided = met + breached
        return {
            "count": count,
            "complaints": complaints,
            "complaint_rate": 100.0 * complaints / count if count else 0.0,
            "response": self._average(response),
            "resolution": self._average(resolution),
            "resolution_work": self._average(work),
            "compliance": 100.0 * met / decided if decided else None,
            "breached": breached,
            "reopens": reopens or 0,
            "cost": cost or 0.0,
            "parts_cost": parts or 0.0,
            "labour_cost": labour or 0.0,
            "shipping_cost": shipping or 0.0,
            "compensation": compensation or 0.0,
            "invited": invited,
            "answered": answered,
            # averages without data stay None: the report prints a dash
            "satisfaction": 100.0 * satisfied / answered if answered else None,
            "satisfaction_score": self._average(score),
            "feedback_rate": 100.0 * answered / invited if invited else None,
        }

    def _get_report_data(self):
        """Every figure of the monthly report, read through the analysis."""
        self.ensure_one()
        domain = self._get_domain()
        by_kind = self._group(domain, "aftersales_kind", order="__count desc")
        by_channel = self._group(domain, "channel_id", order="__count desc")
        compliance_by_kind = [
            (
                label,
                count,
                self._average(response),
                self._average(resolution),
                100.0 * met / (met + breached) if met + breached else None,
            )
            for label, count, response, resolution, met, breached in self._group(
                domain,
                "aftersales_kind",
                (
                    "__count",
                    "first_response_hours:avg",
                    "resolution_hours:avg",
                    "sla_met_count:sum",
                    "sla_breached_count:sum",
                ),
                order="__count desc",
            )
        ]
        company = self.company_id
        technical_target = company.aftersales_target_response_hours_technical
        return {
            "report": self,
            "period": self._period_label(),
            "scope": self.team_id.name or company.name,
            "totals": self._get_totals(domain),
            "targets": {
                "response": company.aftersales_target_response_hours,
                "response_technical": technical_target,
                "complaint_rate": company.aftersales_target_complaint_rate,
                "satisfaction": company.aftersales_target_satisfaction,
                "feedback_rate": company.aftersales_target_feedback_rate,
            },
            "no_data": NO_DATA,
            "by_kind": by_kind,
            "by_kind_bars": self._bars(by_kind),
            "by_channel": by_channel,
            "by_channel_bars": self._bars(by_channel),
            "by_product": self._frequent(domain, "product_id"),
            "by_lot": self._frequent(domain, "lot_id"),
            "by_cause": self._frequent(domain, "cause_category_id"),
            "compliance_by_kind": compliance_by_kind,
            "breached_cases": self._hard_cases(
                domain & Domain("is_breached", "=", True)
            ),
            "open_cases": self._hard_cases(
                domain & Domain("is_open", "=", True), order="received_date asc"
            ),
            "reopened_cases": self._hard_cases(
                domain & Domain("is_reopened", "=", True)
            ),
            "currency": company.currency_id,
        }

    def _frequent(self, domain, field_name):
        return self._group(
            domain & Domain(field_name, "!=", False),
            field_name,
            order="__count desc",
            limit=TOP,
        )

    def _hard_cases(self, domain, order="received_date asc"):
        return (
            self.env["aftersales.analysis"]
            .sudo()
            .search(domain, order=order, limit=TOP)
        )

    def _get_complaint_data(self):
        """Figures of the quarterly complaint analysis, with the previous
        quarter's for the trend."""
        self.ensure_one()
        previous_from = self.date_from - relativedelta(months=3)
        complaints = Domain("is_complaint", "=", True)
        current = self._get_domain() & complaints
        previous = self._get_domain(previous_from, self.date_from) & complaints
        data = {
            "report": self,
            "period": self._period_label(),
            "scope": self.team_id.name or self.company_id.name,
            "currency": self.company_id.currency_id,
        }
        for key, field_name in self._complaint_dimensions().items():
            before = dict(self._group(previous, field_name))
            rows = self._group(current, field_name, order="__count desc")
            data[key] = [(label, count, before.get(label, 0)) for label, count in rows]
        data["totals"] = self._get_totals(self._get_domain())
        data["previous_totals"] = self._get_totals(
            self._get_domain(previous_from, self.date_from)
        )
        data["cases"] = self._hard_cases(current, order="received_date asc")
        return data

    def _complaint_dimensions(self):
        return {
            "by_category": "category_id",
            "by_cause": "cause_category_id",
            "by_product": "product_id",
            "by_lot": "lot_id",
            "by_carrier": "carrier",
        }

    # ------------------------------------------------------------------
    # Business methods: the monthly job
    # ------------------------------------------------------------------
    def _render_pdf(self, lang=None):
        self.ensure_one()
        report = self.env.ref(REPORTS[self.period_type])
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_context(lang=lang or self.env.lang)
            ._render_qweb_pdf(report, res_ids=self.ids)
        )
        return pdf

    def _send(self):
        """Attach the PDF (one per language of the recipients) and send it."""
        for report in self:
            partners = report.company_id.aftersales_report_partner_ids
            langs = sorted(set(partners.mapped(lambda p: p.lang or "en_US"))) or [
                self.env.lang or "en_US"
            ]
            attachments = []
            for lang in langs:
                attachments.append(
                    (
                        f"{report.name} ({lang}).pdf",
                        report._render_pdf(lang),
                    )
                )
            report.message_post(
                body=self.env._(
                    "The after-sales report of %(period)s is attached.",
                    period=report._period_label(),
                ),
                subject=report.name,
                partner_ids=partners.ids,
                attachments=attachments,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            report.sudo().write({"sent_date": fields.Datetime.now()})

    @api.model
    def _cron_send_monthly(self, today=None):
        """Send last month's report of each company that has recipients,
        once per month (run daily: a missed 1st is caught up the next day)."""
        today = today or fields.Date.context_today(self)
        month = today.replace(day=1) - relativedelta(months=1)
        companies = self.env["res.company"].search(
            [("aftersales_report_partner_ids", "!=", False)]
        )
        done = set(
            self.search(
                [
                    ("scheduled", "=", True),
                    ("period_type", "=", "month"),
                    ("date_from", "=", month),
                ]
            ).company_id.ids
        )
        for company in companies.filtered(lambda c: c.id not in done):
            report = self.sudo().create(
                {
                    "company_id": company.id,
                    "period_type": "month",
                    "date_from": month,
                    "scheduled": True,
                }
            )
            report.with_company(company)._send()
            _logger.info("After-sales monthly report sent: %s", report.name)
