/** @odoo-module **/
// Copyright 2026 The After-Sales Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// A customer without an account opens the link of their acknowledgement
// email: the request page shows its progress and commitments.
registry.category("web_tour.tours").add("aftersales_portal_follow_tour", {
    steps: () => [
        {
            content: "The request page opens without logging in",
            trigger: 'h3:contains("Cooker hood rattles")',
        },
        {
            content: "Its progress is in plain words",
            trigger: 'li[data-step="received"][data-state="done"]',
        },
        {
            content: "It can still be cancelled while new",
            trigger: 'form[name="aftersales_cancel"] button',
        },
        {
            content: "No login asked",
            trigger: 'body:not(:has(input[name="password"]))',
        },
    ],
});
