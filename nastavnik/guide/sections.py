"""Which section of the guide explains which page: one table for the whole system.

A URL name ("namespace:name") or a whole namespace ("namespace") maps to "<guide>#<anchor>";
the anchors are the <a id="…"></a> marks of the Markdown files in docs/. The curator's guide
explains the pages of the organization (the curator and the director run the year); a mentor,
a mentee and a methodologist are sent to their own guide, where it has the section.
"""

from nastavnik.accounts.models import Role

# The organization's pages, as the curator (and the director) use them.
SECTIONS: dict[str, str] = {
    # Pages outside any namespace.
    "home": "curator#start",
    "switch_year": "curator#start",
    "logout": "curator#start",
    "second_factor_verify": "curator#start",
    "password_change": "curator#start",
    # Accounts: the user's own pages; the list of users is the administrator's.
    "accounts": "methodologist#users",
    "accounts:profile": "curator#start",
    "accounts:switch_role": "curator#start",
    "accounts:two_factor": "curator#start",
    "organizations": "methodologist#organizations",
    "organizations:organization_detail": "curator#start",
    "organizations:audit_journal": "curator#journal",
    "organizations:region_journal": "methodologist#region-journal",
    "staff": "curator#staff",
    "staff:account_list": "curator#accounts",
    "staff:account_issue": "curator#accounts",
    "staff:account_password_reset": "curator#accounts",
    "staff:account_link": "curator#staff",
    "staff:account_unlink": "curator#accounts",
    "documents": "curator#documents",
    "documents:batch_create": "curator#consents",
    "documents:batch_detail": "curator#consents",
    "documents:batch_download": "curator#consents",
    "documents:region_template_list": "methodologist#templates",
    "documents:region_template_download": "methodologist#templates",
    "banks": "curator#banks",
    "banks:person_detail": "curator#consents",
    "banks:consent_issue": "curator#consents",
    "banks:consent_list": "curator#consents",
    "banks:consent_download": "curator#consents",
    "banks:consent_sign": "curator#consents",
    "banks:consent_revoke": "curator#consents",
    "banks:region_banks": "methodologist#banks",
    "roadmaps": "curator#roadmap",
    "roadmaps:evidence_add": "curator#results",
    "roadmaps:evidence_delete": "curator#results",
    "roadmaps:evidence_download": "curator#results",
    "roadmaps:publication_list": "curator#publications",
    "roadmaps:publication_create": "curator#publications",
    "roadmaps:publication_detail": "curator#publications",
    "roadmaps:publication_edit": "curator#publications",
    "roadmaps:overview": "methodologist#roadmaps",
    "roadmaps:region_template_publish": "methodologist#roadmaps",
    "mentorships": "curator#pairs",
    "mentorships:program_edit": "curator#programs",
    "mentorships:program_approve": "curator#programs",
    "mentorships:program_comment": "curator#programs",
    "mentorships:meeting_add": "curator#meetings",
    "mentorships:portfolio_add": "curator#meetings",
    "mentorships:portfolio_download": "curator#meetings",
    "mentorships:calendar_mine": "curator#meetings",
    "mentorships:calendar_organization": "curator#meetings",
    "mentorships:calendar_feed_reset": "curator#meetings",
    "mentorships:event_list": "curator#events",
    "mentorships:event_create": "curator#events",
    "mentorships:events_mine": "curator#events",
    "mentorships:event_detail": "curator#events",
    "mentorships:event_edit": "curator#events",
    "mentorships:event_held": "curator#events",
    "mentorships:material_add": "curator#events",
    "mentorships:material_download": "curator#events",
    "mentorships:material_remove": "curator#events",
    "mentorships:report_list": "curator#completion",
    "mentorships:report_edit": "curator#completion",
    "mentorships:analytical_note": "curator#completion",
    "mentorships:report_detail": "curator#completion",
    "mentorships:report_return": "curator#completion",
    "mentorships:mentorship_end": "curator#completion",
    "mentorships:mentorship_complete": "curator#completion",
    "matching": "curator#matching",
    "matching:network": "methodologist#matching",
    "matching:network_accept": "methodologist#matching",
    "surveys": "curator#surveys",
    "surveys:survey_to_bank": "curator#banks",
    "surveys:region_library": "methodologist#surveys",
    "surveys:municipality_library": "methodologist#surveys",
    "surveys:overview": "methodologist#surveys",
    "monitoring": "curator#monitoring",
    "monitoring:municipality_dashboard": "methodologist#monitoring",
    "monitoring:municipality_report": "methodologist#monitoring",
    "monitoring:region_dashboard": "methodologist#monitoring",
    "monitoring:region_report": "methodologist#monitoring",
    "reports": "curator#report",
    "reports:report_review": "methodologist#reports",
    "reports:municipality_reports": "methodologist#reports",
    "reports:region_reports": "methodologist#reports",
    "practices": "curator#practices",
    "practices:nomination_list": "curator#awards",
    "practices:nomination_create": "curator#awards",
    "practices:nominations_order": "curator#awards",
    "practices:nomination_edit": "curator#awards",
    "practices:nomination_approve": "curator#awards",
    "practices:nomination_remove": "curator#awards",
    "practices:evidence_pack": "curator#awards",
    "practices:municipality_region_library": "methodologist#library",
    "practices:region_library": "methodologist#library",
    "api": "methodologist#api",
    "guide": "curator#start",
}

