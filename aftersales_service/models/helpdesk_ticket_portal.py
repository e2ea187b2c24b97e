# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import plaintext2html


class HelpdeskTicket(models.Model):
    """The request as its customer sees it in the portal (R1-R3, R30, R32):
    a state in plain words, a timeline of steps, the promised times, what
    the customer has to do, and the two things a customer may do alone
    (cancel while new, reopen shortly after resolution).

    Extension points for the modules that add steps or actions (service
    plans, visits, reports, satisfaction surveys):

    - ``_aftersales_portal_timeline()`` returns the list of steps; extend it
      with ``super()`` and insert your steps (each a dict, see
      ``_aftersales_portal_step``);
    - ``_aftersales_portal_actions()`` returns what the customer must do now;
      extend it with ``super()`` and add the fields it reads to the depends
      of ``_compute_aftersales_portal_action_needed`` (override the compute
      with ``@api.depends(...)``): the stored flag sorts the list.
    """

    _inherit = "helpdesk.ticket"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    aftersales_portal_action_needed = fields.Boolean(
        string="Needs the Customer's Action",
        compute="_compute_aftersales_portal_action_needed",
        store=True,
        index=True,
        help="The customer has something to do on this request (reply, "
        "approve, confirm...): shown first in their portal list.",
    )

    aftersales_return_qty = fields.Float(
        string="Quantity Concerned",
        digits="Product Unit",
        help="How many of the delivered units the customer wants to return, "
        "exchange or have replenished (given in the portal).",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("sla_pause_reason", "stage_id.closed")
    def _compute_aftersales_portal_action_needed(self):
        for ticket in self:
            ticket.aftersales_portal_action_needed = bool(
                ticket._aftersales_portal_actions()
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_aftersales_portal_cancel(self, reason=None):
        """The customer withdraws a request that nobody has started on."""
        for ticket in self:
            if not ticket._aftersales_portal_can_cancel():
                raise UserError(
                    self.env._(
                        "Request %(number)s is already being handled: it can no "
                        "longer be cancelled here. Write to us in the "
                        "conversation below instead.",
                        number=ticket.number,
                    )
                )
            stage = ticket._aftersales_portal_cancel_stage()
            if not stage:
                raise UserError(
                    self.env._(
                        "Request %(number)s cannot be cancelled online: write to "
                        "us in the conversation below.",
                        number=ticket.number,
                    )
                )
            ticket.write({"stage_id": stage.id})
            ticket._aftersales_portal_log(
                self.env._("The customer cancelled the request."), reason
            )
        return True

    def action_aftersales_portal_reopen(self, reason=None):
        """ "Not solved": the customer reopens a resolved request within the
        company's reopening window."""
        for ticket in self:
            if not ticket._aftersales_portal_can_reopen():
                raise UserError(
                    self.env._(
                        "Request %(number)s can only be reopened within %(days)s "
                        "days of its resolution: please submit a new request.",
                        number=ticket.number,
                        days=ticket.company_id.aftersales_reopen_days,
                    )
                )
            stage = ticket._aftersales_portal_reopen_stage()
            ticket.write({"stage_id": stage.id})
            ticket._aftersales_portal_log(
                self.env._("The customer says the problem is not solved."), reason
            )
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _aftersales_portal_state_domains(self):
        """The portal list's filters by state, as domains (one search each)."""
        cancelled = Domain("stage_id.aftersales_cancel", "=", True)
        closed = Domain("stage_id.closed", "=", True)
        return {
            "open": ~closed & Domain("aftersales_portal_action_needed", "=", False),
            "action": ~closed & Domain("aftersales_portal_action_needed", "=", True),
            "resolved": closed & ~cancelled,
            "cancelled": cancelled,
        }

    def _aftersales_portal_state(self):
        """new, open, action, resolved or cancelled."""
        self.ensure_one()
        if self.stage_id.aftersales_cancel:
            return "cancelled"
        if self.stage_id.closed:
            return "resolved"
        if self.aftersales_portal_action_needed:
            return "action"
        if self._aftersales_portal_is_new():
            return "new"
        return "open"

    def _aftersales_portal_state_label(self):
        self.ensure_one()
        return {
            "new": self.env._("Registered"),
            "open": self.env._("In progress"),
            "action": self.env._("Waiting for you"),
            "resolved": self.env._("Resolved"),
            "cancelled": self.env._("Cancelled"),
        }[self._aftersales_portal_state()]

    def _aftersales_portal_actions(self):
        """What the customer has to do now: a list of dicts with ``key``,
        ``label`` and ``reason`` (plain words), and ``step`` True when a
        timeline step of the same concern already shows it. Extend with
        ``super()``."""
        self.ensure_one()
        actions = []
        if self.sla_pause_reason == "customer" and not self.stage_id.closed:
            actions.append(
                {
                    "key": "reply",
                    "label": self.env._("Reply to us"),
                    "reason": self.sla_pause_message
                    or self.env._("We are waiting for information from you."),
                }
            )
        return actions

    def _aftersales_portal_step(
        self, key, label, state, date=False, detail=False, url=False, url_label=False
    ):
        """One timeline step: ``state`` is done, current or todo; ``date`` a
        UTC datetime shown in the customer's time zone; ``url`` an optional
        link (a document, a page to act on) named ``url_label``."""
        return {
            "key": key,
            "label": label,
            "state": state,
            "date": date,
            "detail": detail,
            "url": url,
            "url_label": url_label,
        }

    def _aftersales_portal_timeline(self):
        """The steps of the request in plain words, in order. Other modules
        insert theirs (visit, plan, report, survey) with ``super()``."""
        self.ensure_one()
        step = self._aftersales_portal_step
        state = self._aftersales_portal_state()
        closed = state in ("resolved", "cancelled")
        steps = [
            step(
                "received",
                self.env._("Registered"),
                "done",
                self.sla_received_date or self.create_date,
                self.env._("Request %(number)s recorded.", number=self.number),
            )
        ]
        handled = not self._aftersales_portal_is_new()
        if state != "cancelled" or handled:
            detail = False
            if self.sla_pause_reason and self.sla_pause_reason != "customer":
                detail = self.sla_pause_message
            steps.append(
                step(
                    "diagnosis",
                    self.env._("Being diagnosed"),
                    "done" if closed else ("current" if handled else "todo"),
                    detail=detail,
                )
            )
        for action in self._aftersales_portal_actions():
            if action.get("step"):
                continue  # the step of its own concern says it
            steps.append(
                step(
                    "waiting_" + action["key"],
                    self.env._("Waiting for you"),
                    "current",
                    detail=action["reason"],
                )
            )
        for transfer in self.sudo().picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state != "cancel"
        ):
            done = transfer.state == "done"
            carrier = ", ".join(
                filter(
                    None,
                    [transfer.aftersales_carrier, transfer.aftersales_tracking_ref],
                )
            )
            steps.append(
                step(
                    f"shipped_{transfer.id}",
                    self.env._("Shipped")
                    if done
                    else self.env._("Shipment being prepared"),
                    "done" if done else "current",
                    transfer.date_done if done else False,
                    self.env._(
                        "%(reference)s, %(carrier)s",
                        reference=transfer.name,
                        carrier=carrier,
                    )
                    if carrier
                    else transfer.name,
                )
            )
        if state == "cancelled":
            steps.append(
                step("cancelled", self.env._("Cancelled"), "done", self.closed_date)
            )
        else:
            steps.append(
                step(
                    "resolved",
                    self.env._("Resolved"),
                    "done" if closed else "todo",
                    self.closed_date if closed else False,
                )
            )
        return steps

    @api.model
    def _aftersales_portal_insert_steps(self, steps, new_steps):
        """Insert ``new_steps`` before the closing step (resolved or
        cancelled), where the steps of a concern's work belong."""
        index = next(
            (
                i
                for i, existing in enumerate(steps)
                if existing["key"] in ("resolved", "cancelled")
            ),
            len(steps),
        )
        steps[index:index] = new_steps
        return steps

    def _aftersales_portal_promises(self):
        """The promised times (SLA targets) a customer cares about: the
        target's name, deadline, when it was reached and whether it was kept
        (True, False, or None while it runs)."""
        self.ensure_one()
        promises = []
        for line in self.sudo().sla_line_ids:
            if line.state == "cancelled" or not (line.deadline or line.met_date):
                continue
            if line.met_date:
                kept = not line.deadline or line.met_date <= line.deadline
            elif line.state == "breached":
                kept = False
            else:
                kept = None
            promises.append(
                {
                    "name": line.name
                    or dict(
                        line._fields["target_type"]._description_selection(self.env)
                    ).get(line.target_type),
                    "deadline": line.deadline,
                    "met_date": line.met_date,
                    "paused": line.state == "paused",
                    "kept": kept,
                }
            )
        return promises

    @api.model
    def _aftersales_portal_return_rules(self, deliveries, company=None):
        """For each delivery, the return rules that apply to it by reason,
        computed by the backend's own ``_get_return_eligibility``: a dict
        {delivery id: [{reason, label, deadline, eligible, payer, text}]}."""
        today = fields.Date.context_today(self)
        company = company or self.env.company
        labels = dict(self._fields["return_reason"]._description_selection(self.env))
        rules = {}
        for delivery in deliveries:
            rules[delivery.id] = []
            for reason in ("quality", "other"):
                draft = self.new(
                    {
                        "company_id": company.id,
                        "return_reason": reason,
                        "purchase_date": delivery.date_done
                        and delivery.date_done.date(),
                        "return_unused": True,
                        "return_packaging_intact": True,
                        "return_resaleable": True,
                    }
                )
                result = draft._get_return_eligibility(today)
                rules[delivery.id].append(
                    {
                        "reason": reason,
                        "label": labels[reason],
                        "deadline": result["return_deadline"],
                        "eligible": result["return_eligible"],
                        "payer": result["return_shipping_payer"],
                        "text": result["return_eligibility_reason"],
                    }
                )
        return rules

    def _aftersales_portal_is_new(self):
        self.ensure_one()
        first = self.team_id._get_applicable_stages()[:1]
        return not self.stage_id or self.stage_id == first

    def _aftersales_portal_can_cancel(self):
        self.ensure_one()
        return not self.stage_id.closed and self._aftersales_portal_is_new()

    def _aftersales_portal_cancel_stage(self):
        self.ensure_one()
        return self.team_id._get_applicable_stages().filtered(
            lambda s: s.aftersales_cancel and s.closed
        )[:1]

    def _aftersales_portal_can_reopen(self):
        self.ensure_one()
        if not self.stage_id.closed or self.stage_id.aftersales_cancel:
            return False
        if not self.closed_date or not self._aftersales_portal_reopen_stage():
            return False
        days = self.company_id.aftersales_reopen_days
        return fields.Datetime.now() <= fields.Datetime.add(self.closed_date, days=days)

    def _aftersales_portal_reopen_stage(self):
        """The team's first open stage after the intake one."""
        self.ensure_one()
        stages = self.team_id._get_applicable_stages().filtered(lambda s: not s.closed)
        return stages[1:2] or stages[:1]

    def _aftersales_portal_log(self, summary, reason=None):
        body = plaintext2html(summary)
        if reason and reason.strip():
            body += plaintext2html(reason.strip())
        self.message_post(
            body=body,
            author_id=self.env.user.partner_id.id
            if not self.env.user._is_public()
            else self.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
