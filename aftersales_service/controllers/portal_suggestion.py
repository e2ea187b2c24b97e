# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import UserError
from odoo.http import request


class AftersalesSuggestionPortal(http.Controller):
    """Suggestion box (意见箱) in the customer portal: the customer's own
    suggestions with the replies, and a form to send a new one."""

    @http.route("/my/suggestions", type="http", auth="user", website=True)
    def portal_my_suggestions(self, **kw):
        return request.render(
            "aftersales_service.portal_my_suggestions",
            self._prepare_values(**kw),
        )

    @http.route(
        "/my/suggestions/submit",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        csrf=True,
    )
    def portal_submit_suggestion(self, subject=None, description=None, **kw):
        try:
            with request.env.cr.savepoint():
                request.env["aftersales.suggestion"]._create_from_portal(
                    request.env.user.partner_id, subject, description
                )
        except UserError as error:
            return request.render(
                "aftersales_service.portal_my_suggestions",
                self._prepare_values(
                    error=error.args[0], subject=subject, description=description
                ),
            )
        return request.redirect("/my/suggestions?sent=1")

    def _prepare_values(self, **kw):
        suggestions = request.env["aftersales.suggestion"].search([])
        return {
            "suggestions": suggestions,
            "page_name": "aftersales_suggestions",
            "sent": kw.get("sent"),
            "error": kw.get("error"),
            "subject": kw.get("subject") or "",
            "description": kw.get("description") or "",
        }
