from django.urls import path

from . import signin, views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", signin.WorkspaceSignIn.as_view(), name="sign_in"),
    path("sign-out/", signin.sign_out, name="sign_out"),
    path("articles/new/", views.article_new, name="article_new"),
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("articles/<slug:slug>/next/", views.article_next, name="article_next"),
    path("revisions/<int:pk>/edit/", views.revision_edit, name="revision_edit"),
    path("revisions/<int:pk>/preview/", views.revision_preview, name="revision_preview"),
    path("revisions/<int:pk>/submit/", views.revision_submit, name="revision_submit"),
    path("revisions/<int:pk>/withdraw/", views.revision_withdraw, name="revision_withdraw"),
]
