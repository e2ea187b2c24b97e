# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.worktime import WorkTime
from .aftersales_return import SHORTAGE_ACTIONS

RESULTS = [("ok", "No Defect"), ("defect", "Defect Confirmed")]
SEVERITIES = [("minor", "Minor"), ("serious", "Serious")]
RESPONSIBILITIES = [
    ("production", "Production / Supplier"),
    ("logistics", "Logistics"),
    ("installation", "Installation"),
    ("customer", "Customer Use"),
    ("undetermined", "Undetermined"),
]
OUTCOMES = [
    ("discount", "Compensation: Discount"),
    ("gift", "Compensation: Gift"),
    ("return", "Unconditional Return"),
    ("exchange", "Unconditional Exchange"),
    ("damages", "Damages"),
    ("none", "No Action"),
]
STATES = [
    ("requested", "Requested"),
    ("reported", "Reported"),
    ("decided", "Decided"),
    ("cancel", "Cancelled"),
]


class AftersalesQualityInspection(models.Model):
    """Quality inspection (质量鉴定) of a lot by the quality team: a deadline
    in working days, a report, then the supervisor's outcome."""

    _name = "aftersales.quality.inspection"
    _description = "After-Sales Lot Quality Inspection"
    _inherit = [  # noqa: RUF012
        "aftersales.request.document",
        "aftersales.replacement.lot.mixin",
    ]
    _order = "deadline, id"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    product_id = fields.Many2one(
        related="ticket_id.product_id", store=True, string="Product"
    )
    lot_id = fields.Many2one(related="ticket_id.lot_id", store=True, string="Lot")
    user_id = fields.Many2one(
        "res.users",
        string="Inspector",
        domain=[("share", "=", False)],
        tracking=True,
        help="Member of the quality team who inspects the lot.",
    )
    request_date = fields.Datetime(
        string="Requested On", default=fields.Datetime.now, required=True
    )
    deadline = fields.Datetime(
        compute="_compute_deadline",
        store=True,
        readonly=False,
        tracking=True,
        help="Working days of the company calendar after the request "
        "(setting: inspection days).",
    )
    state = fields.Selection(STATES, default="requested", required=True, tracking=True)
    result = fields.Selection(RESULTS, tracking=True)
    severity = fields.Selection(SEVERITIES, tracking=True)
    defect = fields.Text(string="Defect Found", groups="base.group_user")
    responsibility = fields.Selection(
        RESPONSIBILITIES, tracking=True, groups="base.group_user"
    )
    report = fields.Html(string="Inspection Report", groups="base.group_user")
    report_date = fields.Datetime(string="Reported On", readonly=True, copy=False)
    outcome = fields.Selection(OUTCOMES, tracking=True)
    outcome_amount = fields.Monetary(
        string="Compensation Amount",
        currency_field="currency_id",
        groups="base.group_user",
    )
    outcome_qty = fields.Float(
        string="Quantity",
        digits="Product Unit",
        default=1.0,
        help="Quantity returned or exchanged when the outcome is a return or an "
        "exchange.",
    )
    shortage_action = fields.Selection(
        SHORTAGE_ACTIONS,
        string="When Short",
        help="What the customer accepted if the lot of the exchange is not in "
        "stock (for instance after it was quarantined): a later date, a refund "
        "or another lot.",
    )
    expected_date = fields.Date(
        string="Expected Delivery",
        help="Date promised to the customer when the goods are not in stock.",
    )
    outcome_note = fields.Text(string="Outcome Details", groups="base.group_user")
    decision_user_id = fields.Many2one(
        "res.users", string="Decided By", readonly=True, copy=False
    )
    decision_date = fields.Datetime(string="Decided On", readonly=True, copy=False)
    return_id = fields.Many2one(
        "aftersales.return", string="Resulting Operation", readonly=True, copy=False
    )
    overdue = fields.Boolean(compute="_compute_overdue")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("request_date", "company_id")
    def _compute_deadline(self):
        for inspection in self:
            inspection.deadline = inspection._get_deadline()

    def _compute_overdue(self):
        now = fields.Datetime.now()
        for inspection in self:
            inspection.overdue = bool(
                inspection.state == "requested"
                and inspection.deadline
                and inspection.deadline < now
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._check_outcome_writer(
            {
                key
                for vals in vals_list
                for key in ("outcome", "outcome_amount")
                if vals.get(key)
            }
        )
        self._check_replacement_writer(
            {key for vals in vals_list for key, value in vals.items() if value}
        )
        inspections = super().create(vals_list)
        for inspection in inspections.filtered("user_id"):
            inspection.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=inspection.deadline.date(),
                summary=self.env._("Inspect lot %(lot)s", lot=inspection.lot_id.name),
                user_id=inspection.user_id.id,
            )
        return inspections

    def write(self, vals):
        self._check_outcome_writer(set(vals))
        self._check_replacement_writer(set(vals))
        if not self.env.su and {"replacement_lot_id", "shortage_action"} & set(vals):
            decided = self.filtered(lambda i: not i._can_change_shortage_choice())
            if decided:
                raise UserError(
                    self.env._(
                        "%(name)s is already decided: its lot can no longer change.",
                        name=decided[0].name,
                    )
                )
        self._reset_lot_acceptance(vals)
        return super().write(vals)

    @api.model
    def _get_action_fields(self):
        return super()._get_action_fields() | {
            "report_date",
            "return_id",
            "lot_accepted_user_id",
            "lot_accepted_date",
        }

    def _can_change_shortage_choice(self):
        self.ensure_one()
        return self.state in ("requested", "reported")

    def _check_outcome_writer(self, field_names):
        """The outcome is the supervisor's (R23), chosen before deciding."""
        if self.env.su or not (
            {"outcome", "outcome_amount", "outcome_qty"} & field_names
        ):
            return
        if not self.env.user.has_group(
            "aftersales_service.group_aftersales_supervisor"
        ):
            raise AccessError(
                self.env._("Only an after-sales supervisor decides the outcome.")
            )
        if self.filtered(lambda i: i.state in ("decided", "cancel")):
            raise UserError(
                self.env._("The outcome of a decided inspection cannot change.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit_report(self):
        for inspection in self:
            if inspection.state != "requested":
                raise UserError(
                    self.env._("%(name)s was already reported.", name=inspection.name)
                )
            if not inspection.result or not inspection.responsibility:
                raise UserError(
                    self.env._(
                        "Give the result and the responsibility before sending "
                        "the report of %(name)s.",
                        name=inspection.name,
                    )
                )
            if inspection.result == "defect" and not (
                inspection.defect and inspection.severity
            ):
                raise UserError(
                    self.env._(
                        "Describe the defect and its severity in %(name)s.",
                        name=inspection.name,
                    )
                )
        self._write_by_action(
            {"state": "reported", "report_date": fields.Datetime.now()}
        )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_decide(self):
        """The supervisor chooses the outcome (R23)."""
        if not self.env.user.has_group(
            "aftersales_service.group_aftersales_supervisor"
        ):
            raise AccessError(
                self.env._("Only an after-sales supervisor decides the outcome.")
            )
        for inspection in self:
            if inspection.state != "reported":
                raise UserError(
                    self.env._(
                        "%(name)s needs its report before a decision.",
                        name=inspection.name,
                    )
                )
            if not inspection.outcome:
                raise UserError(
                    self.env._("Choose the outcome of %(name)s.", name=inspection.name)
                )
            inspection._check_shortage_choice()
            inspection._write_by_action(
                {
                    "state": "decided",
                    "decision_user_id": self.env.uid,
                    "decision_date": fields.Datetime.now(),
                }
            )
            operation = inspection._create_outcome_operation()
            if operation:
                inspection._write_by_action({"return_id": operation.id})
        return True

    def action_cancel(self):
        decided = self.filtered(lambda i: i.state == "decided")
        if decided:
            raise UserError(
                self.env._(
                    "%(names)s is decided: cancel the resulting operation instead.",
                    names=", ".join(decided.mapped("name")),
                )
            )
        self._write_by_action({"state": "cancel"})
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _get_deadline(self):
        self.ensure_one()
        company = self.company_id or self.env.company
        days = company.aftersales_inspection_days
        start = self.request_date or fields.Datetime.now()
        return WorkTime(self.env).add_working_days(
            company.resource_calendar_id, start, days
        )

    def _prepare_outcome_operation_vals(self):
        self.ensure_one()
        vals = {
            "ticket_id": self.ticket_id.id,
            "unconditional": True,
            "reason": self.env._(
                "Quality inspection %(name)s: %(defect)s",
                name=self.name,
                defect=self.defect or "-",
            ),
            "decision_reason": self.outcome_note,
        }
        if self.outcome in ("discount", "gift", "damages"):
            vals.update(
                {
                    "operation": "compensation",
                    "compensation_type": self.outcome,
                    "compensation_amount": self.outcome_amount,
                }
            )
        else:
            vals.update({"operation": self.outcome, "quantity": self.outcome_qty})
        if self.outcome == "exchange":
            vals.update(
                {
                    "shortage_action": self.shortage_action,
                    "expected_date": self.expected_date,
                    "replacement_lot_id": self.replacement_lot_id.id,
                    "lot_accepted_user_id": self.lot_accepted_user_id.id,
                    "lot_accepted_date": self.lot_accepted_date,
                }
            )
        return vals

    def _check_shortage_choice(self):
        """An exchange of a lot that is short (quarantined, sold out) needs the
        customer's choice, asked here, on the inspection being decided."""
        self.ensure_one()
        if self.outcome != "exchange":
            return
        self._check_replacement_choice()
        if self.shortage_action:
            return
        operation = self.env["aftersales.return"].new(
            self._prepare_outcome_operation_vals()
        )
        uom = operation.product_id.uom_id
        if uom.compare(operation.available_qty, operation.quantity) >= 0:
            return
        raise UserError(
            self.env._(
                "Only %(available)s %(uom)s of lot %(lot)s is available for the "
                "exchange (%(qty)s needed). Ask the customer and choose on "
                "%(name)s under When Short: ship later on an expected date, a "
                "refund, or another lot if the customer accepts it; then decide "
                "again.",
                available=operation.available_qty,
                uom=uom.name,
                lot=self.lot_id.name or "-",
                qty=operation.quantity,
                name=self.name,
            )
        )

    def _create_outcome_operation(self):
        """The outcome becomes an approved operation on the request: the
        supervisor's decision is its approval."""
        self.ensure_one()
        if self.outcome == "none":
            return self.env["aftersales.return"]
        operation = (
            self.env["aftersales.return"]
            .sudo()
            .create(self._prepare_outcome_operation_vals())
        )
        operation._write_by_action({"state": "to_approve"})
        operation = operation.sudo(False)
        operation.action_approve()
        return operation
