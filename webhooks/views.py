"""Settings → webhooks: add one (its secret shown once), send a test event, read the delivery
log and redeliver. All writes go through heymilo.webhooks.services."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heymilo.accounts.access import dashboard_view
from heymilo.webhooks import selectors as webhook_selectors
from heymilo.webhooks import services as webhook_services
from heymilo.webhooks.models import EventType
from heymilo.webhooks.safety import UnsafeUrl
from postings.models import Posting

DELIVERIES_SHOWN = 50


class WebhookForm(forms.Form):
    posting = forms.ChoiceField(label="Posting")
    url = forms.URLField(label="Endpoint URL", max_length=2000, assume_scheme="https")
    event_type = forms.ChoiceField(label="Event", choices=EventType.choices)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        postings = workspace.postings.exclude(status=Posting.Status.ARCHIVED).order_by("title")
        self.fields["posting"].choices = [(p.public_id, p.title) for p in postings]


def webhook_for(request, webhook_id: str):
    return webhook_selectors.webhook_get(workspace=request.workspace, webhook_id=webhook_id)


@dashboard_view
def webhooks(request):
    form = WebhookForm(request.POST or None, workspace=request.workspace)
    raw_secret = created = None
    if request.method == "POST" and form.is_valid():
        posting = request.workspace.postings.get(public_id=form.cleaned_data["posting"])
        try:
            created, raw_secret = webhook_services.webhook_create(
                posting=posting,
                url=form.cleaned_data["url"],
                event_type=form.cleaned_data["event_type"],
            )
            form = WebhookForm(workspace=request.workspace)
        except UnsafeUrl as error:
            form.add_error("url", str(error))
    context = {
        "nav": "settings",
        "section": "webhooks",
        "form": form,
        "raw_secret": raw_secret,
        "created": created,
        "webhooks": webhook_selectors.webhook_list(workspace=request.workspace).order_by(
            "-created_at"
        ),
    }
    return render(request, "dashboard/settings/webhooks.html", context)


@dashboard_view
def webhook_detail(request, webhook_id: str):
    return webhook_page(request, webhook_for(request, webhook_id))


def webhook_page(request, webhook, **extra):
    """The webhook with its latest deliveries (and, after a rotation, the new secret once)."""
    deliveries = webhook_selectors.delivery_list(webhook=webhook).order_by("-created_at")
    context = {
        "nav": "settings",
        "section": "webhooks",
        "webhook": webhook,
        "deliveries": deliveries[:DELIVERIES_SHOWN],
        **extra,
    }
    return render(request, "dashboard/settings/webhook.html", context)


@require_POST
@dashboard_view
def webhook_test(request, webhook_id: str):
    webhook = webhook_for(request, webhook_id)
    webhook_services.webhook_send_test(webhook=webhook)
    messages.success(request, "A test event is on its way; its delivery is in the log below.")
    return redirect("settings-webhook", webhook_id=webhook.public_id)


@require_POST
@dashboard_view
def webhook_rotate(request, webhook_id: str):
    webhook = webhook_for(request, webhook_id)
    raw_secret = webhook_services.webhook_rotate_secret(webhook=webhook)
    return webhook_page(request, webhook, raw_secret=raw_secret)


@require_POST
@dashboard_view
def webhook_delete(request, webhook_id: str):
    webhook = webhook_for(request, webhook_id)
    webhook_services.webhook_delete(webhook=webhook)
    messages.success(request, "Webhook deleted.")
    return redirect("settings-webhooks")


@require_POST
@dashboard_view
def delivery_redeliver(request, webhook_id: str, delivery_id: str):
    webhook = webhook_for(request, webhook_id)
    delivery = webhook_selectors.delivery_get(webhook=webhook, delivery_id=delivery_id)
    try:
        webhook_services.delivery_redeliver(delivery=delivery)
        messages.success(request, f"Delivery {delivery.public_id} queued again.")
    except webhook_services.DeliveryConflict as error:
        messages.error(request, str(error))
    return redirect("settings-webhook", webhook_id=webhook.public_id)
