"""Orders (приказы) of the mentorship cycle."""

import datetime
from typing import Any

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nastavnik.documents.context import long_date, short_date
from nastavnik.documents.kinds.base import (
    DocumentKind,
    KindForm,
    People,
    RowForm,
    StaffChoiceField,
    StaffMultipleChoiceField,
    ids_in,
    order_reference,
    parse_date,
    register,
    unique,
)
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import PersonKind


class MentorshipForm(models.TextChoices):
    """Forms of mentorship (seed 004 and the school's «учитель – учитель»)."""

    TEACHER_TEACHER = "teacher_teacher", _("teacher – teacher")
    DIRECTOR_TEACHER = "director_teacher", _("head of the organization – teacher")
    TEACHER_STUDENT = "teacher_student", _("lecturer – student")
    STUDENT_STUDENT = "student_student", _("student – student")
    EMPLOYER_STUDENT = "employer_student", _("employer – student")
    TEACHER_SCHOOLCHILD = (
        "teacher_schoolchild",
        _("lecturer / master of vocational training – schoolchild"),
    )


# Which kinds of participant each form allows as the mentor and as the mentee (seed 004).
# «директор – педагог»: the head is a member of staff like the teachers.
FORM_PARTICIPANTS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    MentorshipForm.TEACHER_TEACHER: (frozenset({PersonKind.STAFF}), frozenset({PersonKind.STAFF})),
    MentorshipForm.DIRECTOR_TEACHER: (
        frozenset({PersonKind.STAFF}),
        frozenset({PersonKind.STAFF}),
    ),
    MentorshipForm.TEACHER_STUDENT: (
        frozenset({PersonKind.STAFF}),
        frozenset({PersonKind.STUDENT}),
    ),
    MentorshipForm.STUDENT_STUDENT: (
        frozenset({PersonKind.STUDENT}),
        frozenset({PersonKind.STUDENT}),
    ),
    MentorshipForm.EMPLOYER_STUDENT: (
        frozenset({PersonKind.EXTERNAL}),
        frozenset({PersonKind.STUDENT}),
    ),
    MentorshipForm.TEACHER_SCHOOLCHILD: (
        frozenset({PersonKind.STAFF}),
        frozenset({PersonKind.SCHOOLCHILD}),
    ),
}


def mentor_kinds(form: str) -> frozenset[str]:
    return FORM_PARTICIPANTS.get(form, (frozenset({PersonKind.STAFF}), frozenset()))[0]


def mentee_kinds(form: str) -> frozenset[str]:
    return FORM_PARTICIPANTS.get(form, (frozenset(), frozenset({PersonKind.STAFF})))[1]


def forms_for(kind: str, *, as_mentor: bool) -> list[str]:
    """The forms in which a person of this kind may be a mentor (or a mentee)."""
    side = 0 if as_mentor else 1
    return [form for form, kinds in FORM_PARTICIPANTS.items() if kind in kinds[side]]


def _regulation_fields() -> dict[str, forms.Field]:
    return {
        "regulation_number": forms.CharField(
            label=_("Number of the order that approved the Regulation"),
            max_length=30,
            required=False,
        ),
        "regulation_date": forms.DateField(label=_("Date of that order"), required=False),
    }


# 1. The order that implements the target model and approves the Regulation and the roadmap.


class ImplementationForm(KindForm):
    start_date = forms.DateField(label=_("Implement the target model from"))
    curator = StaffChoiceField(
        label=_("Curator of the implementation"),
        required=False,
        help_text=_("Leave empty if the curator is appointed by a separate order."),
    )
    controller = StaffChoiceField(
        label=_("Control over the order"),
        required=False,
        help_text=_("Leave empty for «Контроль … оставляю за собой»."),
    )


def implementation_context(data: dict[str, Any], organization: Organization) -> dict[str, Any]:
    people = People(organization, ids_in(data, "curator", "controller"))
    curator, controller = (
        people.optional(data.get("curator")),
        people.optional(data.get("controller")),
    )
    return {
        "start_date": long_date(parse_date(data["start_date"])),
        "curator": curator,
        "controller": controller,
        "acquainted": unique([curator, controller]),
    }


register(
    DocumentKind(
        code="order_implementation",
        label=_("Order on the implementation of the target model of mentorship"),
        default_title=_(
            "On the implementation of the target model of mentorship of pedagogical workers"
        ),
        description=_("Approves the Regulation on mentorship and the roadmap for the year."),
        form=ImplementationForm,
        context=implementation_context,
        staff_ids=lambda data: ids_in(data, "curator", "controller"),
        variables=[
            ("start_date", _("from which date the model is implemented")),
            ("academic_year", _("the academic year, «2025/2026»")),
            ("curator", _("the curator (a person) or nothing")),
            ("controller", _("who controls the order (a person) or nothing")),
            ("acquainted", _("the people who sign that they have read the order")),
        ],
    )
)


