/** @odoo-module **/
// Copyright 2026 The After-Sales Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("aftersales_return_receive_tour", {
    steps: () => [
        {
            content: "The approved return waits for its receipt",
            trigger:
                '.o_statusbar_status button.o_arrow_button_current:contains("Approved")',
        },
        {
            content: "The warehouse keeper receives the returned goods",
            trigger: 'button[name="action_receive"]',
            run: "click",
        },
        {
            content: "Three boxes arrived instead of four",
            trigger: '.modal div[name="received_qty"] input',
            run: "edit 3",
        },
        {
            content: "Describe the discrepancy",
            trigger: '.modal div[name="note"] textarea',
            run: "edit One box missing from the pallet",
        },
        {
            content: "Validate the receipt",
            trigger: '.modal button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "The return is received",
            trigger:
                '.o_statusbar_status button.o_arrow_button_current:contains("Received")',
        },
        {
            content: "The count is on the return",
            trigger: 'div[name="discrepancy_note"]:contains("One box missing")',
        },
    ],
});
