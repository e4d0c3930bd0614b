"""The article page's schema.org MedicalWebPage JSON-LD."""

from __future__ import annotations

import json
import re

from editorial import services

from ..factories import SpecialtyFactory
from .conftest import marked_content

LD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def _json_ld(page: str) -> dict:
    blocks = LD_RE.findall(page)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_json_ld_is_a_medical_web_page_with_review_and_citations(workflow, client, reviewers):
    revision = workflow.published()
    article = revision.article
    article.refresh_from_db()

    data = _json_ld(client.get(f"/articles/{article.slug}/").content.decode())

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == revision.title
    assert data["lastReviewed"] == article.last_reviewed_on.isoformat()
    names = [person["name"] for person in data["reviewedBy"]]
    assert reviewers[0].display_name in names
    assert reviewers[1].display_name in names
    assert all(person["@type"] == "Person" for person in data["reviewedBy"])
    assert [c["name"] for c in data["citation"]] == [
        "Clinical guideline number 1",
        "Clinical guideline number 2",
    ]
    assert data["citation"][0]["url"] == "https://doi.org/10.1000/example.1"
    assert data["citation"][0]["@id"].endswith("#ref-1")


def test_json_ld_survives_a_title_that_tries_to_close_the_script(workflow, client, author):
    from editorial import services

    revision = workflow.draft(slug="tricky")
    content = marked_content("x")
    content["title"] = 'Salt </script><script>alert("pwned")</script> & sodium'
    services.revision_edit(revision=revision, actor=author, **content)
    workflow.published(services.revision_submit(revision=revision, actor=author))

    page = client.get("/articles/tricky/").content.decode()

    assert _json_ld(page)["name"] == content["title"]
    assert '<script>alert("pwned")' not in page


# The schema.org types the page uses, with the properties each has (its own and inherited
# ones, from schema.org) and those the page always gives it.
THING = {"@id", "@type", "name", "url", "description", "sameAs"}
CREATIVE_WORK = THING | {"headline", "inLanguage", "datePublished", "dateModified", "author",
                         "publisher", "about", "audience", "citation"}  # fmt: skip
PAGE_GIVES = {"name", "url", "datePublished", "dateModified", "lastReviewed", "reviewedBy",
              "author", "publisher", "about", "specialty", "citation"}  # fmt: skip
TYPES = {
    "MedicalWebPage": (
        CREATIVE_WORK | {"@context", "lastReviewed", "reviewedBy", "specialty"},
        PAGE_GIVES,
    ),
    "Organization": (THING, {"name"}),
    "Person": (THING | {"honorificSuffix", "jobTitle", "affiliation", "knowsAbout"}, {"name"}),
    "ProfilePage": (CREATIVE_WORK | {"@context", "mainEntity"}, {"url", "mainEntity"}),
    "CreativeWork": (CREATIVE_WORK, {"name"}),
    "MedicalSpecialty": (THING, {"name"}),
    "Thing": (THING, {"name"}),
    "MedicalAudience": (THING | {"audienceType"}, {"audienceType"}),
}


def schema_problems(node, where: str = "") -> list[str]:
    """Each node of an unknown type, with a property its type does not have, or without one
    the page always gives it."""
    if isinstance(node, list):
        return [p for i, item in enumerate(node) for p in schema_problems(item, f"{where}[{i}]")]
    if not isinstance(node, dict):
        return []
    problems = []
    kind = node.get("@type")
    if kind not in TYPES:
        problems.append(f"{where or 'the page'}: unknown @type {kind!r}")
    else:
        allowed, required = TYPES[kind]
        problems += [f"{where}: {kind} has no {p}" for p in sorted(set(node) - allowed)]
        problems += [f"{where}: {kind} without {p}" for p in sorted(required - set(node))]
    for key, value in node.items():
        if isinstance(value, dict | list):
            problems += schema_problems(value, f"{where}.{key}")
    return problems


