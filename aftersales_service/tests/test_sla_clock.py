# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import Command
from odoo.tests import freeze_time, tagged

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestSlaWorkingTime(AftersalesCommon):
    """Deadlines in working time: time zones, DST, holidays, after hours."""

    with_sla = True

    @freeze_time("2026-03-06 12:00:00")
    def test_after_hours_creation_starts_next_working_morning(self):
        """Created Friday 20:00 Shanghai: one working day ends Monday... but
        Monday 9 March is a holiday, so Tuesday 18:00 Shanghai."""
        self._policy(
            [
                {
                    "target_type": "resolved",
                    "duration": 1,
                    "duration_unit": "working_days",
                    "calendar_mode": "company",
                }
            ]
        )
        ticket = self._ticket("repair")
        line = self._line(ticket, "resolved")
        self.assertEqual(line.duration_hours, 8.0)
        self.assertEqual(line.deadline, datetime(2026, 3, 10, 10, 0))

    @freeze_time("2026-03-27 15:00:00")
    def test_daylight_saving_change(self):
        """Paris calendar; Friday 27 March 16:00 CET + 8 working hours crosses
        the switch to CEST: Monday 30 March 16:00 CEST = 14:00 UTC."""
        paris = self.calendar.copy({"name": "Paris", "tz": "Europe/Paris"})
        self._policy(
            [
                {
                    "target_type": "resolved",
                    "duration": 8,
                    "calendar_mode": "policy",
                    "resource_calendar_id": paris.id,
                }
            ]
        )
        ticket = self._ticket("repair")
        self.assertEqual(ticket.sla_deadline, datetime(2026, 3, 30, 14, 0))

    @freeze_time("2026-03-02 02:00:00")
    def test_working_hours_skip_lunch_and_night(self):
        self._policy(
            [{"target_type": "first_reply", "duration": 6, "calendar_mode": "company"}]
        )
        ticket = self._ticket("repair")
        # Monday 10:00 Shanghai: 10-12, 13-17 -> 17:00 Shanghai
        self.assertEqual(ticket.sla_deadline, datetime(2026, 3, 2, 9, 0))


