"""A token for an editor, a board member or a superuser needs their second factor's code as
well as the password: otherwise the API would be a way around it."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from editorial import messages, services
from editorial.models import ApiToken
from editorial.services.second_factor import WRONG_CODE

from ..signin import authenticator, current_code
from .conftest import assert_error_shape


def obtain(username: str, **extra: str):
    body = {"username": username, "password": "pw-imprimatur-test", "name": "laptop", **extra}
    return APIClient().post("/api/v1/auth/token/", body, format="json")


@pytest.fixture
def member(board):
    authenticator(board[0])
    return board[0]


def test_the_password_alone_gets_a_board_member_no_token(member):
    error = assert_error_shape(obtain("board1"), 401, "not_authenticated")
    assert error["message"] == messages.OTP_REQUIRED
    assert not ApiToken.objects.exists()


def test_with_the_current_code_the_token_is_issued(member):
    response = obtain("board1", otp=current_code(authenticator(member)))

    assert response.status_code == 201
    assert ApiToken.objects.get().user == member


def test_a_recovery_code_does_too_once(board):
    device = services.second_factor_start(person=board[1])
    code = services.second_factor_enrol(actor=board[1], device=device, code=current_code(device))[0]

    assert obtain("board2", otp=code).status_code == 201
    assert_error_shape(obtain("board2", otp=code), 401)


def test_a_wrong_code_is_refused_and_counts_toward_the_lockout(member):
    device = authenticator(member)
    wrong = f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"

    error = assert_error_shape(obtain("board1", otp=wrong), 401)
    assert error["message"] == WRONG_CODE
    for _ in range(4):
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
        last = obtain("board1", otp=wrong)

    assert_error_shape(last, 429, "locked_out")
    assert_error_shape(obtain("board1", otp=current_code(device)), 429, "locked_out")
    assert not ApiToken.objects.exists()


def test_without_a_second_factor_set_up_there_is_no_token_yet(editor):
    error = assert_error_shape(obtain("editor", otp="123456"), 401)
    assert error["message"] == messages.SECOND_FACTOR_NOT_SET_UP


def test_authors_need_no_code(author):
    assert obtain("author").status_code == 201
