"""A member suggests a specialist, the director edits and approves it (or
says why not), and it is listed; the suggester hears of it, neutrally."""

import pytest
from django.core import mail
from django.urls import reverse

from notifications.models import Kind, Notification
from referrals.models import EntryRegion, ReferralEntry, Status
from tests.community import factories
from tests.referrals.helpers import entry, entry_post, specialty

pytestmark = pytest.mark.django_db
LIST = reverse("referrals:list")
SUGGEST = reverse("referrals:suggest")


def test_a_suggestion_is_approved_by_the_director_and_then_listed(client):
    suggester = factories.member(user__display_name="Dana R.")
    client.force_login(suggester)
    response = client.post(SUGGEST, entry_post())
    made = ReferralEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:detail", args=[made.pk])
    assert made.status == Status.PENDING
    assert made.suggested_by == suggester
    assert sorted(made.regions.values_list("region", flat=True)) == ["OR", "WA"]
    assert made.collaboration == ["calls", "letters"]

    page = client.get(response["Location"]).content.decode()
    assert "Waiting for the director's approval" in page
    listing = client.get(LIST).content.decode()
    assert "Your suggestions" in listing
    assert "0 specialists" in listing

    other = factories.member()
    client.force_login(other)
    assert client.get(reverse("referrals:detail", args=[made.pk])).status_code == 404
    assert "Dr. Ana Ruiz" not in client.get(LIST).content.decode()

    director = factories.director()
    client.force_login(director)
    queue = client.get(reverse("referrals:review")).content.decode()
    assert "Dr. Ana Ruiz, MD" in queue
    review = reverse("referrals:review-entry", args=[made.pk])
    response = client.post(
        review, entry_post(name="Dr. Ana Ruiz, MD, PhD", action="approve")
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.status, made.name, made.reviewed_by) == (
        Status.APPROVED,
        "Dr. Ana Ruiz, MD, PhD",
        director,
    )

    client.force_login(other)
    listing = client.get(
        LIST, {"specialty": "ketamine-assisted-therapy", "state": "OR"}
    )
    assert "Dr. Ana Ruiz, MD, PhD" in listing.content.decode()

    note = Notification.objects.get(user=suggester)
    assert note.kind == Kind.REFERRAL
    assert note.url == reverse("referrals:detail", args=[made.pk])
    (message,) = mail.outbox
    assert message.to == [suggester.email]
    assert reverse("referrals:detail", args=[made.pk]) in message.body
    for typed in ("Ruiz", "Aetna", "medication"):
        assert typed not in message.subject + message.body


def test_the_director_saves_an_edit_without_approving(client):
    made = entry(approved=False)
    client.force_login(factories.director())
    review = reverse("referrals:review-entry", args=[made.pk])
    response = client.post(
        review, entry_post(regions=["CA"], name="Dr. A. Ruiz", action="save")
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == Status.PENDING
    assert list(made.regions.values_list("region", flat=True)) == ["CA"]


def test_a_refusal_needs_a_reason_which_the_suggester_reads_on_the_site(client):
    suggester = factories.member()
    made = entry(approved=False, suggested_by=suggester)
    client.force_login(factories.director())
    reject = reverse("referrals:reject", args=[made.pk])
    response = client.post(reject, {"reason": ""})
    assert response.status_code == 400
    assert ReferralEntry.objects.get().status == Status.PENDING
    response = client.post(reject, {"reason": "Not licensed in any state we cover."})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == Status.REJECTED
    (message,) = mail.outbox
    assert "Not licensed" not in message.body + message.subject

    client.force_login(suggester)
    listing = client.get(LIST).content.decode()
    assert "Not licensed in any state we cover." in listing
    assert "0 specialists" in listing
    # A decided entry cannot be decided again.
    client.force_login(factories.director())
    again = client.post(reverse("referrals:review-entry", args=[made.pk]), {})
    assert again.status_code == 404


def test_a_second_approval_finds_the_entry_decided(client):
    from django.core.exceptions import ValidationError

    from referrals import services

    made = entry()
    with pytest.raises(ValidationError):
        services.entry_approve(entry=made, director=factories.director())


def test_nothing_is_stored_half_way_when_a_state_is_unknown(client):
    from django.core.exceptions import ValidationError

    from referrals import services

    with pytest.raises(ValidationError):
        services.entry_suggest(
            suggested_by=factories.member(),
            specialties=[specialty("tms")],
            regions=["ZZ"],
            name="Dr. Lee",
            telehealth=True,
        )
    assert not ReferralEntry.objects.exists()
    assert not EntryRegion.objects.exists()


def test_the_director_is_shown_an_entry_already_listed_under_the_same_name(client):
    # From the QA pass: a second "Dr. Ana Ruiz" reached the queue unremarked.
    listed = entry(name="Dr. Ana Ruiz, MD")
    entry(name="Dr. Ben Okoro")
    again = entry(name="Ana Ruiz", approved=False)
    client.force_login(factories.director())
    page = client.get(reverse("referrals:review-entry", args=[again.pk])).text
    assert "Perhaps already listed" in page
    assert reverse("referrals:detail", args=[listed.pk]) in page
    assert "Ben Okoro" not in page


def test_the_director_keeps_a_listed_entry_up_to_date_and_members_cannot(client):
    listed = entry(name="Dr. Ana Ruiz, MD", typical_wait="week")
    url = reverse("referrals:review-entry", args=[listed.pk])
    client.force_login(factories.member())
    assert client.get(url).status_code == 403
    director = factories.director()
    client.force_login(director)
    detail = client.get(reverse("referrals:detail", args=[listed.pk])).text
    assert "Edit this entry" in detail
    page = client.get(url).text
    assert "Save changes" in page and "Do not add" not in page
    response = client.post(
        url,
        entry_post(name="Dr. Ana Ruiz, MD", typical_wait="quarter")
        | {"action": "save"},
    )
    assert response.status_code == 302
    listed.refresh_from_db()
    assert listed.typical_wait == "quarter" and listed.status == Status.APPROVED
