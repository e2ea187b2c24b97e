# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Selections shared by several models of the suite (one definition each)."""

AFTERSALES_KINDS = [
    ("repair", "Repair"),
    ("return", "Return / Exchange"),
    ("replenishment", "Replenishment"),
    ("consultation", "Consultation"),
    ("complaint", "Complaint"),
    ("quality", "Quality Issue"),
    ("technical", "Technical Support"),
]
# helpdesk_mgmt's ticket priorities, used by the priority matrix and policies
PRIORITIES = [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")]
IMPACTS = [("1", "Minor"), ("2", "Significant"), ("3", "Blocking")]
URGENCIES = [("1", "Low"), ("2", "Normal"), ("3", "Urgent")]
SERVICE_TIERS = [("standard", "Standard"), ("vip", "VIP"), ("key", "Key Account")]
# Who pays the shipping of a return
SHIPPING_PAYERS = [("company", "Company"), ("customer", "Customer")]
PAUSE_REASONS = [
    ("customer", "Waiting on Customer"),
    ("supplier", "Waiting on Supplier"),
    ("carrier", "Waiting on Carrier"),
    ("warehouse", "Waiting on Warehouse"),
]
# SLA targets (events to reach) and the states of their clocks
TARGET_TYPES = [
    ("acknowledged", "Acknowledged"),
    ("first_reply", "First Reply to the Customer"),
    ("visit_scheduled", "Visit Scheduled"),
    ("return_reviewed", "Return Reviewed"),
    ("plan_proposed", "Plan Proposed"),
    ("plan_confirmed", "Plan Confirmed"),
    ("resolved", "Resolved"),
    ("followed_up", "Follow-up Call Done"),
]
SLA_LINE_STATES = [
    ("pending", "Not Started"),
    ("running", "Running"),
    ("paused", "Paused"),
    ("met", "Met"),
    ("breached", "Breached"),
    ("cancelled", "Cancelled"),
]
SLA_OPEN_STATES = ("pending", "running", "paused", "breached")
SLA_LEVELS = [("0", "None"), ("1", "Warning"), ("2", "Escalated"), ("3", "Breached")]
