"""Changing a questionnaire in the editor: its heading, sections and questions, the copy of a
template for an organization, the deletion of an own template.

The order of questions is one sequence over the questionnaire (``Question.order``), the order
the respondent sees them in. The editor keeps it consistent with the sections: first the
questions without a section, then the sections in their order, each with its questions. A
question may depend only on an earlier question; a change that would break this is refused
(``ValidationError`` with a Russian message) and nothing is saved. Each function is one
transaction and writes its audit row. Who may call them is decided by ``permissions``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from nastavnik.core.services import audit
from nastavnik.organizations.models import Organization
from nastavnik.surveys import services
from nastavnik.surveys.models import Question, Questionnaire, Section, Survey


def _audit(actor: Any, action: str, questionnaire: Questionnaire, **details: Any) -> None:
    audit(
        actor=actor,
        action=action,
        target=questionnaire,
        organization=questionnaire.organization,
        region=questionnaire.region if questionnaire.organization_id is None else None,
        **details,
    )


def _touch(questionnaire: Questionnaire) -> None:
    questionnaire.save(update_fields=["updated_at"])


def renumber(questionnaire: Questionnaire) -> list[Question]:
    """Number the questions 1..n in the order of the sections and check the conditions."""
    sections = {s.pk: i for i, s in enumerate(questionnaire.sections.all(), start=1)}
    questions = list(questionnaire.questions.select_related("condition_question"))
    questions.sort(key=lambda q: (sections.get(q.section_id, 0) if q.section_id else 0, q.order))
    changed = []
    for number, question in enumerate(questions, start=1):
        if question.order != number:
            question.order = number
            changed.append(question)
    Question.objects.bulk_update(changed, ["order"])
    position = {q.pk: q.order for q in questions}
    for question in questions:
        parent = question.condition_question_id
        if parent and position.get(parent, 0) >= question.order:
            assert question.condition_question is not None
            raise ValidationError(
                _(
                    "The question «%(question)s» depends on the answer to «%(condition)s» and "
                    "must come after it."
                )
                % {"question": question.text, "condition": question.condition_question.text}
            )
    return questions


def questionnaire_update(
    *, actor: Any, questionnaire: Questionnaire, title: str, kind: str, description: str
) -> Questionnaire:
    with transaction.atomic():
        questionnaire.title = title
        questionnaire.kind = kind
        questionnaire.description = description
        questionnaire.save(update_fields=["title", "kind", "description", "updated_at"])
        _audit(actor, "questionnaire_change", questionnaire, change="heading")
    return questionnaire


def questionnaire_copy_for(
    *, actor: Any, source: Questionnaire, organization: Organization
) -> Questionnaire:
    """The organization's own template made from a template of its library."""
    region_id = organization.municipality.region_id
    if not source.is_template or source.region_id != region_id:
        raise ValidationError(_("This questionnaire is not in the library of the organization."))
    if source.organization_id not in (None, organization.pk):
        raise ValidationError(_("This questionnaire is not in the library of the organization."))
    with transaction.atomic():
        copy = services.questionnaire_copy(
            source,
            organization=organization,
            is_template=True,
            title=_("%(title)s (copy)") % {"title": source.title}
            if source.organization_id
            else source.title,
        )
        _audit(actor, "questionnaire_create", copy, based_on=source.pk)
    return copy


def questionnaire_delete(*, actor: Any, questionnaire: Questionnaire) -> None:
    """Delete an organization's own template. A survey runs on its own frozen copy, so a
    template in the library is never in use."""
    if not questionnaire.is_template or questionnaire.organization_id is None:
        raise ValidationError(_("Only an own template of the organization can be deleted."))
    if Survey.objects.filter(questionnaire=questionnaire).exists():  # pragma: no cover
        raise ValidationError(_("The questionnaire is used by a survey."))
    with transaction.atomic():
        audit(
            actor=actor,
            action="questionnaire_change",
            target=questionnaire,
            organization=questionnaire.organization,
            change="deleted",
        )
        questionnaire.delete()


# --- sections ----------------------------------------------------------------------------------


def section_add(*, actor: Any, questionnaire: Questionnaire, title: str) -> Section:
    with transaction.atomic():
        last = questionnaire.sections.aggregate(m=Max("order"))["m"]
        section = Section.objects.create(
            questionnaire=questionnaire, title=title, order=(last or 0) + 1
        )
        _touch(questionnaire)
        _audit(actor, "questionnaire_change", questionnaire, change="section_add")
    return section


