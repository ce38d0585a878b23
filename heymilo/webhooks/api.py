from drf_spectacular.utils import OpenApiParameter, extend_schema

from heymilo.api.pagination import paginate
from heymilo.api.schema import (
    INVALID,
    NOT_FOUND,
    PAGE_PARAMETERS,
    envelope,
    list_envelope,
    responses,
)
from heymilo.api.views import ApiView, listing, single, validated
from heymilo.webhooks import selectors, services
from heymilo.webhooks.serializers import WebhookCreatedOut, WebhookDeletedOut, WebhookIn, WebhookOut
from postings.selectors import posting_get

WebhookEnvelope = envelope("WebhookEnvelope", WebhookOut(), "webhook")
WebhookCreatedEnvelope = envelope("WebhookCreatedEnvelope", WebhookCreatedOut(), "webhook")
WebhookList = list_envelope("WebhookList", WebhookOut(many=True))
WebhookDeletedEnvelope = envelope("WebhookDeletedEnvelope", WebhookDeletedOut(), "webhook")


class WebhookListCreateApi(ApiView):
    @extend_schema(
        operation_id="webhooks_list",
        parameters=[*PAGE_PARAMETERS, OpenApiParameter("posting_id", str)],
        responses=responses({200: WebhookList}, INVALID),
    )
    def get(self, request):
        posting_id = request.query_params.get("posting_id")
        webhooks = selectors.webhook_list(workspace=self.workspace, posting_id=posting_id)
        page = paginate(webhooks, request.query_params)
        return listing(
            WebhookOut(page.rows, many=True).data,
            url="/v4/webhooks",
            total_count=page.total_count,
            has_more=page.has_more,
        )

    @extend_schema(
        operation_id="webhooks_create",
        request=WebhookIn,
        responses=responses({201: WebhookCreatedEnvelope}, NOT_FOUND, INVALID),
        description="`secret` signs every delivery and is shown only in this response.",
    )
    def post(self, request):
        data = validated(WebhookIn, request.data)
        posting = posting_get(workspace=self.workspace, posting_id=data["posting_id"])
        webhook, raw_secret = services.webhook_create(
            posting=posting, url=data["url"], event_type=data["event_type"]
        )
        body = WebhookOut(webhook).data
        body["secret"] = raw_secret
        return single("webhook", body, status=201)


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
