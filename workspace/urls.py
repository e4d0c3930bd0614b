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
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/<int:pk>/invitation/", views.review_invitation, name="review_invitation"),
    path("reviews/<int:pk>/review/", views.review, name="review"),
    path("reviews/<int:pk>/review/draft/", views.review_draft, name="review_draft"),
    path("reviews/<int:pk>/review/confirm/", views.review_confirm, name="review_confirm"),
    path("reviews/<int:pk>/done/", views.review_done, name="review_done"),
    path("profile/", views.public_profile, name="profile"),
    path("link/<str:token>/", views.link_open, name="link"),
    path("link/<str:token>/ask/", views.link_ask_new, name="link_ask_new"),
]
