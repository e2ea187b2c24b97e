/** @odoo-module **/
// Copyright 2026 The After-Sales Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// A customer submits a repair for a dishwasher of one of their deliveries,
// with a photo, from the portal home.
registry.category("web_tour.tours").add("aftersales_portal_submit_tour", {
    url: "/my/tickets",
    steps: () => [
        {
            content: "Start a new after-sales request",
            trigger: 'a[href="/new/ticket"]:contains("New request")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Choose the kind first: a repair",
            trigger: 'a[data-kind="repair"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Describe it",
            trigger: 'input[name="subject"]',
            run: "edit Dishwasher shows error E24",
        },
        {
            content: "Pick the dishwasher among the deliveries received",
            trigger: 'select[name="delivery_line"]',
            run() {
                const option = [...this.anchor.options].find((o) =>
                    o.textContent.includes("TOUR-PORTAL-SN-7")
                );
                this.anchor.value = option.value;
                this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "Say where it is installed",
            trigger: 'input[name="install_location"]',
            run: "edit Kitchen, 3rd floor",
        },
        {
            content: "Attach a photo",
            trigger: 'input[name="attachment"]',
            async run() {
                const png = Uint8Array.from(
                    atob(
                        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
                    ),
                    (c) => c.charCodeAt(0)
                );
                const file = new File([png], "e24.png", {type: "image/png"});
                const transfer = new DataTransfer();
                transfer.items.add(file);
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "Explain",
            trigger: 'textarea[name="description"]',
            run: "edit The display shows E24 and it does not drain.",
        },
        {
            content: "Submit",
            trigger: 'button[type="submit"]:contains("Submit my request")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request page shows it received",
            trigger: 'li[data-step="received"][data-state="done"]',
        },
        {
            content: "with the photo",
            trigger: '.o_portal_wrap:contains("e24.png")',
        },
    ],
});