# Other roles: their own guide; "" is the section for a page their guide does not explain.
ROLE_SECTIONS: dict[str, dict[str, str]] = {
    Role.MENTOR: {
        "": "mentor#start",
        "mentorships": "mentor#pair",
        "mentorships:program_edit": "mentor#program",
        "mentorships:program_comment": "mentor#program",
        "mentorships:meeting_add": "mentor#meetings",
        "mentorships:calendar_mine": "mentor#calendar",
        "mentorships:calendar_feed_reset": "mentor#calendar",
        "mentorships:events_mine": "mentor#events",
        "mentorships:event_detail": "mentor#events",
        "mentorships:material_download": "mentor#events",
        "mentorships:report_edit": "mentor#report",
        "mentorships:analytical_note": "mentor#report",
        "mentorships:report_detail": "mentor#report",
        "surveys": "mentor#surveys",
        "practices": "mentor#library",
    },
    Role.MENTEE: {
        "": "mentee#start",
        "mentorships": "mentee#pair",
        "mentorships:program_comment": "mentee#pair",
        "mentorships:portfolio_add": "mentee#portfolio",
        "mentorships:portfolio_download": "mentee#portfolio",
        "mentorships:events_mine": "mentee#events",
        "mentorships:event_detail": "mentee#events",
        "mentorships:material_download": "mentee#events",
        "mentorships:report_edit": "mentee#report",
        "mentorships:report_detail": "mentee#report",
        "surveys": "mentee#surveys",
    },
    Role.MUNICIPAL_METHODOLOGIST: {
        "": "methodologist#start",
        "organizations": "methodologist#organizations",
        "monitoring": "methodologist#monitoring",
        "reports": "methodologist#reports",
        "practices": "methodologist#library",
        "surveys": "methodologist#surveys",
        "matching": "methodologist#matching",
        "banks": "methodologist#banks",
        "roadmaps": "methodologist#roadmaps",
        "documents": "methodologist#templates",
        "api": "methodologist#api",
    },
    Role.ADMIN: {
        "": "methodologist#admin",
        "accounts": "methodologist#users",
        "accounts:profile": "curator#start",
        "organizations": "methodologist#admin",
        "api": "methodologist#api",
    },
}
ROLE_SECTIONS[Role.REGIONAL_METHODOLOGIST] = ROLE_SECTIONS[Role.MUNICIPAL_METHODOLOGIST]

DEFAULT = "curator#start"


def _lookup(table: dict[str, str], name: str) -> str | None:
    if name in table:
        return table[name]
    namespace = name.rpartition(":")[0]
    return table.get(namespace) if namespace else None


def section_for(url_name: str | None, role: str | None = None) -> str:
    """ "<guide>#<anchor>" for the page with this full URL name, as the role reads it."""
    name = url_name or ""
    if role in ROLE_SECTIONS:
        table = ROLE_SECTIONS[role]
        return _lookup(table, name) or table[""]
    return _lookup(SECTIONS, name) or DEFAULT
