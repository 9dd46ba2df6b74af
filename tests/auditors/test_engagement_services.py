"""Engagement services refuse what the views would refuse, whoever calls them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from auditors.services import (
    create_engagement,
    end_engagement,
    invite_auditor,
    update_engagement,
)
from tests import factories


@pytest.mark.django_db
def test_engagement_end_refuses_an_auditor(auditor):
    engagement = auditor.audit_engagements.get()
    with pytest.raises(PermissionDenied):
        end_engagement(engagement, acting_user=auditor)
    engagement.refresh_from_db()
    assert engagement.ended_at is None


@pytest.mark.django_db
def test_engagement_create_refuses_an_engineer(engineer):
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        create_engagement(acting_user=engineer, name="x", audit_firm="y", start_date=today, end_date=today)


@pytest.mark.django_db
def test_engagement_end_twice_is_refused(officer):
    engagement = factories.AuditEngagementFactory()
    end_engagement(engagement, acting_user=officer)
    with pytest.raises(ValidationError):
        end_engagement(engagement, acting_user=officer)


@pytest.mark.django_db
def test_ended_engagement_no_longer_changes_or_invites(officer):
    engagement = factories.AuditEngagementFactory()
    end_engagement(engagement, acting_user=officer)
    with pytest.raises(ValidationError):
        update_engagement(acting_user=officer, engagement=engagement, name="Renamed")
    with pytest.raises(ValidationError):
        invite_auditor(acting_user=officer, engagement=engagement, email="x@example.org",
                                  base_url="http://testserver/")
    assert not engagement.auditors.exists()


@pytest.mark.django_db
def test_invite_refuses_an_auditor_on_behalf_of_another_auditor(auditor):
    engagement = auditor.audit_engagements.get()
    with pytest.raises(PermissionDenied):
        invite_auditor(acting_user=auditor, engagement=engagement, email="friend@example.org",
                                  base_url="http://testserver/")
