from drf_spectacular.utils import OpenApiParameter, extend_schema

from heymilo.api.schema import (
    INVALID,
    NOT_FOUND,
    PAGE_PARAMETERS,
    QUERY_INVALID,
    conflict,
    conflict_example,
    envelope,
    invalid,
    list_envelope,
    responses,
    validation_example,
)
from heymilo.api.views import ApiView, choice_param, paginated, single, validated
from postings.selectors import posting_get
from webhooks import examples, selectors, services
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
        tags=["webhooks"],
        summary="List webhooks",
        description="Your workspace's webhooks, oldest first, active or disabled (see "
        "`is_active` and `disabled_reason`); `posting_id` keeps one posting's. Secrets are "
        "never listed. Paginated with `limit` and `starting_after`.",
        parameters=[
            *PAGE_PARAMETERS,
            OpenApiParameter("posting_id", str, description="Only this posting's webhooks."),
        ],
        responses=responses({200: WebhookList}, QUERY_INVALID),
        examples=examples.WEBHOOKS_LIST,
    )
    def get(self, request):
        posting_id = request.query_params.get("posting_id")
        webhooks = selectors.webhook_list(workspace=self.workspace, posting_id=posting_id)
        return paginated(webhooks, request, WebhookOut, url="/v4/webhooks")

    @extend_schema(
        operation_id="webhooks_create",
        tags=["webhooks"],
        summary="Register a webhook",
        description="Sends one event type of one posting to your URL as a signed `POST`: "
        "`candidate_ingested` (a new interview: API, bulk, async or intake), "
        "`interview_started`, `interview_completed`, or `report_available` (scores stored and "
        "recordings ready; its data is the body of `GET /interviews/{interview_id}/data`). "
        "Register several webhooks for several types. The URL goes in `url` (or `webhook_url`, "
        "HeyMilo v2's name).\n\n"
        "`secret` signs every delivery (`X-HeyMilo-Signature`) and is shown only in this "
        "response: store it. The URL must be http(s) to a public address (no loopback, "
        "private, link-local or metadata address) unless the server sets "
        "WEBHOOKS_ALLOW_PRIVATE_URLS; otherwise 422 `url_not_allowed`. 404 when the posting is "
        "not yours. Each call registers another webhook.",
        request=WebhookIn,
        responses=responses(
            {201: WebhookCreatedEnvelope},
            NOT_FOUND,
            invalid(
                validation_example(
                    "private_url",
                    [
                        (
                            "url",
                            "url_not_allowed",
                            "10.0.0.5 is a private address; webhooks must target a public address.",
                        )
                    ],
                )
            ),
        ),
        examples=examples.WEBHOOKS_CREATE,
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
        operation_id="webhooks_retrieve",
        tags=["webhooks"],
        summary="Retrieve a webhook",
        description="The webhook's posting, URL, event type and state: `is_active` is false "
        "once it was disabled after failing for days, with the reason in `disabled_reason`. "
        "The secret is not shown again (rotate it if it was lost).",
        responses=responses({200: WebhookEnvelope}, NOT_FOUND),
        examples=examples.WEBHOOKS_RETRIEVE,
    )
    def get(self, request, webhook_id):
        webhook = selectors.webhook_get(workspace=self.workspace, webhook_id=webhook_id)
        return single("webhook", WebhookOut(webhook).data)

    @extend_schema(
        operation_id="webhooks_delete",
        tags=["webhooks"],
        summary="Delete a webhook",
        description="Deletes the webhook with its delivery log; no further event is sent to "
        "it, retries included. A second call answers 404.",
        responses=responses({200: WebhookDeletedEnvelope}, NOT_FOUND),
        examples=examples.WEBHOOKS_DELETE,
    )
    def delete(self, request, webhook_id):
        webhook = selectors.webhook_get(workspace=self.workspace, webhook_id=webhook_id)
        services.webhook_delete(webhook=webhook)
        return single("webhook", {"object": "webhook", "id": webhook_id, "deleted": True})


class WebhookRotateSecretApi(ApiView):
    @extend_schema(
        operation_id="webhooks_rotate_secret",
        tags=["webhooks"],
        summary="Rotate a webhook's secret",
        description="A new signing secret, shown only in this response. With "
        "`grace_period_seconds` (up to 7 days) the old secret keeps signing too until then: "
        "deliveries carry two `v1=` signatures, so you can deploy the new secret without "
        "rejecting anything. Without it (or 0) the old secret stops at once. Each call makes a "
        "new secret.",
        request=RotateSecretIn,
        responses=responses({200: WebhookCreatedEnvelope}, NOT_FOUND, INVALID),
        examples=examples.WEBHOOKS_ROTATE_SECRET,
    )
    def post(self, request, webhook_id):
        webhook = selectors.webhook_get(workspace=self.workspace, webhook_id=webhook_id)
        grace = validated(RotateSecretIn, request.data or {})["grace_period_seconds"]
        raw_secret = services.webhook_rotate_secret(webhook=webhook, grace_period_seconds=grace)
        return single("webhook", with_secret(webhook, raw_secret))


