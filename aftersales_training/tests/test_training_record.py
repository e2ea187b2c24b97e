# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import TrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingRecord(TrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.exam = cls.env["survey.survey"].create(
            {
                "title": "Tile product exam",
                "survey_type": "assessment",
                "access_mode": "token",
                "scoring_type": "scoring_with_answers",
                "certification": True,
                "scoring_success_min": 80,
            }
        )
        cls.question = cls.env["survey.question"].create(
            {
                "survey_id": cls.exam.id,
                "title": "Which batch must an exchange use?",
                "question_type": "simple_choice",
                "suggested_answer_ids": [
                    (
                        0,
                        0,
                        {
                            "value": "The same batch",
                            "is_correct": True,
                            "answer_score": 10,
                        },
                    ),
                    (0, 0, {"value": "Any batch", "answer_score": 0}),
                ],
            }
        )
        cls.course_product.certification_survey_id = cls.exam

    def _take_exam(self, user, correct):
        answer = self.question.suggested_answer_ids.filtered(
            lambda a: a.is_correct == correct
        )
        user_input = self.exam.sudo()._create_answer(user=user)
        self.env["survey.user_input.line"].sudo().create(
            {
                "user_input_id": user_input.id,
                "question_id": self.question.id,
                "answer_type": "suggestion",
                "suggested_answer_id": answer.id,
            }
        )
        user_input._mark_done()
        return user_input

    # Certification attempts
    @freeze_time("2026-03-02 09:00:00")
    def test_certification_pass_writes_record_and_retake_keeps_both(self):
        first = self._take_exam(self.user_staff, correct=True)
        Record = self.env["aftersales.training.record"]
        records = Record.search([("employee_id", "=", self.emp_staff.id)])
        self.assertEqual(len(records), 1)
        self.assertEqual(records.source, "certification")
        self.assertEqual(records.user_input_id, first)
        self.assertEqual(records.course_id, self.course_product)
        self.assertEqual(records.score, 100)
        self.assertEqual(str(records.date), "2026-03-02")
        # A failed attempt writes nothing
        self._take_exam(self.user_staff, correct=False)
        self.assertEqual(
            Record.search_count([("employee_id", "=", self.emp_staff.id)]), 1
        )
        # A retake keeps the first record and adds its own
        second = self._take_exam(self.user_staff, correct=True)
        records = Record.search([("employee_id", "=", self.emp_staff.id)])
        self.assertEqual(records.user_input_id, first | second)
        # The person sees both in "My Trainings"
        self.assertEqual(
            Record.with_user(self.user_staff).search([]).user_input_id, first | second
        )

    # Sessions
    @freeze_time("2026-03-02 09:00:00")
    def test_session_records_attendees_including_staff_without_login(self):
        with Form(
            self.env["aftersales.training.session"].with_user(self.user_trainer)
        ) as form:
            form.name = "Batch exchange rules"
            form.course_id = self.course_product
            form.date_start = "2026-03-03 01:00:00"
            form.date_end = "2026-03-03 04:00:00"
            form.place = "Showroom"
            for employee, present in (
                (self.emp_staff, True),
                (self.emp_nologin, True),
                (self.emp_staff2, False),
            ):
                with form.attendee_ids.new() as line:
                    line.employee_id = employee
                    line.attended = present
                    line.score = 75
        session = form.record
        self.assertEqual(session.hours, 3)
        session.action_done()
        self.assertEqual(session.state, "done")
        self.assertEqual(
            session.record_ids.employee_id, self.emp_staff | self.emp_nologin
        )
        self.assertEqual(set(session.record_ids.mapped("source")), {"session"})
        self.assertEqual(set(session.record_ids.mapped("hours")), {3})

    def test_same_person_twice_in_session_refused(self):
        session = (
            self.env["aftersales.training.session"]
            .with_user(self.user_trainer)
            .create(
                {
                    "name": "Etiquette",
                    "course_id": self.course_etiquette.id,
                    "date_start": "2026-03-03 01:00:00",
                    "date_end": "2026-03-03 02:00:00",
                    "attendee_ids": [(0, 0, {"employee_id": self.emp_staff.id})],
                }
            )
        )
        with self.assertRaisesRegex(ValidationError, "Staff Li is listed twice"):
            session.write(
                {"attendee_ids": [(0, 0, {"employee_id": self.emp_staff.id})]}
            )

    # Bad input
    def test_negative_hours_and_score_out_of_range_refused(self):
        with self.assertRaisesRegex(ValidationError, "hours cannot be negative"):
            self._record(self.emp_staff, self.course_product, "2026-03-02", hours=-1)
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self._record(self.emp_staff, self.course_product, "2026-03-02", score=101)
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self._record(self.emp_staff, self.course_product, "2026-03-02", score=-5)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.course_product.hours = -2

    # Append-only
    def test_records_are_append_only_for_non_managers(self):
        record = self._record(self.emp_staff, self.course_product, "2026-03-02")
        as_trainer = record.with_user(self.user_trainer)
        with self.assertRaisesRegex(UserError, "append-only"):
            as_trainer.score = 100
        with self.assertRaises(AccessError):
            as_trainer.unlink()
        # Evidence and notes can still be added
        as_trainer.note = "Certificate scanned"
        # A manager corrects a mistake
        record.with_user(self.user_manager).score = 95
        self.assertEqual(record.score, 95)

    def test_external_training_needs_a_manager(self):
        vals = {
            "employee_id": self.emp_staff.id,
            "course_id": self.course_etiquette.id,
            "date": "2026-02-10",
            "hours": 8,
            "source": "external",
        }
        Record = self.env["aftersales.training.record"]
        # Trainers write records only by closing a session
        with self.assertRaises(AccessError):
            Record.with_user(self.user_trainer).create(vals)
        with self.assertRaises(AccessError):
            Record.with_user(self.user_staff).create(vals)
        record = Record.with_user(self.user_manager).create(vals)
        self.assertEqual(record.validated_by_id, self.user_manager)