@tagged("post_install", "-at_install")
class TestSlaPause(AftersalesCommon):
    with_sla = True

    @freeze_time("2026-03-02 02:00:00")
    def test_pause_moves_deadline_and_customer_reply_resumes(self):
        ticket = self._ticket("consultation")
        line = self._line(ticket, "first_reply")
        self.assertEqual(line.deadline, datetime(2026, 3, 3, 2, 0))
        with freeze_time("2026-03-02 06:00:00"):
            ticket.with_user(self.user_agent).sla_pause_reason = "customer"
        self.assertEqual(line.state, "paused")
        self.assertAlmostEqual(line.consumed_hours, 4.0)
        self.assertFalse(ticket.sla_deadline)
        self.assertEqual(ticket.sla_pause_message, "We are waiting for your reply.")
        self.assertEqual(ticket.sla_pause_ids.reason, "customer")
        with freeze_time("2026-03-02 16:00:00"):
            ticket.with_user(self.user_agent).message_post(
                body="I sent the photos",
                author_id=self.customer.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertFalse(ticket.sla_pause_reason)
        self.assertEqual(line.state, "running")
        self.assertAlmostEqual(line.paused_hours, 10.0)
        # paused 10 hours: the deadline moves by 10 hours
        self.assertEqual(line.deadline, datetime(2026, 3, 3, 12, 0))
        self.assertEqual(ticket.sla_deadline, datetime(2026, 3, 3, 12, 0))
        self.assertEqual(ticket.sla_pause_ids.end_date, datetime(2026, 3, 2, 16, 0))
        # the customer's message is not the first reply of the staff
        self.assertFalse(ticket.first_reply_date)

    @freeze_time("2026-03-02 02:00:00")
    def test_pause_in_working_time_and_manual_resume(self):
        """Waiting on the supplier over a night only pauses working hours."""
        self._policy(
            [{"target_type": "resolved", "duration": 16, "calendar_mode": "company"}]
        )
        ticket = self._ticket("repair")
        line = self._line(ticket, "resolved")
        # Mon 10:00 Shanghai + 16 h -> Wed 10:00 Shanghai
        self.assertEqual(line.deadline, datetime(2026, 3, 4, 2, 0))
        with freeze_time("2026-03-02 08:00:00"):  # Mon 16:00
            ticket.sla_pause_reason = "supplier"
        # a customer message does not end a wait on the supplier
        ticket.message_post(
            body="Any news?", author_id=self.customer.id, message_type="comment"
        )
        self.assertEqual(line.state, "paused")
        with freeze_time("2026-03-03 02:00:00"):  # Tue 10:00
            ticket.sla_pause_reason = False
        # paused Mon 16-18 and Tue 9-10: 3 working hours
        self.assertAlmostEqual(line.paused_hours, 3.0)
        self.assertAlmostEqual(line.consumed_hours, 5.0)
        # the deadline moves by 3 working hours: Wed 10:00 -> 14:00 Shanghai
        self.assertEqual(line.deadline, datetime(2026, 3, 4, 6, 0))

    @freeze_time("2026-03-02 02:00:00")
    def test_paused_event_is_met(self):
        ticket = self._ticket("consultation")
        ticket.sla_pause_reason = "warehouse"
        with freeze_time("2026-03-05 02:00:00"):
            ticket.with_user(self.user_agent).message_post(
                body="Done", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        self.assertEqual(self._line(ticket, "first_reply").state, "met")
        self.assertFalse(ticket.sla_breached)


@tagged("post_install", "-at_install")
class TestSlaRematch(AftersalesCommon):
    with_sla = True

    @freeze_time("2026-03-02 02:00:00")
    def test_priority_raise_adds_targets_and_keeps_clocks(self):
        """Carry-over: same target types keep their start and consumed time,
        new types count from the reception, met lines stay met."""
        ticket = self._ticket("complaint", priority="1")
        first = self._line(ticket, "first_reply")
        plan = self._line(ticket, "plan_proposed")
        with freeze_time("2026-03-02 04:00:00"):
            ticket.with_user(self.user_agent).message_post(
                body="We are on it",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(first.state, "met")
        with freeze_time("2026-03-03 02:00:00"):
            ticket.with_user(self.user_agent).write(
                {
                    "aftersales_complex": True,
                    "aftersales_complex_reason": "Three departments involved",
                }
            )
        complex_policy = self.env.ref("aftersales_service.sla_policy_complaint_complex")
        self.assertEqual(first.state, "met")
        self.assertEqual(plan.state, "running")
        self.assertEqual(plan.policy_id, complex_policy)
        self.assertEqual(plan.start_date, datetime(2026, 3, 2, 2, 0))
        self.assertEqual(plan.deadline, datetime(2026, 3, 5, 2, 0))
        # a target promised later counts from the reception of the request
        resolved = self._line(ticket, "resolved")
        self.assertEqual(resolved.start_date, datetime(2026, 3, 2, 2, 0))
        self.assertEqual(resolved.policy_id, complex_policy)

    @freeze_time("2026-03-02 02:00:00")
    def test_kind_change_cancels_targets_no_longer_promised(self):
        ticket = self._ticket("return")
        review = self._line(ticket, "return_reviewed")
        with freeze_time("2026-03-02 05:00:00"):
            ticket.category_id = self.categories["technical"]
        self.assertEqual(review.state, "cancelled")
        # the new kind's targets count from the reception, not from the change
        self.assertEqual(
            sorted(
                self._line(ticket, t).start_date.hour
                for t in ("first_reply", "resolved")
            ),
            [2, 2],
        )

    @freeze_time("2026-03-02 02:00:00")
    def test_longer_duration_recomputes_deadline_from_consumed_time(self):
        policy = self._policy([{"target_type": "first_reply", "duration": 10}])
        ticket = self._ticket("repair")
        self.assertEqual(ticket.sla_deadline, datetime(2026, 3, 2, 12, 0))
        with freeze_time("2026-03-02 04:00:00"):
            ticket.sla_pause_reason = "carrier"
        with freeze_time("2026-03-02 08:00:00"):
            ticket.sla_pause_reason = False
        policy.target_ids.duration = 20
        team2 = self.env["helpdesk.ticket.team"].create({"name": "Second"})
        policy.team_ids = [Command.link(team2.id)]
        with freeze_time("2026-03-02 09:00:00"):
            ticket.team_id = team2
        line = self._line(ticket, "first_reply")
        # 2 h consumed before the pause; 18 h left from the resume at 08:00
        self.assertEqual(line.deadline, datetime(2026, 3, 3, 2, 0))
        self.assertAlmostEqual(line.paused_hours, 4.0)


@tagged("post_install", "-at_install")
class TestSlaCalendars(AftersalesCommon):
    """The team's working time, and working time cached between requests."""

    with_sla = True

    def _team_policy(self):
        return self._policy(
            [{"target_type": "first_reply", "duration": 4, "calendar_mode": "team"}]
        )

    @freeze_time("2026-03-02 02:00:00")
    def test_team_working_time_with_company_fallback(self):
        """Monday 10:00 Shanghai + 4 working hours: 15:00 on the company's
        09-18 calendar, 18:00 on a 14-22 night-shift team calendar."""
        self._team_policy()
        ticket = self._ticket("repair")
        self.assertEqual(ticket.sla_deadline, datetime(2026, 3, 2, 7, 0))
        night = self.calendar.copy(
            {
                "name": "Night shift",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"Night {day}",
                            "dayofweek": str(day),
                            "hour_from": 14,
                            "hour_to": 22,
                            "day_period": "afternoon",
                        }
                    )
                    for day in range(5)
                ],
            }
        )
        self.team.resource_calendar_id = night
        # the editor's transaction only marks the open request ...
        self.assertTrue(ticket.sla_rematch_pending)
        self.assertEqual(ticket.sla_deadline, datetime(2026, 3, 2, 7, 0))
        # ... the job makes it follow its team's new working time
        self.assertEqual(self._run_sla_rematch_job(), 1)
        self.assertFalse(ticket.sla_rematch_pending)
        self.assertEqual(self._line(ticket, "first_reply").resource_calendar_id, night)
        self.assertEqual(ticket.sla_deadline, datetime(2026, 3, 2, 10, 0))
        other = self._ticket("repair")
        self.assertEqual(other.sla_deadline, datetime(2026, 3, 2, 10, 0))

    @freeze_time("2026-03-02 02:00:00")
    def test_new_public_holiday_and_hours_apply_to_next_requests(self):
        """Working intervals are cached between requests: a public holiday or
        a change of hours added afterwards still counts for the next ones."""
        self._policy(
            [
                {
                    "target_type": "resolved",
                    "duration": 8,
                    "calendar_mode": "company",
                }
            ]
        )
        # Monday 10:00 Shanghai + 8 working hours: Tuesday 10:00
        self.assertEqual(
            self._ticket("repair").sla_deadline, datetime(2026, 3, 3, 2, 0)
        )
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Extra holiday",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 3, 2, 16, 0),
                "date_to": datetime(2026, 3, 3, 15, 59, 59),
            }
        )
        # Tuesday is now off: Wednesday 10:00
        self.assertEqual(
            self._ticket("repair").sla_deadline, datetime(2026, 3, 4, 2, 0)
        )
        # afternoons end at 17:00 instead of 18:00: 10-12, 13-17 Monday (6 h),
        # then 2 h on Wednesday: 11:00
        self.calendar.attendance_ids.filtered(
            lambda a: a.day_period == "afternoon"
        ).write({"hour_to": 17})
        self.assertEqual(
            self._ticket("repair").sla_deadline, datetime(2026, 3, 4, 3, 0)
        )

    @freeze_time("2026-03-02 02:00:00")
    def test_person_time_off_is_not_a_public_holiday(self):
        self._team_policy()
        self._ticket("repair")
        resource = self.env["resource.resource"].create({"name": "Wang Wei"})
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Time off",
                "calendar_id": self.calendar.id,
                "resource_id": resource.id,
                "date_from": datetime(2026, 3, 2, 0, 0),
                "date_to": datetime(2026, 3, 6, 10, 0),
            }
        )
        self.assertEqual(
            self._ticket("repair").sla_deadline, datetime(2026, 3, 2, 7, 0)
        )


