# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "After-Sales Training",
    "summary": "Training coverage, certifications and quarterly assessments "
    "of after-sales service staff",
    "version": "19.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "The After-Sales Suite Authors",
    "license": "AGPL-3",
    "depends": ["aftersales_service", "hr", "survey"],
    "data": [
        "security/aftersales_training_security.xml",
        "security/ir.model.access.csv",
        "data/aftersales_training_topic_data.xml",
        "data/aftersales_training_cron.xml",
        "views/aftersales_training_topic_views.xml",
        "views/aftersales_training_course_views.xml",
        "views/aftersales_training_session_views.xml",
        "views/aftersales_training_record_views.xml",
        "views/aftersales_training_requirement_views.xml",
        "views/aftersales_training_obligation_views.xml",
        "views/aftersales_training_coverage_snapshot_views.xml",
        "views/aftersales_assessment_cycle_views.xml",
        "views/aftersales_training_remedial_views.xml",
        "views/survey_user_input_views.xml",
        "views/aftersales_training_menus.xml",
        "report/aftersales_management_report_templates.xml",
    ],
    "demo": ["demo/aftersales_training_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "aftersales_training/static/tests/tours/*.js",
        ],
    },
}
