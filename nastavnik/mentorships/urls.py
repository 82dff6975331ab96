from django.urls import path

from nastavnik.mentorships import views, views_calendar, views_completion, views_events

app_name = "mentorships"
urlpatterns = [
    path(
        "organizations/<int:organization_pk>/mentorships/",
        views.mentorship_list,
        name="mentorship_list",
    ),
    path(
        "organizations/<int:organization_pk>/mentorships/new/",
        views.mentorship_create,
        name="mentorship_create",
    ),
    path("mentorships/mine/", views.my_mentorships, name="mine"),
    path("calendar/", views_calendar.calendar_mine, name="calendar_mine"),
    path(
        "organizations/<int:organization_pk>/calendar/",
        views_calendar.calendar_organization,
        name="calendar_organization",
    ),
    path("calendar/feed/reset/", views_calendar.calendar_feed_reset, name="calendar_feed_reset"),
    path("calendar/feed/<str:token>.ics", views_calendar.calendar_feed, name="calendar_feed"),
    path("mentorships/<int:mentorship_pk>/", views.mentorship_detail, name="mentorship_detail"),
    path("mentorships/<int:mentorship_pk>/program/", views.program_edit, name="program_edit"),
    path(
        "mentorships/<int:mentorship_pk>/program/approve/",
        views.program_approve,
        name="program_approve",
    ),
    path(
        "mentorships/<int:mentorship_pk>/program/comments/",
        views.program_comment,
        name="program_comment",
    ),
    path("mentorships/<int:mentorship_pk>/meetings/new/", views.meeting_add, name="meeting_add"),
    path(
        "mentorships/<int:mentorship_pk>/portfolio/new/", views.portfolio_add, name="portfolio_add"
    ),
    path(
        "mentorships/portfolio/<int:item_pk>/file/",
        views.portfolio_download,
        name="portfolio_download",
    ),
    path("mentorships/<int:mentorship_pk>/end/", views.mentorship_end, name="mentorship_end"),
    path(
        "mentorships/<int:mentorship_pk>/complete/",
        views.mentorship_complete,
        name="mentorship_complete",
    ),
]

urlpatterns += [
    path("organizations/<int:organization_pk>/events/", views_events.event_list, name="event_list"),
    path(
        "organizations/<int:organization_pk>/events/new/",
        views_events.event_create,
        name="event_create",
    ),
    path("events/mine/", views_events.events_mine, name="events_mine"),
    path("events/<int:event_pk>/", views_events.event_detail, name="event_detail"),
    path("events/<int:event_pk>/edit/", views_events.event_edit, name="event_edit"),
    path("events/<int:event_pk>/held/", views_events.event_held, name="event_held"),
    path("events/<int:event_pk>/materials/new/", views_events.material_add, name="material_add"),
    path(
        "events/materials/<int:material_pk>/file/",
        views_events.material_download,
        name="material_download",
    ),
    path(
        "events/materials/<int:material_pk>/remove/",
        views_events.material_remove,
        name="material_remove",
    ),
]

urlpatterns += [
    path(
        "organizations/<int:organization_pk>/participant-reports/",
        views_completion.report_list,
        name="report_list",
    ),
    path(
        "mentorships/<int:mentorship_pk>/report/", views_completion.report_edit, name="report_edit"
    ),
    path(
        "mentorships/<int:mentorship_pk>/analytical-note/",
        views_completion.analytical_note,
        name="analytical_note",
    ),
    path(
        "mentorships/reports/<int:report_pk>/", views_completion.report_detail, name="report_detail"
    ),
    path(
        "mentorships/reports/<int:report_pk>/return/",
        views_completion.report_return,
        name="report_return",
    ),
]