@tagged("post_install", "-at_install")
class TestSlaTierChange(AftersalesCommon):
    with_sla = True

    @freeze_time("2026-03-02 02:00:00")
    def test_tier_change_rematches_open_requests(self):
        """A customer becoming a key account gets the key-account promise on
        their open requests, with the elapsed time carried over; closed
        requests keep their history."""
        self._policy(
            [{"target_type": "first_reply", "duration": 4}],
            name="Key accounts",
            sequence=1,
            service_tier="key",
        )
        self._policy(
            [{"target_type": "first_reply", "duration": 24}],
            name="Everyone",
            sequence=2,
        )
        open_request = self._ticket("repair")
        closed_request = self._ticket("repair")
        closed_request.stage_id = self.stage_done
        self.assertEqual(open_request.sla_deadline, datetime(2026, 3, 3, 2, 0))
        self.env.cr.precommit.run()  # as the creating transaction's commit
        with freeze_time("2026-03-02 03:00:00"):
            self.customer.aftersales_tier = "key"
            # only the open request is marked, nothing moves yet
            self.assertTrue(open_request.sla_rematch_pending)
            self.assertFalse(closed_request.sla_rematch_pending)
            self.assertEqual(open_request.sla_deadline, datetime(2026, 3, 3, 2, 0))
            self.assertEqual(open_request.service_tier, "standard")
            self.assertEqual(self._run_sla_rematch_job(), 1)
        self.assertEqual(open_request.service_tier, "key")
        self.assertEqual(closed_request.service_tier, "standard")
        line = self._line(open_request, "first_reply")
        self.assertEqual(line.policy_id.name, "Key accounts")
        self.assertEqual(line.start_date, datetime(2026, 3, 2, 2, 0))
        self.assertEqual(open_request.sla_deadline, datetime(2026, 3, 2, 6, 0))
        self.assertEqual(closed_request.sla_line_ids.policy_id.name, "Everyone")

    @freeze_time("2026-03-02 02:00:00")
    def test_tier_change_keeps_closed_priority_and_moves_open_one_tracked(self):
        """A closed request keeps the priority it was handled with; an open
        one takes the new tier's priority in the job."""
        open_request = self._ticket("repair", impact="2", urgency="2")
        closed_request = self._ticket("repair", impact="2", urgency="2")
        closed_request.with_user(self.user_agent).stage_id = self.stage_done
        self.assertEqual(open_request.priority, "1")
        self.assertEqual(closed_request.priority, "1")
        self.env.cr.precommit.run()  # as the creating transaction's commit
        self.customer.aftersales_tier = "vip"
        self.assertEqual(open_request.priority, "1", "not in the editor's request")
        self._run_sla_rematch_job()
        self.assertEqual(open_request.priority, "2", "raised one level for a VIP")
        self.assertEqual(closed_request.priority, "1")
        self.assertEqual(closed_request.service_tier, "standard")
