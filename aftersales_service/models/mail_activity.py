# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MailActivity(models.Model):
    """A "Move a Visit" activity names the visit the customer asked to move,
    so that moving that visit marks it done. Not calendar's
    ``calendar_event_id``: that one makes the activity a meeting (cancelling
    it would delete the visit, its summary follows the event's name)."""

    _inherit = "mail.activity"

    aftersales_visit_id = fields.Many2one(
        "calendar.event",
        string="Visit to Move",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