def test_json_ld_gives_every_node_a_schema_org_type_and_its_properties(workflow, client, reviewers):
    # One reviewer shows a public profile, with every detail: linked, with their ORCID iD.
    person = reviewers[0].user
    profile = services.public_profile_update(
        actor=person,
        person=person,
        consent=True,
        affiliation="Royal Infirmary",
        orcid="0000-0002-1825-0097",
    )
    revision = workflow.published()

    data = _json_ld(client.get(f"/articles/{revision.article.slug}/").content.decode())
    profile_page = _json_ld(client.get(f"/reviewers/{profile.slug}/").content.decode())

    assert schema_problems(data) == []
    assert schema_problems(profile_page) == []
    assert {"url", "sameAs"} <= set(data["reviewedBy"][2])


def test_json_ld_names_the_publisher_from_the_settings_as_publisher_and_author(
    workflow, client, settings
):
    settings.PUBLISHER = {"NAME": "Northshire Health Trust", "URL": "https://health.example.org"}
    revision = workflow.published()

    data = _json_ld(client.get(f"/articles/{revision.article.slug}/").content.decode())

    publisher = {
        "@type": "Organization",
        "name": "Northshire Health Trust",
        "url": "https://health.example.org",
    }
    assert data["publisher"] == publisher
    assert data["author"] == publisher


def test_json_ld_publisher_without_a_url_of_its_own_is_at_the_site_url(workflow, client, settings):
    settings.PUBLISHER = {"NAME": "Imprimatur Health", "URL": ""}
    settings.SITE_URL = "https://imprimatur.example.org"
    revision = workflow.published()

    data = _json_ld(client.get(f"/articles/{revision.article.slug}/").content.decode())

    assert data["publisher"]["url"] == "https://imprimatur.example.org"


def test_json_ld_is_about_the_specialty_as_schema_org_knows_it(workflow, client):
    revision = workflow.published()

    data = _json_ld(client.get(f"/articles/{revision.article.slug}/").content.decode())

    cardiology = {
        "@type": "MedicalSpecialty",
        "@id": "https://schema.org/Cardiovascular",
        "name": "Cardiology",
    }
    assert data["about"] == cardiology
    assert data["specialty"] == cardiology


def test_json_ld_is_about_a_specialty_schema_org_does_not_list_by_its_name(workflow, client):
    workflow.specialty = SpecialtyFactory(name="Sleep medicine", slug="sleep-medicine")
    revision = workflow.published()

    data = _json_ld(client.get(f"/articles/{revision.article.slug}/").content.decode())

    assert data["about"] == {"@type": "Thing", "name": "Sleep medicine"}
    assert data["specialty"] == {"@type": "MedicalSpecialty", "name": "Sleep medicine"}


def test_json_ld_has_a_medical_audience_for_each_audience_summary(workflow, client, author):
    from editorial import services

    only_patients = workflow.published()
    every = workflow.draft(slug="every-audience")
    services.revision_edit(revision=every, actor=author, **marked_content("x"))
    workflow.published(services.revision_submit(revision=every, actor=author))

    for_patients = _json_ld(client.get(f"/articles/{only_patients.article.slug}/").content.decode())
    for_all = _json_ld(client.get("/articles/every-audience/").content.decode())

    assert for_patients["audience"] == [
        {"@type": "MedicalAudience", "audienceType": "Patient",
         "name": "People who have the condition"},
    ]  # fmt: skip
    assert [a["audienceType"] for a in for_all["audience"]] == ["Patient", "Caregiver", "Clinician"]
    assert {a["@type"] for a in for_all["audience"]} == {"MedicalAudience"}


def test_json_ld_citation_publisher_is_an_organization(workflow, client, author):
    from editorial import services

    revision = workflow.draft(slug="cited")
    services.revision_edit(revision=revision, actor=author, **marked_content("x"))
    workflow.published(services.revision_submit(revision=revision, actor=author))

    data = _json_ld(client.get("/articles/cited/").content.decode())

    assert [c["publisher"] for c in data["citation"]] == [
        {"@type": "Organization", "name": "Journal x"},
        {"@type": "Organization", "name": "Journal x"},
    ]
