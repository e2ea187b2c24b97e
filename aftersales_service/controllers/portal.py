# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..tools.selections import AFTERSALES_KINDS
from .main import AftersalesTicketController


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
        domains = request.env["helpdesk.ticket"]._aftersales_portal_state_domains()
        labels = {
            "all": request.env._("All"),
            "action": request.env._("Waiting for you"),
            "open": request.env._("Open"),
            "resolved": request.env._("Resolved"),
            "cancelled": request.env._("Cancelled"),
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
        return (
            (partner and partner.tz)
            or request.env.company.sudo().partner_id.tz
            or "UTC"
        )

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
        # as superuser, but on behalf of the visitor: the conversation names
        # the customer who acted (not the superuser of the access check)
        ticket_act = ticket_sudo.with_user(request.env.user).sudo()
        try:
            with request.env.cr.savepoint():
                getattr(ticket_act, method)(reason=reason)
        except UserError as error:
            values = self._ticket_get_page_view_values(
                ticket_sudo, access_token, aftersales_error=error.args[0]
            )
            return request.render("helpdesk_mgmt.portal_helpdesk_ticket_page", values)
        return request.redirect(url)


class AftersalesPortalRequest(AftersalesTicketController):
    """The request form: the kind first, then only what that kind needs;
    the product and batch picked among the customer's own deliveries; photos
    and videos as evidence within limits a customer understands; for
    returns, exchanges and replenishments the quantity, reason, packaging
    state and the return rules shown before submitting. Only the fields the
    form offers are read; a refusal saves nothing (``submit_ticket`` runs
    in a savepoint)."""

    # Evidence a customer may attach: what, and how big per file
    EVIDENCE_MIMETYPES = ("image/", "video/", "application/pdf")
    EVIDENCE_MAX_MB = 25
    EVIDENCE_MAX_FILES = 10
    RETURN_KINDS = ("return", "replenishment")

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------
    @http.route("/new/ticket", type="http", auth="user", website=True)
    def create_new_ticket(self, **kw):
        values = self._get_create_new_ticket_values(**kw)
        if not values["aftersales_category"]:
            return request.render("aftersales_service.portal_choose_kind", values)
        return request.render("helpdesk_mgmt.portal_create_ticket", values)

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------
    def _get_create_new_ticket_values(self, **kw):
        values = super()._get_create_new_ticket_values(**kw)
        categories = values["categories"]
        category = categories.filtered(lambda c: str(c.id) == str(kw.get("category")))
        if not category and len(categories) == 1:
            category = categories
        deliveries = values["aftersales_deliveries"]
        lines = self._aftersales_portal_delivery_lines(deliveries)
        Ticket = request.env["helpdesk.ticket"]
        values.update(
            aftersales_category=category,
            aftersales_is_return=category.aftersales_kind in self.RETURN_KINDS,
            aftersales_delivery_lines=lines,
            aftersales_return_rules=Ticket.sudo()._aftersales_portal_return_rules(
                deliveries.filtered(lambda d: d in lines.picking_id)
            )
            if category.aftersales_kind in self.RETURN_KINDS
            else {},
            aftersales_evidence_max_mb=self.EVIDENCE_MAX_MB,
            aftersales_evidence_max_files=self.EVIDENCE_MAX_FILES,
        )
        return values

    def _aftersales_portal_delivery_lines(self, deliveries):
        """What the customer received: one line per product and batch of
        their deliveries, newest first."""
        return deliveries.move_line_ids.filtered(lambda ml: ml.quantity > 0)

    def _prepare_submit_ticket_vals(self, **kw):
        env = request.env
        self._aftersales_check_evidence(kw)
        line = None
        if kw.get("delivery_line"):
            deliveries = self._aftersales_portal_deliveries()
            line = self._aftersales_portal_delivery_lines(deliveries).filtered(
                lambda ml: str(ml.id) == kw["delivery_line"]
            )
            if not line:
                raise ValidationError(
                    env._(
                        "This product is not one you received: choose it in the list."
                    )
                )
            kw = dict(kw, delivery=str(line.picking_id.id))
            if not kw.get("lot_name") and line.lot_id:
                kw["lot_name"] = line.lot_id.name
        vals = super()._prepare_submit_ticket_vals(**kw)
        category = env["helpdesk.ticket.category"].sudo().browse(vals["category_id"])
        if line:
            vals["product_id"] = line.product_id.id
        if category.require_evidence and not self._aftersales_files():
            raise ValidationError(
                env._("Add at least one photo or video showing the problem.")
            )
        if category.aftersales_kind in self.RETURN_KINDS:
            vals.update(self._aftersales_return_vals(kw, line))
        return vals

    def _aftersales_return_vals(self, kw, line):
        env = request.env
        if not line:
            raise ValidationError(
                env._("Choose the product you received and want to send back.")
            )
        try:
            qty = float(kw.get("return_qty") or 0)
        except ValueError:
            qty = 0
        if qty <= 0 or qty > line.quantity:
            raise ValidationError(
                env._(
                    "Give a quantity between 1 and %(max)s, the quantity you "
                    "received of %(product)s.",
                    max=f"{line.quantity:g}",
                    product=line.product_id.display_name,
                )
            )
        if kw.get("return_reason") not in ("quality", "other"):
            raise ValidationError(
                env._("Tell us why: a quality defect or another reason.")
            )
        return {
            "aftersales_return_qty": qty,
            "return_reason": kw["return_reason"],
            "return_unused": bool(kw.get("return_unused")),
            "return_packaging_intact": bool(kw.get("return_packaging_intact")),
            "return_resaleable": bool(kw.get("return_resaleable")),
        }

    def _aftersales_files(self):
        return [
            f for f in request.httprequest.files.getlist("attachment") if f.filename
        ]

    def _aftersales_check_evidence(self, kw):
        """Refuse, before anything is saved, a file of another type or
        above the size limit, saying which and why."""
        env = request.env
        files = self._aftersales_files()
        if len(files) > self.EVIDENCE_MAX_FILES:
            raise ValidationError(
                env._("Attach at most %(count)s files.", count=self.EVIDENCE_MAX_FILES)
            )
        for upload in files:
            mimetype = upload.mimetype or ""
            # SVG images carry scripts: not evidence
            if not mimetype.startswith(self.EVIDENCE_MIMETYPES) or "svg" in mimetype:
                raise ValidationError(
                    env._(
                        "%(name)s is not a photo, a video or a PDF: attach "
                        "pictures (JPEG, PNG...), videos (MP4, MOV...) or PDF "
                        "documents only.",
                        name=upload.filename,
                    )
                )
            upload.stream.seek(0, 2)
            size = upload.stream.tell()
            upload.stream.seek(0)
            if size > self.EVIDENCE_MAX_MB * 1024 * 1024:
                raise ValidationError(
                    env._(
                        "%(name)s is %(size)s MB: each file may be at most "
                        "%(max)s MB. Shorten the video or lower the photo's "
                        "resolution.",
                        name=upload.filename,
                        size=f"{size / 1024 / 1024:.1f}",
                        max=self.EVIDENCE_MAX_MB,
                    )
                )
