"""Settings → webhooks: add one (its secret shown once), send a test event, read the delivery
log and redeliver. All writes go through webhooks.services."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from heymilo.accounts.access import dashboard_view
from heymilo.dashboard import reported
from webhooks import selectors as webhook_selectors
from webhooks import services as webhook_services
from webhooks.forms import WebhookForm

DELIVERIES_SHOWN = 50


def webhook_for(request, webhook_id: str):
    return webhook_selectors.webhook_get(workspace=request.workspace, webhook_id=webhook_id)


@dashboard_view
def webhooks(request):
    form = WebhookForm(request.POST or None, workspace=request.workspace)
    raw_secret = created = None
    if request.method == "POST" and form.is_valid():
        posting = request.workspace.postings.get(public_id=form.cleaned_data["posting"])
        with reported(request, form):
            created, raw_secret = webhook_services.webhook_create(
                posting=posting,
                url=form.cleaned_data["url"],
                event_type=form.cleaned_data["event_type"],
            )
            form = WebhookForm(workspace=request.workspace)
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
    with reported(request):
        webhook_services.delivery_redeliver(delivery=delivery)
        messages.success(request, f"Delivery {delivery.public_id} queued again.")
    return redirect("settings-webhook", webhook_id=webhook.public_id)
