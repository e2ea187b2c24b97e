# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager

from odoo.exceptions import AccessError
from odoo.tests import Form, freeze_time, new_test_user, tagged

from .common import TrainingCommon


@freeze_time("2026-03-02 09:00:00")
@tagged("post_install", "-at_install")
class TestSessionTrainer(TrainingCommon):
    """Issue 12: every trainer reads the company's schedule, but changes, closes
    and cancels only the sessions they run; the training manager keeps every
    session."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_trainer2 = new_test_user(
            cls.env,
            login="trc_trainer2",
            name="Trainer Huang",
            groups="aftersales_training.group_training_trainer",
        )

    @contextmanager
    def _refused(self, message):
        """An AccessError saying ``message``, with everything rolled back."""
        with self.assertRaises(AccessError) as caught:
            yield
        self.assertRegex(str(caught.exception), message)

    def _session(self, user, **vals):
        return (
            self.env["aftersales.training.session"]
            .with_user(user)
            .create(
                {
                    "name": "Batch exchange rules",
                    "course_id": self.course_product.id,
                    "date_start": "2026-03-03 01:00:00",
                    "date_end": "2026-03-03 04:00:00",
                    "attendee_ids": [
                        (0, 0, {"employee_id": self.emp_staff.id, "score": 70})
                    ],
                    **vals,
                }
            )
            .with_user(self.env.user)
        )

    def test_trainer_reads_but_cannot_change_another_trainers_session(self):
        theirs = self._session(self.user_trainer2)
        mine = self._session(
            self.user_trainer,
            attendee_ids=[(0, 0, {"employee_id": self.emp_staff2.id})],
        )
        Session = self.env["aftersales.training.session"].with_user(self.user_trainer)
        # The schedule: every session of the company, with its attendees
        self.assertEqual(
            Session.search([("id", "in", (theirs | mine).ids)]), theirs | mine
        )
        as_trainer = theirs.with_user(self.user_trainer)
        self.assertEqual(as_trainer.attendee_ids.employee_id, self.emp_staff)
        self.assertEqual(as_trainer.trainer_id, self.user_trainer2)
        # A plain write, on any field, and the buttons are refused
        refused = "is run by Trainer Huang: only its trainer or a training manager"
        for vals in (
            {"place": "Showroom"},
            {"date_start": "2026-03-03 02:00:00"},
            {"trainer_id": self.user_trainer.id},
            {"attendee_ids": [(0, 0, {"employee_id": self.emp_staff2.id})]},
        ):
            with self.subTest(vals=vals), self._refused(refused):
                as_trainer.write(vals)
        with self._refused(refused):
            as_trainer.action_done()
        with self._refused(refused):
            as_trainer.action_cancel()
        # Its attendee lines follow the session
        Attendee = self.env["aftersales.training.session.attendee"]
        lines = "attendees of session .* are recorded by its trainer Trainer Huang"
        with self._refused(lines):
            as_trainer.attendee_ids.write({"score": 100, "passed": False})
        with self._refused(lines):
            as_trainer.attendee_ids.unlink()
        with self._refused(lines):
            Attendee.with_user(self.user_trainer).create(
                {"session_id": theirs.id, "employee_id": self.emp_staff2.id}
            )
        # Moving one's own attendee line into their session is refused too
        with self._refused(lines):
            mine.attendee_ids.with_user(self.user_trainer).write(
                {"session_id": theirs.id}
            )
        # Nothing was written
        self.assertEqual(theirs.state, "draft")
        self.assertFalse(theirs.place)
        self.assertEqual(theirs.trainer_id, self.user_trainer2)
        self.assertEqual(theirs.attendee_ids.employee_id, self.emp_staff)
        self.assertEqual(theirs.attendee_ids.score, 70)
        self.assertEqual(mine.attendee_ids.session_id, mine)
        self.assertFalse(theirs.record_ids)

    def test_trainer_changes_closes_and_cancels_their_own_session(self):
        session = self._session(self.user_trainer)
        with Form(session.with_user(self.user_trainer)) as form:
            form.place = "Training room"
            with form.attendee_ids.edit(0) as line:
                line.score = 90
            with form.attendee_ids.new() as line:
                line.employee_id = self.emp_staff2
                line.score = 80
        session.with_user(self.user_trainer).action_done()
        self.assertEqual(session.state, "done")
        self.assertEqual(session.place, "Training room")
        self.assertEqual(
            {r.employee_id: r.score for r in session.record_ids},
            {self.emp_staff: 90, self.emp_staff2: 80},
        )
        other = self._session(self.user_trainer)
        other.with_user(self.user_trainer).action_cancel()
        self.assertEqual(other.state, "cancel")

    def test_trainer_plans_sessions_only_as_their_trainer(self):
        Session = self.env["aftersales.training.session"]
        with self._refused("only as its trainer"):
            self._session(self.user_trainer, trainer_id=self.user_trainer2.id)
        form = Form(Session.with_user(self.user_trainer))
        form.name = "Phone etiquette for the new staff"
        form.course_id = self.course_etiquette
        form.date_start = "2026-03-04 01:00:00"
        form.date_end = "2026-03-04 02:30:00"
        form.trainer_id = self.user_trainer2
        with self._refused("only as its trainer"):
            form.save()
        self.assertFalse(Session.search([("trainer_id", "=", self.user_trainer2.id)]))
        # A session of their own is not handed over to another trainer either
        session = self._session(self.user_trainer)
        self.assertEqual(session.trainer_id, self.user_trainer)
        with self._refused("Only a training manager can hand"):
            session.with_user(self.user_trainer).write(
                {"trainer_id": self.user_trainer2.id}
            )
        self.assertEqual(session.trainer_id, self.user_trainer)
        # A session without trainer is the training manager's
        with self._refused("has no trainer"):
            self._session(self.user_trainer, trainer_id=False)

    def test_training_manager_keeps_every_session(self):
        theirs = self._session(self.user_trainer2)
        as_manager = theirs.with_user(self.user_manager)
        as_manager.write({"place": "Showroom"})
        as_manager.attendee_ids.write({"score": 95})
        # Hands it over: the new trainer runs it, the former one no longer
        as_manager.write({"trainer_id": self.user_trainer.id})
        theirs.with_user(self.user_trainer).write({"place": "Warehouse"})
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_trainer2).write({"place": "Showroom"})
        as_manager.action_done()
        self.assertEqual(theirs.state, "done")
        self.assertEqual(theirs.record_ids.score, 95)
        # Plans for another trainer and cancels their session
        planned = self._session(self.user_manager, trainer_id=self.user_trainer2.id)
        self.assertEqual(planned.trainer_id, self.user_trainer2)
        planned.with_user(self.user_manager).action_cancel()
        self.assertEqual(planned.state, "cancel")
