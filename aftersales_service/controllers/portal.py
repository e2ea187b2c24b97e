# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..tools.selections import AFTERSALES_KINDS


class AftersalesCustomerPortal(CustomerPortalHelpdesk):
    """The customer's after-sales center: the list of their requests
    (filters by state and kind, search, what needs their action first), the
    request page (timeline, promised times, returns and transfers, chatter)
    and the two actions a customer may take alone (cancel while new, reopen
    shortly after resolution). Every route checks access with
    ``_document_check_access``: the request's own customer, or its token."""

    # ------------------------------------------------------------------
    # Home
    # ------------------------------------------------------------------
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "aftersales_action_count" in counters:
            Ticket = request.env["helpdesk.ticket"]
            values["aftersales_action_count"] = (
                Ticket.search_count(Ticket._aftersales_portal_state_domains()["action"])
                if Ticket.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------------
    # List
    # ------------------------------------------------------------------
    def _aftersales_searchbar_filters(self):
        _ = request.env._
        domains = request.env["helpdesk.ticket"]._aftersales_portal_state_domains()
        labels = {
            "all": _("All"),
            "action": _("Waiting for you"),
            "open": _("Open"),
            "resolved": _("Resolved"),
            "cancelled": _("Cancelled"),
        }
        filters = {"all": {"label": labels["all"], "domain": Domain.TRUE}}
        for key in ("action", "open", "resolved", "cancelled"):
            filters[key] = {"label": labels[key], "domain": domains[key]}
        return filters

    def _aftersales_search_domain(self, search):
        # a customer may not read lots and products: they are matched as
        # superuser, the requests with the customer's own rights
        env = request.env
        lots = env["stock.lot"].sudo()._search([("name", "ilike", search)])
        products = env["product.product"].sudo()._search([("name", "ilike", search)])
        return (
            Domain("number", "ilike", search)
            | Domain("name", "ilike", search)
            | Domain("lot_id", "in", lots)
            | Domain("product_id", "in", products)
        )

    @http.route(
        ["/my/tickets", "/my/tickets/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        priority=100,
    )
    def portal_my_tickets(
        self, page=1, filterby=None, kind=None, search=None, sortby=None, **kw
    ):
        Ticket = request.env["helpdesk.ticket"]
        if not Ticket.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        filters = self._aftersales_searchbar_filters()
        if filterby not in filters:
            filterby = "all"
        kinds = dict(AFTERSALES_KINDS)
        kind_labels = dict(
            Ticket._fields["aftersales_kind"]._description_selection(request.env)
        )
        if kind not in kinds:
            kind = None
        base = Domain.TRUE
        if search:
            base &= self._aftersales_search_domain(search)
        if kind:
            base &= Domain("aftersales_kind", "=", kind)
        # one count per state filter and one grouped count for the kinds
        counts = {
            key: Ticket.search_count(base & spec["domain"])
            for key, spec in filters.items()
        }
        kind_counts = {
            value: count
            for value, count in Ticket._read_group(
                filters[filterby]["domain"]
                & (self._aftersales_search_domain(search) if search else Domain.TRUE),
                ["aftersales_kind"],
                ["__count"],
            )
            if value
        }
        domain = base & filters[filterby]["domain"]
        pager = portal_pager(
            url="/my/tickets",
            url_args={"filterby": filterby, "kind": kind, "search": search},
            total=counts[filterby],
            page=page,
            step=self._items_per_page,
        )
        tickets = Ticket.search(
            domain,
            order="aftersales_portal_action_needed desc, create_date desc, id desc",
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session["my_tickets_history"] = tickets.ids[:100]
        values.update(
            {
                "tickets": tickets,
                "page_name": "ticket",
                "default_url": "/my/tickets",
                "pager": pager,
                "filterby": filterby,
                "aftersales_filters": filters,
                "aftersales_counts": counts,
                "aftersales_kind": kind,
                "aftersales_kinds": [
                    (value, kind_labels[value], kind_counts[value])
                    for value in kinds
                    if value in kind_counts
                ],
                "search": search,
                "aftersales_tz": self._aftersales_tz(),
            }
        )
        return request.render("aftersales_service.portal_my_requests", values)

    # ------------------------------------------------------------------
    # Request page
    # ------------------------------------------------------------------
    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        if request.env.user._is_public() and ticket.partner_id.lang:
            # a customer following the emailed link reads their own language
            request.update_context(lang=ticket.partner_id.lang)
            ticket = ticket.with_context(lang=ticket.partner_id.lang)
            values["ticket"] = ticket
        values.update(
            aftersales_timeline=ticket._aftersales_portal_timeline(),
            aftersales_promises=ticket._aftersales_portal_promises(),
            aftersales_actions=ticket._aftersales_portal_actions(),
            aftersales_state=ticket._aftersales_portal_state(),
            aftersales_state_label=ticket._aftersales_portal_state_label(),
            aftersales_can_cancel=ticket._aftersales_portal_can_cancel(),
            aftersales_can_reopen=ticket._aftersales_portal_can_reopen(),
            aftersales_access_token=access_token or "",
            aftersales_tz=self._aftersales_tz(ticket.partner_id),
            aftersales_error=kwargs.get("aftersales_error"),
        )
        # helpdesk_mgmt's close buttons go through /ticket/close: the
        # request page offers cancel and "not solved" instead
        values["closed_stages"] = request.env["helpdesk.ticket.stage"]
        return values

    def _aftersales_tz(self, partner=None):
        user = request.env.user
        if not user._is_public() and user.tz:
            return user.tz
        return (partner and partner.tz) or request.env.company.partner_id.tz or "UTC"

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @http.route(
        "/my/ticket/<int:ticket_id>/cancel",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def aftersales_portal_cancel(self, ticket_id, access_token=None, reason=None):
        return self._aftersales_portal_act(
            ticket_id, access_token, "action_aftersales_portal_cancel", reason
        )

    @http.route(
        "/my/ticket/<int:ticket_id>/reopen",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def aftersales_portal_reopen(self, ticket_id, access_token=None, reason=None):
        return self._aftersales_portal_act(
            ticket_id, access_token, "action_aftersales_portal_reopen", reason
        )

    def _aftersales_portal_act(self, ticket_id, access_token, method, reason):
        """Check access like the request page, then run the model's action
        as superuser (a customer cannot write a request); a refusal is shown
        on the page and changes nothing."""
        try:
            ticket_sudo = self._document_check_access(
                "helpdesk.ticket", ticket_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        reason = (reason or "")[:2000]
        url = ticket_sudo.access_url
        if access_token:
            url += f"?access_token={access_token}"
        try:
            with request.env.cr.savepoint():
                getattr(ticket_sudo, method)(reason=reason)
        except UserError as error:
            values = self._ticket_get_page_view_values(
                ticket_sudo, access_token, aftersales_error=error.args[0]
            )
            return request.render("helpdesk_mgmt.portal_helpdesk_ticket_page", values)
        return request.redirect(url)
