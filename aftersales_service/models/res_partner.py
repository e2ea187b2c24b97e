# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.fields import Domain

from ..tools.selections import SERVICE_TIERS


class ResPartner(models.Model):
    _inherit = "res.partner"

    aftersales_tier = fields.Selection(
        SERVICE_TIERS,
        string="Service Tier",
        default="standard",
        required=True,
        tracking=True,
        help="VIP and key accounts get raised priority and, when set, "
        "their dedicated agent.",
    )
    aftersales_agent_id = fields.Many2one(
        "res.users",
        string="Dedicated Agent",
        domain=[("share", "=", False)],
        tracking=True,
    )

    aftersales_request_count = fields.Integer(
        string="After-Sales Requests",
        compute="_compute_aftersales_stats",
        groups="aftersales_service.group_aftersales_agent",
    )
    aftersales_open_count = fields.Integer(
        string="Open Requests",
        compute="_compute_aftersales_stats",
        groups="aftersales_service.group_aftersales_agent",
    )
    aftersales_kind_summary = fields.Char(
        string="History by Kind",
        compute="_compute_aftersales_stats",
        groups="aftersales_service.group_aftersales_agent",
    )
    aftersales_last_request_date = fields.Datetime(
        string="Last Request",
        compute="_compute_aftersales_stats",
        groups="aftersales_service.group_aftersales_agent",
    )

    # Satisfaction (helpdesk_ticket_satisfaction): from the survey answers
    aftersales_last_satisfaction = fields.Integer(
        string="Last Satisfaction",
        compute="_compute_aftersales_satisfaction",
        groups="aftersales_service.group_aftersales_agent",
        help="Overall satisfaction (1-5) of the customer's last answer.",
    )
    aftersales_avg_satisfaction = fields.Float(
        string="Average Satisfaction",
        compute="_compute_aftersales_satisfaction",
        digits=(16, 2),
        groups="aftersales_service.group_aftersales_agent",
        help="Average overall satisfaction (1-5) of the customer's answers.",
    )
    aftersales_dissatisfied_count = fields.Integer(
        string="Dissatisfied Answers",
        compute="_compute_aftersales_satisfaction",
        groups="aftersales_service.group_aftersales_agent",
    )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if self._aftersales_is_service_setting(vals):
            # supervisors set a customer's tier and dedicated agent without
            # Contacts' rights; the rest of the contact stays with them
            self.check_access("read")
            return super(ResPartner, self.sudo()).write(vals)
        res = super().write(vals)
        if "aftersales_tier" in vals:
            # the tier raises priorities and selects SLA policies: the open
            # requests of these customers follow it, in a job
            self.env["helpdesk.ticket"]._sla_request_rematch(
                Domain("commercial_partner_id", "in", self.ids)
            )
        return res

    def _aftersales_is_service_setting(self, vals):
        """A supervisor without Contacts' rights setting only the service
        fields of customers."""
        return (
            vals
            and set(vals) <= {"aftersales_tier", "aftersales_agent_id"}
            and not self.env.su
            and self.env.user.has_group(
                "aftersales_service.group_aftersales_supervisor"
            )
            and not self.env["res.partner"].has_access("write")
        )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def _compute_aftersales_stats(self):
        """Customer file (R4): one grouped query for the whole batch, on the
        commercial entity, so every contact of a company shows its history."""
        commercial = self.commercial_partner_id
        Ticket = self.env["helpdesk.ticket"]
        kind_labels = dict(
            Ticket._fields["aftersales_kind"]._description_selection(self.env)
        )
        stats = {
            p.id: {"total": 0, "open": 0, "kinds": {}, "last": False}
            for p in commercial
        }
        rows = (
            Ticket._read_group(
                [("commercial_partner_id", "in", commercial.ids)],
                ["commercial_partner_id", "aftersales_kind", "stage_id"],
                ["__count", "create_date:max"],
            )
            if commercial
            else []
        )
        for partner, kind, stage, count, last in rows:
            stat = stats[partner.id]
            stat["total"] += count
            if not stage.closed:
                stat["open"] += count
            if kind:
                stat["kinds"][kind] = stat["kinds"].get(kind, 0) + count
            if last and (not stat["last"] or last > stat["last"]):
                stat["last"] = last
        for partner in self:
            stat = stats.get(partner.commercial_partner_id.id)
            partner.aftersales_request_count = stat["total"] if stat else 0
            partner.aftersales_open_count = stat["open"] if stat else 0
            partner.aftersales_last_request_date = stat["last"] if stat else False
            partner.aftersales_kind_summary = (
                ", ".join(
                    f"{kind_labels.get(kind, kind)}: {count}"
                    for kind, count in sorted(stat["kinds"].items())
                )
                if stat
                else False
            )

    def _compute_aftersales_satisfaction(self):
        """Last and average satisfaction and dissatisfied answers of the
        commercial entity: one grouped query and one ordered read for the
        batch."""
        commercial = self.commercial_partner_id
        Ticket = self.env["helpdesk.ticket"].sudo()
        domain = [
            ("commercial_partner_id", "in", commercial.ids),
            ("satisfaction_state", "=", "answered"),
        ]
        stats, last = {}, {}
        if commercial:
            for partner, satisfied, count, total in Ticket._read_group(
                domain,
                ["commercial_partner_id", "satisfaction_satisfied"],
                ["__count", "satisfaction_score:sum"],
            ):
                stat = stats.setdefault(partner.id, [0, 0, 0])
                stat[0] += count
                stat[1] += total
                if not satisfied:
                    stat[2] += count
            for row in Ticket.search_read(
                domain,
                ["commercial_partner_id", "satisfaction_score"],
                order="satisfaction_answered_date desc, id desc",
            ):
                last.setdefault(
                    row["commercial_partner_id"][0], row["satisfaction_score"]
                )
        for partner in self:
            count, total, dissatisfied = stats.get(
                partner.commercial_partner_id.id, (0, 0, 0)
            )
            partner.aftersales_avg_satisfaction = total / count if count else 0.0
            partner.aftersales_dissatisfied_count = dissatisfied
            partner.aftersales_last_satisfaction = last.get(
                partner.commercial_partner_id.id, 0
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_aftersales_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_service.aftersales_request_action"
        )
        action["domain"] = [
            ("commercial_partner_id", "=", self.commercial_partner_id.id)
        ]
        action["context"] = {"default_partner_id": self.id}
        return action
