"""A page whose query outlasts the statement timeout, for the tests of what that costs."""

from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import path


def slow(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 50")
        cursor.execute("SELECT pg_sleep(5)")
    return HttpResponse("finished")


urlpatterns = [path("api/v1/slow/", slow), path("articles/slow/", slow)]
