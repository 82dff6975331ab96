"""The forms of the questionnaire editor."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nastavnik.surveys import services
from nastavnik.surveys.models import Question, Questionnaire, Section

CHOICE_KINDS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE)


class QuestionnaireForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Questionnaire
        fields = ["title", "kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Title of the section"), max_length=300)


class QuestionConditionChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.order}. {obj.text}"


class QuestionForm(forms.ModelForm):  # type: ignore[type-arg]
    options_text = forms.CharField(
        label=_("Answer options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One option a line. Needed for a question with a list of answers."),
    )
    condition_question = QuestionConditionChoice(
        queryset=Question.objects.none(),
        required=False,
        label=_("Show only if the answer to"),
        empty_label=_("— always show —"),
        help_text=_("Only an earlier question of this questionnaire."),
    )

    class Meta:
        model = Question
        fields = [
            "kind",
            "text",
            "help_text",
            "required",
            "options_text",
            "max_choices",
            "section",
            "condition_question",
            "condition_value",
            "code",
        ]
        labels = {"condition_value": _("is (the answer that shows the question)")}
        help_texts = {
            "code": _(
                "For advanced use: a code tells the system what to do with the answer. "
                "«needs» and «competencies» (type «needs and competencies») go to the mentee "
                "and mentor banks, «capacity» is how many mentees a mentor takes, "
                "«preferred_mentors» and «preferred_mentees» (type «people») are used by "
                "matching. Leave it empty for an ordinary question."
            ),
            "condition_value": _(
                "For a question with a list, one of its options exactly as written; for a "
                "scale, the mark (e.g. 5)."
            ),
        }
        widgets = {"text": forms.TextInput(), "help_text": forms.TextInput()}

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.questionnaire = questionnaire
        section_field: Any = self.fields["section"]
        section_field.queryset = Section.objects.filter(questionnaire=questionnaire)
        section_field.empty_label = _("— without a section —")
        earlier = Question.objects.filter(questionnaire=questionnaire)
        if self.instance.pk:
            earlier = earlier.filter(order__lt=self.instance.order)
        condition_field: Any = self.fields["condition_question"]
        condition_field.queryset = earlier.order_by("order", "pk")
        if self.instance.pk and not self.is_bound:
            self.initial["options_text"] = "\n".join(str(o) for o in self.instance.options)
        self.order_fields(self.Meta.fields)

    def clean_options_text(self) -> list[str]:
        text = self.cleaned_data.get("options_text") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        question: Question = self.instance
        kind = data.get("kind")
        options = data.get("options_text") or []
        question.kind = kind or ""
        question.options = options if kind in CHOICE_KINDS else []
        if kind not in (Question.Kind.MULTIPLE, Question.Kind.PEOPLE):
            data["max_choices"] = None
        condition = data.get("condition_question")
        value = (data.get("condition_value") or "").strip()
        data["condition_value"] = value if condition else ""
        if condition is None and value:
            self.add_error("condition_question", _("Choose the question the condition is about."))
            return data
        # The rules of services.check_question, each error next to its field: first the
        # options (without the condition), then the condition.
        question.condition_question = None
        try:
            services.check_question(question)
        except ValidationError as error:
            self.add_error("options_text", error)
            return data
        question.condition_question = condition
        question.condition_value = value if condition else ""
        if condition is not None and not self._comes_after(condition, data.get("section")):
            self.add_error(
                "condition_question",
                _(
                    "The question «%(question)s» comes later than this one in the chosen "
                    "section: a question can depend only on an earlier one."
                )
                % {"question": condition.text},
            )
            return data
        try:
            services.check_question(question)
        except ValidationError as error:
            self.add_error("condition_value", error)
        return data

    def _comes_after(self, condition: Question, section: Section | None) -> bool:
        """Whether this question, in `section`, comes after `condition` (see
        ``editing.renumber``: the questions without a section first, then the sections in
        their order; a new question or one moved to another section goes to its end)."""
        position = {
            pk: i
            for i, pk in enumerate(
                Section.objects.filter(questionnaire_id=self.instance.questionnaire_id)
                .order_by("order", "pk")
                .values_list("pk", flat=True),
                start=1,
            )
        }

        def block(section_id: int | None) -> int:
            return position.get(section_id, 0) if section_id else 0

        own = block(section.pk if section else None)
        parent = block(condition.section_id)
        if own != parent:
            return own > parent
        stays = self.instance.pk is not None and self.instance.section_id == (
            section.pk if section else None
        )
        return not stays or condition.order < self.instance.order