# 3. The order that appoints the curator(s).


class CuratorRow(RowForm):
    person = StaffChoiceField(label=_("Curator"))
    direction = forms.CharField(
        label=_("Direction"),
        required=False,
        max_length=200,
        help_text=_("For example: «учитель – учитель». Leave empty for one curator."),
    )


class CuratorForm(KindForm):
    row_form = CuratorRow
    rows_label = _("Curators")
    regulation_number = _regulation_fields()["regulation_number"]
    regulation_date = _regulation_fields()["regulation_date"]

    def clean_rows(self, rows: list[dict[str, Any]]) -> None:
        people = [r["person"].pk for r in rows]
        if len(people) != len(set(people)):
            raise forms.ValidationError(gettext("A person is named twice among the curators."))


def curator_context(data: dict[str, Any], organization: Organization) -> dict[str, Any]:
    rows = data.get("rows", [])
    people = People(organization, ids_in(data, rows=["person"]))
    curators = []
    for row in rows:
        curators.append(people.get(row["person"]).extended(direction=row.get("direction", "")))
    return {
        "curators": curators,
        "regulation": order_reference(data.get("regulation_number"), data.get("regulation_date")),
        "acquainted": unique(curators),
    }


register(
    DocumentKind(
        code="order_curator",
        label=_("Order appointing the curator of mentorship"),
        default_title=_("On the appointment of the curator of mentorship"),
        description=_("One curator, or curators by directions of mentorship."),
        form=CuratorForm,
        context=curator_context,
        staff_ids=lambda data: ids_in(data, rows=["person"]),
        variables=[
            ("curators", _("the curators: persons with .direction")),
            ("regulation", _("the order that approved the Regulation: .number, .date")),
            ("acquainted", _("the people who sign that they have read the order")),
        ],
    )
)


# 4. The order that assigns mentorship pairs and groups.


