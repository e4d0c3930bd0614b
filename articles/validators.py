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

# A DOI is "10." and a registrant code, a slash, then a suffix without spaces
# (https://www.doi.org/the-identifier/resources/handbook/2_numbering): "10.1056/NEJMoa2034577".
doi_format = RegexValidator(
    r"^10\.\d+(?:\.\d+)*/\S+$",
    message="A DOI looks like 10.1056/NEJMoa2034577: “10.”, digits, a slash, then the rest, "
    "with no spaces and without https://doi.org/.",
    code="doi_format",
)

# A PubMed identifier is a number: "31553837".
pmid_format = RegexValidator(
    r"^\d{1,9}$", message="A PMID is a number of up to nine digits, such as 31553837.", code="pmid"
)
