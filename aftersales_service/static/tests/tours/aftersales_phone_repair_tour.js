/** @odoo-module **/
// Copyright 2026 The After-Sales Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

function pick(field, search, label, shown) {
    return [
        {
            content: `Type ${search} in ${field}`,
            trigger: `.o_field_widget[name=${field}] input`,
            run: `edit ${search}`,
        },
        {
            content: `Choose ${label}`,
            trigger: `.o_field_widget[name=${field}] .o-autocomplete--dropdown-item a:contains("${label}")`,
            run: "click",
        },
        {
            content: `${field} is ${shown || label}`,
            trigger: `.o_field_widget[name=${field}] input:value("${shown || label}")`,
        },
    ];
}

registry.category("web_tour.tours").add("aftersales_phone_repair_tour", {
    url: "/odoo/action-aftersales_service.aftersales_request_action",
    steps: () => [
        {
            content: "Record a new request",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Title",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Dishwasher leaks after each cycle",
        },
        ...pick("partner_id", "Zhou Min", "Zhou Min", "Tour Kitchen Ltd, Zhou Min"),
        ...pick("category_id", "Repair", "Repair"),
        ...pick("channel_id", "Phone", "Phone"),
        {
            content: "The kind asks for product, lot, purchase date and location",
            trigger: 'div[name=aftersales_missing_info]:contains("Lot/Serial")',
        },
        {
            content: "Choose the delivery",
            trigger: ".o_field_widget[name=delivery_id] input",
            run: "edit WH/OUT",
        },
        {
            content: "Only this customer's deliveries are offered",
            trigger:
                ".o_field_widget[name=delivery_id] .o-autocomplete--dropdown-item a:contains('WH/OUT')",
            run: "click",
        },
        {
            content: "The delivery fills the product",
            trigger: '.o_field_widget[name=product_id] input:value("Tour Dishwasher")',
        },
        {
            content: "...and the serial number",
            trigger: '.o_field_widget[name=lot_id] input:value("TOUR-SN-0001")',
        },
        {
            content: "Install location",
            trigger: ".o_field_widget[name=install_location] input",
            run: "edit Kitchen, 3rd floor",
        },
        {
            content: "Describe the problem",
            trigger: ".o_field_widget[name=description] .odoo-editor-editable",
            run: "editor Water on the floor after every cycle since Monday.",
        },
        {
            content: "Nothing is missing any more",
            trigger:
                ".o_form_sheet_bg:not(:has(div[name=aftersales_missing_info]:visible))",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved with its number",
            trigger: ".o_form_saved .o_field_widget[name=number]:contains('HT')",
        },
    ],
});