class PairRow(RowForm):
    mentor = StaffChoiceField(label=_("Mentor"))
    mentees = StaffMultipleChoiceField(
        label=_("Mentee(s)"),
        help_text=_("Several mentees make a group. Hold Ctrl (⌘ on a Mac) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    form = forms.ChoiceField(
        label=_("Form of mentorship"),
        choices=MentorshipForm.choices,
        initial=MentorshipForm.TEACHER_TEACHER,
    )
    start = forms.DateField(label=_("From"))
    end = forms.DateField(label=_("To"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", gettext("The end of mentorship must come after its start."))
        mentor, mentees = data.get("mentor"), data.get("mentees") or []
        if mentor and mentor in mentees:
            self.add_error("mentees", gettext("The mentor cannot be his or her own mentee."))
        return data


class PairsForm(KindForm):
    row_form = PairRow
    rows_label = _("Pairs and groups")
    regulation_number = _regulation_fields()["regulation_number"]
    regulation_date = _regulation_fields()["regulation_date"]
    programs_due = forms.DateField(label=_("Personalized programs are due by"), required=False)
    curator = StaffChoiceField(label=_("Curator"), required=False)

    def clean_rows(self, rows: list[dict[str, Any]]) -> None:
        seen: dict[int, str] = {}
        for row in rows:
            for mentee in row["mentees"]:
                if mentee.pk in seen:
                    raise forms.ValidationError(
                        gettext("%(person)s is a mentee in two pairs. Leave one.")
                        % {"person": mentee.full_name}
                    )
                seen[mentee.pk] = mentee.full_name
        check_pair_consents(rows)


def check_pair_consents(rows: list[dict[str, Any]]) -> None:
    """A pair is assigned only with written consents: every participant's consent to the
    processing of personal data and the mentor's consent to the duties (ТК РФ ст. 351.8)."""
    from nastavnik.banks.models import Consent

    mentors = {row["mentor"].pk: row["mentor"] for row in rows}
    everyone = {**mentors, **{m.pk: m for row in rows for m in row["mentees"]}}
    today = timezone.localdate()
    signed = {
        (pk, kind)
        for pk, kind, representative in Consent.objects.filter(
            staff_id__in=everyone, status=Consent.Status.SIGNED
        ).values_list("staff_id", "kind", "representative_name")
        # A minor's consent counts only when a parent gave it (152-FZ art. 9).
        if representative or not everyone[pk].is_minor_on(today)
    }
    errors = []
    no_duties = [
        p.full_name
        for pk, p in mentors.items()
        if p.kind == PersonKind.STAFF and (pk, Consent.Kind.DUTIES) not in signed
    ]
    if no_duties:
        errors.append(
            gettext(
                "No signed consent to mentoring duties: %(people)s. A mentor is assigned only "
                "with his or her written consent (Labour Code art. 351.8)."
            )
            % {"people": ", ".join(no_duties)}
        )
    no_data = [
        p.full_name for pk, p in everyone.items() if (pk, Consent.Kind.PERSONAL_DATA) not in signed
    ]
    if no_data:
        errors.append(
            gettext("No signed consent to the processing of personal data: %(people)s.")
            % {"people": ", ".join(no_data)}
        )
    if errors:
        raise forms.ValidationError(errors)


def pairs_context(data: dict[str, Any], organization: Organization) -> dict[str, Any]:
    rows = data.get("rows", [])
    people = People(organization, ids_in(data, "curator", rows=["mentor", "mentees"]))
    forms_by_code = dict(MentorshipForm.choices)
    pairs = []
    for row in rows:
        mentees = people.many(row["mentees"])
        pairs.append(
            {
                "mentor": people.get(row["mentor"]),
                "mentees": mentees,
                "mentees_text": "; ".join(
                    f"{m['full_name']}, {m['position']}" if m["position"] else m["full_name"]
                    for m in mentees
                ),
                "form": str(forms_by_code.get(row["form"], row["form"])),
                "start": short_date(parse_date(row["start"])),
                "end": short_date(parse_date(row["end"])),
                "period": gettext("from %(start)s to %(end)s")
                % {
                    "start": short_date(parse_date(row["start"])),
                    "end": short_date(parse_date(row["end"])),
                },
            }
        )
    curator = people.optional(data.get("curator"))
    return {
        "pairs": pairs,
        "regulation": order_reference(data.get("regulation_number"), data.get("regulation_date")),
        "programs_due": short_date(parse_date(data.get("programs_due"))),
        "curator": curator,
        "acquainted": unique(
            [curator] + [p["mentor"] for p in pairs] + [m for p in pairs for m in p["mentees"]]
        ),
    }


register(
    DocumentKind(
        code="order_pairs",
        label=_("Order assigning mentorship pairs and groups"),
        default_title=_("On assigning mentorship pairs (groups)"),
        description=_(
            "A table of mentors and mentees with the form and period; states that the "
            "participants gave written consent to the additional duties."
        ),
        form=PairsForm,
        context=pairs_context,
        staff_ids=lambda data: ids_in(data, "curator", rows=["mentor", "mentees"]),
        variables=[
            ("pairs", _("rows: .mentor (a person), .mentees, .mentees_text, .form, .period")),
            ("regulation", _("the order that approved the Regulation: .number, .date")),
            ("programs_due", _("the date the programs are due")),
            ("curator", _("the curator (a person) or nothing")),
            ("acquainted", _("the people who sign that they have read the order")),
        ],
    )
)


# 5. Rewards, the final event, the early end of mentorship.


class Award(models.TextChoices):
    GRATITUDE = "gratitude", _("letter of gratitude")
    LETTER = "letter", _("official letter of thanks")
    DIPLOMA = "diploma", _("certificate of honour")
    GIFT = "gift", _("valuable gift")
    BONUS = "bonus", _("bonus")


class AwardRow(RowForm):
    person = StaffChoiceField(label=_("Participant"))
    award = forms.ChoiceField(label=_("Reward"), choices=Award.choices)
    amount = forms.DecimalField(
        label=_("Bonus, roubles"), required=False, min_value=0, max_digits=10, decimal_places=2
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("award") == Award.BONUS and not data.get("amount"):
            self.add_error("amount", gettext("Enter the amount of the bonus."))
        return data


class AwardForm(KindForm):
    row_form = AwardRow
    rows_label = _("Whom to reward")
    basis = forms.CharField(
        label=_("Grounds"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The preamble of the order, e.g. «За активное участие в реализации …»."),
    )


def award_context(data: dict[str, Any], organization: Organization) -> dict[str, Any]:
    rows = data.get("rows", [])
    people = People(organization, ids_in(data, rows=["person"]))
    groups: list[dict[str, Any]] = []
    for code in Award.values:
        chosen = [r for r in rows if r["award"] == code]
        if chosen:
            entries = []
            for row in chosen:
                entries.append(people.get(row["person"]).extended(amount=row.get("amount") or ""))
            groups.append({"award": code, "people": entries})
    return {
        "basis": data["basis"],
        "groups": groups,
        "acquainted": unique(p for g in groups for p in g["people"]),
    }


register(
    DocumentKind(
        code="order_award",
        label=_("Order rewarding the participants of mentorship"),
        default_title=_("On rewarding the participants of mentorship"),
        form=AwardForm,
        context=award_context,
        staff_ids=lambda data: ids_in(data, rows=["person"]),
        variables=[
            ("basis", _("the grounds (the preamble)")),
            (
                "groups",
                _(
                    "by reward: .award (gratitude, letter, diploma, gift, bonus), .people with "
                    ".amount"
                ),
            ),
            ("acquainted", _("the people who sign that they have read the order")),
        ],
    )
)


class EventForm(models.TextChoices):
    ROUND_TABLE = "round_table", _("round table")
    CONFERENCE = "conference", _("conference")
    SEMINAR = "seminar", _("seminar")


class FinalEventForm(KindForm):
    form = forms.ChoiceField(label=_("Event"), choices=EventForm.choices)
    topic = forms.CharField(label=_("Topic"), max_length=300, required=False)
    date = forms.DateField(label=_("Date of the event"))
    time = forms.TimeField(label=_("Time"), required=False)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    responsible = StaffChoiceField(label=_("Responsible for the event"))
    participants = StaffMultipleChoiceField(
        label=_("Participants"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )


def final_event_context(data: dict[str, Any], organization: Organization) -> dict[str, Any]:
    people = People(organization, ids_in(data, "responsible", "participants"))
    responsible = people.get(data["responsible"])
    participants = people.many(data.get("participants") or [])
    time = datetime.time.fromisoformat(data["time"]).strftime("%H:%M") if data.get("time") else ""
    return {
        "event": {
            "form": data["form"],
            "topic": data.get("topic", ""),
            "date": long_date(parse_date(data["date"])),
            "time": time,
            "place": data.get("place", ""),
        },
        "responsible": responsible,
        "participants": participants,
        "acquainted": unique([responsible, *participants]),
    }


register(
    DocumentKind(
        code="order_final_event",
        label=_("Order on the final event of the mentorship program"),
        default_title=_(
            "On holding the final event of the implementation of the target model of mentorship"
        ),
        form=FinalEventForm,
        context=final_event_context,
        staff_ids=lambda data: ids_in(data, "responsible", "participants"),
        variables=[
            ("event", _(".form (round_table, conference, seminar), .topic, .date, .time, .place")),
            ("responsible", _("the person responsible")),
            ("participants", _("the participants (persons)")),
            ("academic_year", _("the academic year, «2025/2026»")),
            ("acquainted", _("the people who sign that they have read the order")),
        ],
    )
)


class Initiator(models.TextChoices):
    MENTOR = "mentor", _("the mentor's application")
    MENTEE = "mentee", _("the mentee's application")
    BOTH = "both", _("mutual agreement")
    ORGANIZATION = "organization", _("production necessity")


class EarlyEndForm(KindForm):
    mentor = StaffChoiceField(label=_("Mentor"))
    mentee = StaffChoiceField(label=_("Mentee"))
    end_date = forms.DateField(label=_("End mentorship from"))
    initiator = forms.ChoiceField(label=_("On the grounds of"), choices=Initiator.choices)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        help_text=_("For example: «в связи с переводом наставника в другую организацию»."),
    )
    pair_order_number = forms.CharField(
        label=_("Number of the order that assigned the pair"), max_length=30, required=False
    )
    pair_order_date = forms.DateField(label=_("Date of that order"), required=False)
    search_due = forms.DateField(label=_("Find a new mentor by"))
    curator = StaffChoiceField(label=_("Curator"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("mentor") and data.get("mentor") == data.get("mentee"):
            self.add_error("mentee", gettext("The mentor cannot be his or her own mentee."))
        end, due = data.get("end_date"), data.get("search_due")
        if end and due and due < end:
            self.add_error(
                "search_due", gettext("The search for a mentor cannot end before the pair.")
            )
        return data


def early_end_context(data: dict[str, Any], organization: Organization) -> dict[str, Any]:
    people = People(organization, ids_in(data, "mentor", "mentee", "curator"))
    mentor, mentee = people.get(data["mentor"]), people.get(data["mentee"])
    curator = people.optional(data.get("curator"))
    reference = order_reference(data.get("pair_order_number"), data.get("pair_order_date"))
    return {
        "mentor": mentor,
        "mentee": mentee,
        "curator": curator,
        "end_date": short_date(parse_date(data["end_date"])),
        "search_due": short_date(parse_date(data["search_due"])),
        "initiator": data["initiator"],
        "reason": data.get("reason", ""),
        "pair_order": gettext("of %(date)s No. %(number)s") % reference if reference else "",
        "acquainted": unique([mentor, mentee, curator]),
    }


register(
    DocumentKind(
        code="order_early_end",
        label=_("Order on the early end of mentorship"),
        default_title=_("On the early end of mentorship"),
        form=EarlyEndForm,
        context=early_end_context,
        staff_ids=lambda data: ids_in(data, "mentor", "mentee", "curator"),
        variables=[
            ("mentor, mentee, curator", _("persons")),
            ("end_date, search_due", _("dates")),
            ("initiator", _("mentor, mentee, both or organization")),
            ("reason", _("the reason in words")),
            ("pair_order", _("«от 01.10.2025 № 63», the order that assigned the pair")),
            ("acquainted", _("the people who sign that they have read the order")),
        ],
    )
)
