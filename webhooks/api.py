from drf_spectacular.utils import OpenApiParameter, extend_schema

from heymilo.api.schema import (
    CONFLICT,
    INVALID,
    NOT_FOUND,
    PAGE_PARAMETERS,
    envelope,
    list_envelope,
    responses,
)
from heymilo.api.views import ApiView, choice_param, paginated, single, validated
from postings.selectors import posting_get
from webhooks import selectors, services
from webhooks.models import WebhookDelivery
from webhooks.serializers import (
    DeliveryOut,
    RotateSecretIn,
    WebhookCreatedOut,
    WebhookDeletedOut,
    WebhookIn,
    WebhookOut,
)

WebhookEnvelope = envelope("WebhookEnvelope", WebhookOut(), "webhook")
WebhookCreatedEnvelope = envelope("WebhookCreatedEnvelope", WebhookCreatedOut(), "webhook")
WebhookList = list_envelope("WebhookList", WebhookOut(many=True))
WebhookDeletedEnvelope = envelope("WebhookDeletedEnvelope", WebhookDeletedOut(), "webhook")
DeliveryEnvelope = envelope("WebhookDeliveryEnvelope", DeliveryOut(), "webhook_delivery")
DeliveryList = list_envelope("WebhookDeliveryList", DeliveryOut(many=True))


def with_secret(webhook, raw_secret: str) -> dict:
    body = WebhookOut(webhook).data
    body["secret"] = raw_secret
    return body


class WebhookListCreateApi(ApiView):
    @extend_schema(
        operation_id="webhooks_list",
        parameters=[*PAGE_PARAMETERS, OpenApiParameter("posting_id", str)],
        responses=responses({200: WebhookList}, INVALID),
    )
    def get(self, request):
        posting_id = request.query_params.get("posting_id")
        webhooks = selectors.webhook_list(workspace=self.workspace, posting_id=posting_id)
        return paginated(webhooks, request, WebhookOut, url="/v4/webhooks")

    @extend_schema(
        operation_id="webhooks_create",
        request=WebhookIn,
        responses=responses({201: WebhookCreatedEnvelope}, NOT_FOUND, INVALID),
        description="`secret` signs every delivery and is shown only in this response. "
        "The URL must be http(s) to a public address (no loopback, private, link-local or "
        "metadata address) unless the server sets WEBHOOKS_ALLOW_PRIVATE_URLS.",
    )
    def post(self, request):
        data = validated(WebhookIn, request.data)
        posting = posting_get(workspace=self.workspace, posting_id=data["posting_id"])
        webhook, raw_secret = services.webhook_create(
            posting=posting, url=data["url"], event_type=data["event_type"]
        )
        return single("webhook", with_secret(webhook, raw_secret), status=201)


class WebhookDetailApi(ApiView):
    @extend_schema(
        operation_id="webhooks_retrieve", responses=responses({200: WebhookEnvelope}, NOT_FOUND)
    )
    def get(self, request, webhook_id):
        webhook = selectors.webhook_get(workspace=self.workspace, webhook_id=webhook_id)
        return single("webhook", WebhookOut(webhook).data)

    @extend_schema(
        operation_id="webhooks_delete",
        responses=responses({200: WebhookDeletedEnvelope}, NOT_FOUND),
    )
    def delete(self, request, webhook_id):
        webhook = selectors.webhook_get(workspace=self.workspace, webhook_id=webhook_id)
        services.webhook_delete(webhook=webhook)
        return single("webhook", {"object": "webhook", "id": webhook_id, "deleted": True})


class WebhookRotateSecretApi(ApiView):
    @extend_schema(
        operation_id="webhooks_rotate_secret",
        request=RotateSecretIn,
        responses=responses({200: WebhookCreatedEnvelope}, NOT_FOUND, INVALID),
        description="A new signing secret, shown only in this response.",
    )
    def post(self, request, webhook_id):
        webhook = selectors.webhook_get(workspace=self.workspace, webhook_id=webhook_id)
        grace = validated(RotateSecretIn, request.data or {})["grace_period_seconds"]
        raw_secret = services.webhook_rotate_secret(webhook=webhook, grace_period_seconds=grace)
        return single("webhook", with_secret(webhook, raw_secret))


class WebhookEnableApi(ApiView):
    @extend_schema(
        operation_id="webhooks_enable",
        request=None,
        responses=responses({200: WebhookEnvelope}, NOT_FOUND),
        description="Re-activate a webhook that was disabled after failing for days.",
    )
    def post(self, request, webhook_id):
        webhook = selectors.webhook_get(workspace=self.workspace, webhook_id=webhook_id)
        return single("webhook", WebhookOut(services.webhook_enable(webhook=webhook)).data)


class WebhookTestApi(ApiView):
    @extend_schema(
        operation_id="webhooks_test",
        request=None,
        responses=responses({202: DeliveryEnvelope}, NOT_FOUND),
        description="Queue a signed test event (`data.test` is true) to this webhook only; "
        "follow it in the deliveries list.",
    )
    def post(self, request, webhook_id):
        webhook = selectors.webhook_get(workspace=self.workspace, webhook_id=webhook_id)
        delivery = services.webhook_send_test(webhook=webhook)
        delivery = selectors.delivery_get(webhook=webhook, delivery_id=delivery.public_id)
        return single("webhook_delivery", DeliveryOut(delivery).data, status=202)


class WebhookDeliveryListApi(ApiView):
    @extend_schema(
        operation_id="webhooks_deliveries_list",
        parameters=[
            *PAGE_PARAMETERS,
            OpenApiParameter("status", str, enum=WebhookDelivery.Status.values),
        ],
        responses=responses({200: DeliveryList}, NOT_FOUND, INVALID),
        description="Oldest first; each delivery lists every attempt.",
    )
    def get(self, request, webhook_id):
        webhook = selectors.webhook_get(workspace=self.workspace, webhook_id=webhook_id)
        status = choice_param(request.query_params, "status", WebhookDelivery.Status.values)
        deliveries = selectors.delivery_list(webhook=webhook, status=status)
        return paginated(
            deliveries, request, DeliveryOut, url=f"/v4/webhooks/{webhook.public_id}/deliveries"
        )


class WebhookDeliveryDetailApi(ApiView):
    @extend_schema(
        operation_id="webhooks_deliveries_retrieve",
        responses=responses({200: DeliveryEnvelope}, NOT_FOUND),
    )
    def get(self, request, webhook_id, delivery_id):
        webhook = selectors.webhook_get(workspace=self.workspace, webhook_id=webhook_id)
        delivery = selectors.delivery_get(webhook=webhook, delivery_id=delivery_id)
        return single("webhook_delivery", DeliveryOut(delivery).data)


class WebhookRedeliverApi(ApiView):
    @extend_schema(
        operation_id="webhooks_deliveries_redeliver",
        request=None,
        responses=responses({202: DeliveryEnvelope}, NOT_FOUND, CONFLICT),
        description="Send the same event (same id and body) again; the attempt is logged "
        "on the delivery. 409 while an attempt is in flight or the webhook is disabled.",
    )
    def post(self, request, webhook_id, delivery_id):
        webhook = selectors.webhook_get(workspace=self.workspace, webhook_id=webhook_id)
        delivery = selectors.delivery_get(webhook=webhook, delivery_id=delivery_id)
        services.delivery_redeliver(delivery=delivery)
        delivery = selectors.delivery_get(webhook=webhook, delivery_id=delivery_id)
        return single("webhook_delivery", DeliveryOut(delivery).data, status=202)
