from django.db.models import Prefetch
from django.urls import reverse, reverse_lazy

from governance.filters import PolicyFilter
from governance.forms import AcknowledgementRecordForm, PolicyForm, PolicyVersionForm
from governance.models import Acknowledgement, Policy, PolicyVersion
from governance.services.policies import (
    acknowledge_policy,
    acknowledgement_rates,
    approve_policy_version,
    create_policy,
    create_policy_version,
    record_acknowledgements,
    record_policy_review,
    update_policy,
    update_policy_version,
)
from isms.access import can
from isms.generic import (
    IsmsActionView,
    IsmsCreateView,
    IsmsDetailView,
    IsmsListView,
    IsmsObjectFormView,
    IsmsTemplateView,
    IsmsUpdateView,
)
from training.models import Person

VERSIONS = PolicyVersion.objects.select_related("approved_by", "created_by", "document")


class PolicyListView(IsmsListView):
    model = Policy
    queryset = Policy.objects.for_listing()
    filterset_class = PolicyFilter
    template_name = "governance/policy_list.html"
    partial_template_name = "governance/_policy_rows.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, may_add=can(self.request.user, "add", Policy))


class PolicyDetailView(IsmsDetailView):
    model = Policy
    queryset = Policy.objects.select_related("owner").prefetch_related(
        Prefetch("versions", queryset=VERSIONS))
    template_name = "governance/policy_detail.html"

    def _acknowledgements(self, current):
        if not current or not can(self.request.user, "view", Acknowledgement):
            return None, None
        acks = list(current.acknowledgements.select_related("person", "recorded_by"))
        done = {a.person_id for a in acks}
        missing = [p for p in Person.objects.active() if p.pk not in done]
        return acks, missing

    def get_context_data(self, **kwargs):
        user, policy = self.request.user, self.object
        versions = list(policy.versions.all())
        current = next((v for v in versions if v.status == PolicyVersion.Status.APPROVED), None)
        rates = acknowledgement_rates(versions)
        acks, missing = self._acknowledgements(current)
        return super().get_context_data(
            **kwargs, versions=[(v, rates.get(v.pk)) for v in versions], current=current,
            has_draft=any(v.is_draft for v in versions), acknowledgements=acks, missing=missing,
            may_change=can(user, "change", policy), may_review=current and can(user, "review", policy),
            may_add_version=can(user, "add", PolicyVersion),
            may_approve=can(user, "approve", PolicyVersion),
            may_record=can(user, "add", Acknowledgement),
        )


class PolicyCreateView(IsmsCreateView):
    model, form_class, service = Policy, PolicyForm, create_policy
    template_name = "governance/form.html"
    extra_context = {"heading": "New policy", "cancel_url": reverse_lazy("governance:policy-list")}
    success_message = "Policy added: now write its first version."

    def get_success_url(self) -> str:
        return reverse("governance:policyversion-create", args=[self.object.pk])


class PolicyUpdateView(IsmsUpdateView):
    model, form_class, service = Policy, PolicyForm, update_policy
    template_name = "governance/form.html"
    extra_context = {"heading": "Edit policy"}
    success_message = "Policy saved."

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class PolicyVersionCreateView(IsmsObjectFormView):
    model, permission_action, permission_model = Policy, "add", PolicyVersion
    form_class, service = PolicyVersionForm, create_policy_version
    template_name = "governance/policyversion_form.html"
    success_message = "Draft version saved."


class PolicyVersionUpdateView(IsmsObjectFormView):
    model, permission_action = PolicyVersion, "change"
    queryset = PolicyVersion.objects.drafts().select_related("policy")  # approved ones are frozen
    form_class, service = PolicyVersionForm, update_policy_version
    template_name = "governance/policyversion_form.html"
    success_message = "Draft version saved."

    def get_initial(self):
        return {"text": self.object.text, "change_summary": self.object.change_summary}


class PolicyReviewView(IsmsActionView):
    model, permission_action, service = Policy, "review", record_policy_review
    success_message = "Review recorded: the next review date moved on by one review interval."


class PolicyVersionApproveView(IsmsActionView):
    model, permission_action, service = PolicyVersion, "approve", approve_policy_version
    success_message = "Version approved: it is now in force and frozen."


class PolicyVersionAcknowledgeView(IsmsActionView):
    model, permission_action, service = PolicyVersion, "acknowledge", acknowledge_policy
    success_message = "Thank you: your acknowledgement is recorded."

    def get_success_url(self) -> str:
        return reverse("governance:my-policies")


class AcknowledgementRecordView(IsmsObjectFormView):
    model, permission_action, permission_model = PolicyVersion, "add", Acknowledgement
    queryset = PolicyVersion.objects.approved().select_related("policy")
    form_class, service = AcknowledgementRecordForm, record_acknowledgements
    template_name = "governance/acknowledgement_form.html"
    success_message = "Acknowledgements recorded."


class MyPoliciesView(IsmsTemplateView):
    permission_model = Policy
    template_name = "governance/my_policies.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        person = Person.objects.filter(user=user).first() if user.is_authenticated else None
        versions = PolicyVersion.objects.approved().select_related("policy", "document").order_by(
            "policy__kind", "policy__title")
        done = {}
        if person:
            done = dict(Acknowledgement.objects.filter(person=person).values_list(
                "version_id", "acknowledged_on"))
        rows = [(v, done.get(v.pk)) for v in versions]
        return super().get_context_data(
            **kwargs, person=person, rows=rows,
            may_acknowledge=person is not None and can(user, "acknowledge", PolicyVersion),
        )
