# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.fields import Domain


class HelpdeskTicket(models.Model):
    """The service on the customer's portal: the plan to approve and the
    visits to confirm among the actions, plan, visit and completion steps in
    the timeline."""

    _inherit = "helpdesk.ticket"  # pylint: disable=R8180

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(
        "service_completed_date",
        "service_plan_ids.state",
        "service_plan_ids.valid_until",
        "service_visit_ids.start",
        "service_visit_ids.aftersales_visit_state",
    )
    def _compute_aftersales_portal_action_needed(self):
        # a plan to approve, a visit to confirm (see _aftersales_portal_actions);
        # a visit starting or a plan expiring changes no field: a job
        # recomputes those (_cron_aftersales_portal_refresh)
        return super()._compute_aftersales_portal_action_needed()

    # ------------------------------------------------------------------
    # Business methods (the customer's portal)
    # ------------------------------------------------------------------
    @api.model
    def _cron_aftersales_portal_refresh(self):
        """Recompute "needs your action" of the requests waiting for their
        customer whose visit has begun or whose plan has expired since: the
        passing of time writes nothing that would trigger the stored flag,
        and the portal list sorts and filters by it. Time only ends such
        actions, so only flagged requests are looked at."""
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        tickets = self.search(
            Domain("aftersales_portal_action_needed", "=", True)
            & (
                Domain("service_visit_ids.start", "<=", now)
                | Domain("service_plan_ids.valid_until", "<", today)
            )
        )
        # "expired" depends on the day: a value cached earlier is stale
        tickets.service_plan_ids.invalidate_recordset(["is_expired"])
        self.env.add_to_compute(
            self._fields["aftersales_portal_action_needed"], tickets
        )
        tickets.flush_recordset(["aftersales_portal_action_needed"])
        return tickets

    def _aftersales_portal_visits(self):
        """The visits still to come, first one first (as superuser: a
        customer reads no calendar)."""
        self.ensure_one()
        now = fields.Datetime.now()
        return (
            self.sudo()
            .service_visit_ids.filtered(lambda v: v.start > now)
            .sorted("start")
        )

    def _aftersales_portal_plan(self):
        """The latest plan the customer was sent (drafts are not shown)."""
        self.ensure_one()
        return (
            self.sudo()
            .service_plan_ids.filtered(lambda p: p.state != "draft")
            .sorted(lambda p: (p.version, p.id), reverse=True)[:1]
        )

    def _aftersales_portal_actions(self):
        actions = super()._aftersales_portal_actions()
        if self.stage_id.closed or self.service_completed_date:
            return actions
        plan = self._aftersales_portal_plan()
        if plan.state == "sent" and not plan.is_expired:
            actions.append(
                {
                    "key": "plan",
                    "label": self.env._("Approve the plan"),
                    "reason": self.env._(
                        "Plan %(plan)s awaits your approval: read it, then "
                        "accept or refuse it.",
                        plan=plan.name,
                    ),
                    "step": True,
                }
            )
        for visit in self._aftersales_portal_visits():
            if visit.aftersales_visit_state in (False, "scheduled"):
                actions.append(
                    {
                        "key": f"visit_{visit.id}",
                        "label": self.env._("Confirm the visit"),
                        "reason": self.env._(
                            "Visit of %(when)s: confirm it or ask us to move it.",
                            when=visit._aftersales_when(),
                        ),
                        "step": True,
                    }
                )
        return actions

    def _aftersales_portal_timeline(self):
        """The service's steps in plain words: the plan (sent, awaiting the
        customer's approval, accepted or refused), each visit (when, with
        whom, confirmed or to move), the completion with its report."""
        steps = super()._aftersales_portal_timeline()
        return self._aftersales_portal_insert_steps(
            steps,
            self._aftersales_portal_plan_steps()
            + self._aftersales_portal_visit_steps()
            + self._aftersales_portal_completion_steps(),
        )

    def _aftersales_portal_plan_steps(self):
        self.ensure_one()
        step = self._aftersales_portal_step
        plan = self._aftersales_portal_plan()
        if not plan:
            return []
        url, see = plan.get_portal_url(), self.env._("See the plan")
        name = plan.name
        if plan.state == "sent" and not plan.is_expired:
            label = self.env._("Plan sent: awaiting your approval")
            state, date = "current", plan.sent_date
            detail = self.env._(
                "Plan %(plan)s: read it, then accept or refuse it.", plan=name
            )
        elif plan.state == "sent":
            label, state, date = self.env._("Plan expired"), "current", plan.sent_date
            detail = self.env._(
                "Plan %(plan)s is no longer valid: contact us for a new one.", plan=name
            )
        elif plan.state == "accepted":
            label, state, date = self.env._("Plan accepted"), "done", plan.signed_on
            detail = self.env._("You accepted plan %(plan)s.", plan=name)
        else:
            label = False
        if label:
            return [step("plan", label, state, date, detail, url, see)]
        if plan.state == "refused":
            detail = self.env._(
                "You refused plan %(plan)s: we will come back to you with "
                "another proposal.",
                plan=plan.name,
            )
            return [step("plan", self.env._("Plan refused"), "done", False, detail)]
        # superseded: its new version is being written
        return [
            step(
                "plan",
                self.env._("A new plan is being prepared"),
                "current",
                detail=self.env._("We will send it to you for approval."),
            )
        ]

    def _aftersales_portal_visit_steps(self):
        self.ensure_one()
        step = self._aftersales_portal_step
        now = fields.Datetime.now()
        steps = []
        for visit in self.sudo().service_visit_ids.sorted("start"):
            names = ", ".join(visit.aftersales_technician_ids.mapped("name"))
            if visit.start <= now:
                detail = names and self.env._(
                    "With %(technicians)s.", technicians=names
                )
                steps.append(
                    step(
                        f"visit_{visit.id}",
                        self.env._("Visit"),
                        "done",
                        visit.start,
                        detail,
                    )
                )
                continue
            answer = {
                "confirmed": self.env._("You confirmed it."),
                "move_requested": self.env._(
                    "You asked to move it: we will propose another time."
                ),
            }.get(visit.aftersales_visit_state, self.env._("Please confirm it."))
            if names:
                answer = self.env._(
                    "With %(technicians)s. %(answer)s", technicians=names, answer=answer
                )
            steps.append(
                step(
                    f"visit_{visit.id}",
                    self.env._("Visit scheduled"),
                    "current",
                    visit.start,
                    answer,
                )
            )
        return steps

    def _aftersales_portal_completion_steps(self):
        self.ensure_one()
        if not self.service_completed_date:
            return []
        return [
            self._aftersales_portal_step(
                "service_done",
                self.env._("Service completed"),
                "done",
                self.service_completed_date,
                self.env._("The service report is available."),
                self.get_portal_url(suffix="/service_report"),
                self.env._("Download the service report (PDF)"),
            )
        ]