class WebhookEnableApi(ApiView):
    @extend_schema(
        operation_id="webhooks_enable",
        tags=["webhooks"],
        summary="Re-enable a webhook",
        description="Re-activates a webhook that was disabled after every delivery failed for "
        "3 days; its failure streak starts over. Deliveries that failed meanwhile are not "
        "resent: redeliver those you need. No body; harmless on an active webhook.",
        request=None,
        responses=responses({200: WebhookEnvelope}, NOT_FOUND),
        examples=examples.WEBHOOKS_ENABLE,
    )
    def post(self, request, webhook_id):
        webhook = selectors.webhook_get(workspace=self.workspace, webhook_id=webhook_id)
        return single("webhook", WebhookOut(services.webhook_enable(webhook=webhook)).data)


class WebhookTestApi(ApiView):
    @extend_schema(
        operation_id="webhooks_test",
        tags=["webhooks"],
        summary="Send a test event",
        description="Queues a signed event of the webhook's type to this webhook only, disabled "
        "or not, with `data.test` true and `interview_id` null, to check your endpoint and "
        "your signature check. Answers 202 with the delivery; follow it with "
        "`GET /webhooks/{webhook_id}/deliveries/{delivery_id}`. No body.",
        request=None,
        responses=responses({202: DeliveryEnvelope}, NOT_FOUND),
        examples=examples.WEBHOOKS_TEST,
    )
    def post(self, request, webhook_id):
        webhook = selectors.webhook_get(workspace=self.workspace, webhook_id=webhook_id)
        delivery = services.webhook_send_test(webhook=webhook)
        delivery = selectors.delivery_get(webhook=webhook, delivery_id=delivery.public_id)
        return single("webhook_delivery", DeliveryOut(delivery).data, status=202)


class WebhookDeliveryListApi(ApiView):
    @extend_schema(
        operation_id="webhooks_deliveries_list",
        tags=["webhooks"],
        summary="List a webhook's deliveries",
        description="One delivery per event sent to this webhook, oldest first, each with "
        "every attempt (time, status code, duration, error, the start of your answer). "
        "`status`: `pending` (waiting for its next attempt), `in_flight`, `succeeded`, or "
        "`failed` (retries exhausted, about a day). Paginated with `limit` and "
        "`starting_after`.",
        parameters=[
            *PAGE_PARAMETERS,
            OpenApiParameter(
                "status",
                str,
                enum=WebhookDelivery.Status.values,
                description="Only deliveries in this state.",
            ),
        ],
        responses=responses({200: DeliveryList}, NOT_FOUND, QUERY_INVALID),
        examples=examples.WEBHOOKS_DELIVERIES_LIST,
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
        tags=["webhooks"],
        summary="Retrieve a delivery",
        description="One delivery and its attempts. Its id is the `X-HeyMilo-Delivery-Id` "
        "header of the requests we sent; `event_id` is the event's `id` (also "
        "`Idempotency-Key`), the same on every attempt.",
        responses=responses({200: DeliveryEnvelope}, NOT_FOUND),
        examples=examples.WEBHOOKS_DELIVERIES_RETRIEVE,
    )
    def get(self, request, webhook_id, delivery_id):
        webhook = selectors.webhook_get(workspace=self.workspace, webhook_id=webhook_id)
        delivery = selectors.delivery_get(webhook=webhook, delivery_id=delivery_id)
        return single("webhook_delivery", DeliveryOut(delivery).data)


class WebhookRedeliverApi(ApiView):
    @extend_schema(
        operation_id="webhooks_deliveries_redeliver",
        tags=["webhooks"],
        summary="Redeliver an event",
        description="Sends the same event (same id and body, so your deduplication holds) "
        "again now, with a fresh retry budget; the attempts are logged on the delivery. Works "
        "on succeeded and failed deliveries alike. 409 while an attempt is in flight or when "
        "the webhook is disabled (enable it first). No body.",
        request=None,
        responses=responses(
            {202: DeliveryEnvelope},
            NOT_FOUND,
            conflict(
                "An attempt is in flight, or the webhook is disabled.",
                conflict_example(
                    "in_flight", "conflict", "The delivery is being attempted right now."
                ),
                conflict_example(
                    "disabled",
                    "conflict",
                    "The webhook is disabled; enable it before redelivering.",
                ),
            ),
        ),
        examples=examples.WEBHOOKS_DELIVERIES_REDELIVER,
    )
    def post(self, request, webhook_id, delivery_id):
        webhook = selectors.webhook_get(workspace=self.workspace, webhook_id=webhook_id)
        delivery = selectors.delivery_get(webhook=webhook, delivery_id=delivery_id)
        services.delivery_redeliver(delivery=delivery)
        delivery = selectors.delivery_get(webhook=webhook, delivery_id=delivery_id)
        return single("webhook_delivery", DeliveryOut(delivery).data, status=202)
