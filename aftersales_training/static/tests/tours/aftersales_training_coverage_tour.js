/** @odoo-module **/
// Copyright 2026 The After-Sales Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("aftersales_training_coverage_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the After-Sales app",
            trigger: '.o_app[data-menu-xmlid="aftersales_service.aftersales_root_menu"]',
            run: "click",
        },
        {
            content: "Open the Training menu",
            trigger: '.o_main_navbar [data-menu-xmlid="aftersales_training.aftersales_training_menu"]',
            run: "click",
        },
        {
            content: "Open the coverage report",
            trigger: '.dropdown-item[data-menu-xmlid="aftersales_training.aftersales_training_coverage_menu"]',
            run: "click",
        },
        {
            content: "The coverage pivot shows the team at 50%",
            trigger: '.o_pivot tr:has(th:contains("Tour Team")) td:contains("50.00")',
        },
        {
            content: "Drill into the team's obligations",
            trigger: '.o_pivot tr:has(th:contains("Tour Team")) td.o_pivot_cell_value:first',
            run: "click",
        },
        {
            content: "Open the overdue person",
            trigger: '.o_data_row:contains("Tour Overdue Person") td[name="period_name"]',
            run: "click",
        },
        {
            content: "The obligation is overdue",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current:contains("Overdue")',
        },
        {
            content: "It is the overdue person's obligation",
            trigger: '.o_form_view .o_field_widget[name="employee_id"]:contains("Tour Overdue Person")',
        },
    ],
});
