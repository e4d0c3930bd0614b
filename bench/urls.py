from django.urls import path

from config.urls import urlpatterns as app_urlpatterns

from . import baseline

urlpatterns = [
    path("bare/detail/", baseline.detail),
    path("bare/list/", baseline.listing),
    path("bare/page/", baseline.page),
    path("bare/revalidate/", baseline.revalidate),
    path("bare/read/", baseline.read),
    *app_urlpatterns,
]