def section_rename(*, actor: Any, section: Section, title: str) -> Section:
    with transaction.atomic():
        section.title = title
        section.save(update_fields=["title"])
        _touch(section.questionnaire)
        _audit(actor, "questionnaire_change", section.questionnaire, change="section_rename")
    return section


def section_move(*, actor: Any, section: Section, up: bool) -> None:
    """Swap the section with its neighbour; its questions move with it."""
    questionnaire = section.questionnaire
    with transaction.atomic():
        sections = list(questionnaire.sections.all())
        i = next(n for n, s in enumerate(sections) if s.pk == section.pk)
        j = i - 1 if up else i + 1
        if not 0 <= j < len(sections):
            return
        sections[i], sections[j] = sections[j], sections[i]
        for number, s in enumerate(sections, start=1):
            s.order = number
        Section.objects.bulk_update(sections, ["order"])
        renumber(questionnaire)
        _touch(questionnaire)
        _audit(actor, "questionnaire_change", questionnaire, change="section_move")


def section_delete(*, actor: Any, section: Section) -> None:
    """Delete a section; its questions stay, without a section (at the top)."""
    questionnaire = section.questionnaire
    with transaction.atomic():
        section.questions.update(section=None)
        section.delete()
        renumber(questionnaire)
        _touch(questionnaire)
        _audit(actor, "questionnaire_change", questionnaire, change="section_delete")


# --- questions ---------------------------------------------------------------------------------


def question_save(*, actor: Any, question: Question) -> Question:
    """Create or change a question (checked by ``services.check_question``). A new question
    or one moved to another section goes to the end of its section. The questions that depend
    on this one must still find their answer among its options."""
    questionnaire = question.questionnaire
    with transaction.atomic():
        services.check_question(question)
        is_new = question.pk is None
        moved = (
            not is_new
            and Question.objects.filter(pk=question.pk).values_list("section_id", flat=True).first()
            != question.section_id
        )
        if is_new or moved:
            # After every other question: renumber() puts it at the end of its section.
            last = questionnaire.questions.aggregate(m=Max("order"))["m"]
            question.order = (last or 0) + 1
        question.save()
        for dependent in Question.objects.filter(condition_question=question).select_related(
            "condition_question"
        ):
            try:
                services.check_question(dependent)
            except ValidationError as error:
                raise ValidationError(
                    _("The question «%(question)s» depends on this one: %(reason)s")
                    % {"question": dependent.text, "reason": " ".join(error.messages)}
                ) from None
        renumber(questionnaire)
        _touch(questionnaire)
        _audit(
            actor,
            "questionnaire_change",
            questionnaire,
            change="question_add" if is_new else "question_change",
            question=question.pk,
        )
    return question


def question_move(*, actor: Any, question: Question, up: bool) -> None:
    """Swap the question with its neighbour in the same section."""
    questionnaire = question.questionnaire
    with transaction.atomic():
        siblings = [q for q in questionnaire.questions.all() if q.section_id == question.section_id]
        i = next(n for n, q in enumerate(siblings) if q.pk == question.pk)
        j = i - 1 if up else i + 1
        if not 0 <= j < len(siblings):
            return
        a, b = siblings[i], siblings[j]
        a.order, b.order = b.order, a.order
        Question.objects.bulk_update([a, b], ["order"])
        renumber(questionnaire)
        _touch(questionnaire)
        _audit(actor, "questionnaire_change", questionnaire, change="question_move")


def question_delete(*, actor: Any, question: Question) -> None:
    """Delete a question; refused while other questions are shown depending on its answer."""
    questionnaire = question.questionnaire
    dependents = list(
        Question.objects.filter(condition_question=question).values_list("text", flat=True)
    )
    if dependents:
        raise ValidationError(
            _(
                "Other questions are shown depending on the answer to this one: %(questions)s. "
                "Remove their condition first, then delete the question."
            )
            % {"questions": ", ".join(f"«{t}»" for t in dependents)}
        )
    with transaction.atomic():
        text = question.text
        question.delete()
        renumber(questionnaire)
        _touch(questionnaire)
        _audit(actor, "questionnaire_change", questionnaire, change="question_delete", text=text)
