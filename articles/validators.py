"""Checks on single values, shared by the models and the API's input."""

from django.core.validators import RegexValidator

# A title, a name or a source is one line: a line break in one would reach e-mail subjects
# (where Django refuses to send it) and page headings.
single_line = RegexValidator(
    r"[\x00-\x1f\x7f]",
    inverse_match=True,
    message="Use one line of text: no line breaks, tabs or other control characters.",
    code="control_characters",
)
