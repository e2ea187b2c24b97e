/** @odoo-module **/
// Copyright 2026 The After-Sales Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("aftersales_kpi_dashboard_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the After-Sales app",
            trigger:
                '.o_app[data-menu-xmlid="aftersales_service.aftersales_root_menu"]',
            run: "click",
        },
        {
            content: "Open the reporting menu",
            trigger:
                '.o_main_navbar [data-menu-xmlid="aftersales_service.aftersales_reporting_menu"]',
            run: "click",
        },
        {
            content: "Open the KPI dashboard",
            trigger: '.dropdown-item[data-menu-xmlid="aftersales_service.aftersales_kpi_menu"]',
            run: "click",
        },
        {
            content: "The response time of the team is on target (green)",
            trigger:
                '.o_data_row.text-success:contains("KPI Tour Team"):contains("Average Response")',
        },
        {
            content: "The satisfaction without any answer is a dash, not 0",
            trigger:
                '.o_data_row:contains("KPI Tour Team"):contains("Satisfaction") td[name="actual_display"]:contains("\u2014")',
        },
        {
            content: "The team's complaint rate is off target (red): open its requests",
            trigger:
                '.o_data_row.text-danger:contains("KPI Tour Team"):contains("Complaint Rate") button.o_aftersales_kpi_drill',
            run: "click",
        },
        {
            content: "The requests behind the figure: the complaint",
            trigger: '.o_breadcrumb:contains("Complaint Rate: requests of")',
        },
        {
            content: "Only the complaint is listed",
            trigger:
                '.o_list_renderer:has(.o_data_row:contains("Rude delivery man")):not(:has(.o_data_row:contains("Broken hinge")))',
        },
    ],
});
