from django.urls import path, re_path

from documents.reports import views

app_name = "reports"
urlpatterns = [
    path("sessions/<path:code>/report.<str:language>.docx", views.session_report, name="session_report"),
    path(
        "sessions/<path:code>/report.<str:language>.pdf",
        views.session_report,
        {"file_format": "pdf"},
        name="session_report_pdf",
    ),
    path("sessions/<path:code>/draft-report/", views.report_page, name="report"),
    path("sessions/<path:code>/texts-adopted/<int:pk>.<str:language>.akn.xml", views.decision_akn, name="decision_akn"),
    path("sessions/<path:code>/draft-report/paragraphs/<int:pk>/", views.edit_paragraph_view, name="edit_paragraph"),
    path(
        "sessions/<path:code>/draft-report/recommendations/<int:pk>/",
        views.edit_paragraph_view,
        {"recommendation": True},
        name="edit_recommendation",
    ),
    path("sessions/<path:code>/draft-report/paragraphs/<int:pk>/comments/", views.comment_view, name="comment"),
    path(
        "sessions/<path:code>/draft-report/paragraphs/<int:pk>/comments.html",
        views.paragraph_comments,
        name="paragraph_comments",
    ),
    path("sessions/<path:code>/draft-report/comments/<int:pk>/", views.resolve_comment_view, name="resolve_comment"),
    path("sessions/<path:code>/draft-report/sections/", views.section_structure_view, name="add_section"),
    path("sessions/<path:code>/draft-report/sections/<int:pk>/title/", views.section_title_view, name="section_title"),
    re_path(
        r"^sessions/(?P<code>.+)/draft-report/sections/(?P<pk>\d+)/(?P<action>add|subsection|remove)/$",
        views.section_structure_view,
        name="section_structure",
    ),
    path(
        "sessions/<path:code>/draft-report/sections/<int:pk>/paragraphs/",
        views.section_add_paragraph_view,
        name="section_add_paragraph",
    ),
    path(
        "sessions/<path:code>/draft-report/paragraphs/<int:pk>/history/",
        views.paragraph_history,
        name="paragraph_history",
    ),
    path(
        "sessions/<path:code>/draft-report/recommendations/<int:pk>/history/",
        views.paragraph_history,
        {"recommendation": True},
        name="recommendation_history",
    ),
    path("sessions/<path:code>/draft-report/changes/", views.draft_changes, name="draft_changes"),
    path("sessions/<path:code>/draft-report/symbol/", views.symbol_view, name="symbol"),
    path("sessions/<path:code>/draft-report/volume/", views.volume_view, name="volume"),
    path("sessions/<path:code>/draft-report/texts/", views.add_text_view, name="add_text"),
    re_path(
        r"^sessions/(?P<code>.+)/draft-report/texts/(?P<pk>\d+)/(?P<kind>preambular|operative)/$",
        views.add_text_paragraph_view,
        name="add_text_paragraph",
    ),
    path(
        "sessions/<path:code>/draft-report/recommendations/<int:pk>/remove/",
        views.remove_text_paragraph_view,
        name="remove_text_paragraph",
    ),
    path("sessions/<path:code>/draft-report/review/", views.review_view, name="review"),
    path("sessions/<path:code>/draft-report/import/", views.import_word_view, name="import_word"),
    path("sessions/<path:code>/draft-report/import/<int:pk>/", views.word_import_page, name="word_import"),
    path("sessions/<path:code>/draft-report/comments.<str:kind>", views.comments_download, name="comments_download"),
    path("sessions/<path:code>/draft-report/waivers/", views.waive_view, name="waive"),
    path(
        "sessions/<path:code>/draft-report/waivers/<int:pk>/withdraw/",
        views.withdraw_waiver_view,
        name="withdraw_waiver",
    ),
    path("sessions/<path:code>/draft-report/<str:action>/", views.report_action_view, name="report_action"),
    re_path(
        r"^sessions/(?P<code>.+)/draft-report/paragraphs/(?P<pk>\d+)/(?P<action>add|remove|up|down)/$",
        views.paragraph_structure_view,
        name="paragraph_structure",
    ),
    path(
        "sessions/<path:code>/archive/v<int:version>.<str:language>.docx",
        views.archived_report,
        {"file_format": "docx"},
        name="archived_report",
    ),
    path(
        "sessions/<path:code>/archive/v<int:version>.<str:language>.pdf",
        views.archived_report,
        {"file_format": "pdf"},
        name="archived_report_pdf",
    ),
    path(
        "sessions/<path:code>/archive/v<int:version>.<str:language>.akn.xml",
        views.archived_report,
        {"file_format": "akn"},
        name="archived_report_akn",
    ),
]
