import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nastavnik.core.models import AcademicYear
from nastavnik.organizations.models import Organization, Region


def document_upload_to(instance: "Document", filename: str) -> str:
    return f"documents/{instance.organization_id}/{uuid.uuid4().hex}/{filename}"


def template_upload_to(instance: "DocumentTemplate", filename: str) -> str:
    return f"document-templates/{uuid.uuid4().hex}/{filename}"


def batch_upload_to(instance: "DocumentBatch", filename: str) -> str:
    return f"document-batches/{instance.organization_id}/{uuid.uuid4().hex}/{filename}"


class Document(models.Model):
    """One official document of an organization in its register: an order, a protocol, …"""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SIGNED = "signed", _("signed")

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="documents", verbose_name=_("organization")
    )
    academic_year = models.ForeignKey(
        AcademicYear, models.PROTECT, related_name="documents", verbose_name=_("academic year")
    )
    kind = models.CharField(_("kind"), max_length=40)
    number = models.CharField(_("number"), max_length=30, blank=True)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=500)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    data = models.JSONField(_("contents"), default=dict, blank=True)
    file = models.FileField(
        _("DOCX file"), upload_to=document_upload_to, blank=True, max_length=255
    )
    pdf = models.FileField(_("PDF file"), upload_to=document_upload_to, blank=True, max_length=255)
    signed_scan = models.FileField(
        _("signed scan"), upload_to=document_upload_to, blank=True, max_length=255
    )
    signed_at = models.DateField(_("signed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["organization", "kind", "date"])]
        constraints = [
            models.CheckConstraint(
                name="document_signed_has_date",
                condition=Q(status="draft") | Q(signed_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.SIGNED


class DocumentLink(models.Model):
    """A link from a document to an object it concerns (a person, a pair, a survey, …)."""

    document = models.ForeignKey(
        Document, models.CASCADE, related_name="links", verbose_name=_("document")
    )
    content_type = models.ForeignKey(ContentType, models.CASCADE, verbose_name=_("object type"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("document link")
        verbose_name_plural = _("document links")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "content_type", "object_id"], name="document_link_unique"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.document} → {self.content_type.model} {self.object_id}"


class DocumentTemplate(models.Model):
    """A DOCX template of a region or an organization that replaces the shipped one for a kind."""

    kind = models.CharField(_("kind"), max_length=40)
    region = models.ForeignKey(
        Region,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="document_templates",
        verbose_name=_("region"),
    )
    organization = models.ForeignKey(
        Organization,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="document_templates",
        verbose_name=_("organization"),
    )
    file = models.FileField(_("template"), upload_to=template_upload_to, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        constraints = [
            models.CheckConstraint(
                name="document_template_one_owner",
                condition=(
                    Q(region__isnull=False, organization__isnull=True)
                    | Q(region__isnull=True, organization__isnull=False)
                ),
            ),
            models.UniqueConstraint(
                fields=["kind", "region"],
                condition=Q(region__isnull=False),
                name="document_template_one_per_region",
            ),
            models.UniqueConstraint(
                fields=["kind", "organization"],
                condition=Q(organization__isnull=False),
                name="document_template_one_per_organization",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name


class DocumentBatch(models.Model):
    """Bulk generation of one kind of document for many people, packed into one ZIP."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("in progress")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    organization = models.ForeignKey(
        Organization,
        models.PROTECT,
        related_name="document_batches",
        verbose_name=_("organization"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    data = models.JSONField(_("contents"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("documents in all"), default=0)
    done = models.PositiveIntegerField(_("documents ready"), default=0)
    file = models.FileField(_("ZIP archive"), upload_to=batch_upload_to, blank=True, max_length=255)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("document batch")
        verbose_name_plural = _("document batches")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
